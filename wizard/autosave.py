"""Keeping the work in progress on disk: whether the draft lags behind the document, the
bytes to write, and how the last save went.

Kept apart from the Session, which edits the document: a front end saves through an
Autosave (now, or serialised here and written on another thread), and both front ends
tell a failed save in the same words.
"""

import itertools
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wizard.atomic import write_files
from wizard.drafts import draft_bytes
from wizard.errors import OutputError
from wizard.model import Document

# Draft writes never overlap, and an older save never lands after a newer one
# (a background save still running when ctrl+q saves the last keystrokes).
_WRITING = threading.Lock()
_ORDER = itertools.count()
_written: dict[Path, int] = {}


@dataclass(frozen=True)
class PendingSave:
    path: Path
    data: bytes
    edits: int
    section: str
    saved: datetime
    order: int = field(default_factory=lambda: next(_ORDER))

    def write(self) -> str:
        """Write atomically; the reason it failed, or "" (safe to call from any thread)."""
        with _WRITING:
            if _written.get(self.path, -1) > self.order:
                return ""  # a newer save of this draft has landed already
            try:
                write_files([(self.path, self.data)])
            except OutputError as error:
                return str(error)
            _written[self.path] = self.order
        return ""


@dataclass
class Autosave:
    """The draft of one session: where it goes and what the last save left there."""

    path: Path | None = None  # where the work in progress is saved (None: nowhere)
    saved_edits: int = 0  # the session's ``edits`` at the last successful save
    saved_section: str = ""  # the section being edited at the last successful save
    saved_at: datetime | None = None
    clock: float = 0.0  # time.monotonic() of the last save attempt
    error: str = ""  # why the last save failed; cleared by a good one

    def lags(self, edits: int, section: str) -> bool:
        """An edit, or a move to another section (resume returns there), is not saved yet."""
        return edits != self.saved_edits or section != self.saved_section

    def prepare(self, document: Document, edits: int, section: str) -> PendingSave | None:
        """The bytes of the draft as it stands, to be written now or on another thread; None
        when there is nothing to save.

        Serialising happens on the caller's thread, so the bytes are a consistent
        picture of the document even if editing goes on meanwhile.
        """
        self.clock = time.monotonic()
        if self.path is None or not self.lags(edits, section):
            return None
        saved = datetime.now().astimezone()
        return PendingSave(self.path, draft_bytes(document, section, saved), edits, section, saved)

    def finish(self, pending: PendingSave, error: str) -> bool:
        """Record how ``pending`` went (``error``: why it failed, or ""); True if it was saved."""
        self.clock = time.monotonic()
        if error:
            self.error = error
            return False
        self.saved_edits, self.saved_section = pending.edits, pending.section
        self.saved_at, self.error = pending.saved, ""
        return True

    def news(self, had_error: str) -> str:
        """What to tell the user after a save that began with ``had_error``: a failure is told
        once per new reason (the section list keeps showing it), a success not at all."""
        if not self.error or self.error == had_error:
            return ""
        return f"Draft not saved: {self.error}. Your answers are kept in memory; archwiz keeps trying."
