"""Drafts: the work in progress, saved often, kept apart from the published files.

A draft is a sidecar (so ``archwiz --from`` renders it) whose first line marks it
as a draft and records when it was saved and which section was open. By default
it lives in the folder archwiz works in, as ``.archwiz-draft.toml``; when a
sidecar is being edited, beside that sidecar; ``--draft PATH`` chooses another.

A draft that cannot be read (truncated, not TOML, from a newer archwiz) is
never overwritten: it is renamed aside with a timestamp and the user is told.
"""

import os
import re
import shlex
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wizard.atomic import link_outside, write_files, write_new
from wizard.draft_path import DRAFT_NAME, default_draft
from wizard.errors import ArchwizError, InputError, OutputError
from wizard.model import Document
from wizard.sections import progress
from wizard.sidecar import dump_toml
from wizard.spec import load_spec

__all__ = ["DRAFT_NAME", "default_draft"]  # re-exported: callers need not know the split

_MARK = "# archwiz draft: not published."
_META = re.compile(r"^# archwiz draft: not published\. section=(?P<section>\w*) saved=(?P<saved>\S+)$")


@dataclass(frozen=True)
class Draft:
    path: Path
    document: Document
    section: str  # the key of the section open when it was saved ("" if unknown)
    saved: datetime | None

    def describe(self) -> str:
        """'saved 2026-11-25 22:50, 5 of 21 sections complete', for the start screen."""
        done, total = progress(self.document)
        when = f"saved {self.saved:%Y-%m-%d %H:%M}" if self.saved else "saved at an unknown time"
        return f"{when}, {done} of {total} sections complete"


@dataclass(frozen=True)
class Locked:
    """A draft another archwiz is editing: it can be read, never written, from here."""

    draft: Draft
    holder: str  # "archwiz pid 123 on host since 2026-11-26T14:00:00+00:00"
    elsewhere: Path | None = None  # where a new document started from here keeps its draft

    def describe(self) -> str:
        return (
            f"The draft {self.draft.path} is being edited by {self.holder}. "
            "Close that archwiz to edit it here; until then you can read it"
            + (", or start a new document with a draft of its own." if self.elsewhere else ".")
        )


@dataclass(frozen=True)
class SetAside:
    """A draft that could not be read, and where it was moved."""

    original: Path
    moved_to: Path
    reason: str

    def describe(self) -> str:
        return (
            f"The draft {self.original} could not be read, so it was moved to {self.moved_to} "
            f"(nothing was deleted): {self.reason}"
        )


def draft_bytes(document: Document, section: str, saved: datetime) -> bytes:
    return (
        f"{_MARK} section={section} saved={saved.isoformat(timespec='seconds')}\n".encode()
        + dump_toml(document).encode()
    )


def save_draft(path: Path, document: Document, section: str, now: datetime | None = None) -> datetime:
    """Write the draft atomically; raises OutputError (disk full, read-only...) for the caller to report."""
    saved = now or datetime.now().astimezone()
    write_files([(path, draft_bytes(document, section, saved))])
    return saved


class NotADraft(InputError):
    """A file where a draft should be that archwiz did not write as one: a spec of the
    user's, or a link planted to one. Autosaving there would replace it, so it is refused,
    and neither moved nor written."""


def read_draft(path: Path) -> Draft:
    """The draft at ``path``; raises ArchwizError (InputError) when it cannot be used."""
    if os.path.exists(path) and not os.path.isfile(path):
        raise NotADraft(
            f"{path} is not a regular file (a FIFO or a device?); a draft is a file: "
            "choose another with --draft PATH"
        )
    document, raw = load_spec(str(path), allow_empty=True)
    first = raw.split(b"\n", 1)[0].decode("utf-8", "replace")
    meta = _META.match(first)
    if meta is None:
        raise NotADraft(
            f"{path} is not an archwiz draft (its first line is not archwiz's draft line), so "
            f"archwiz will not autosave over it; to edit it, run: archwiz edit {shlex.quote(str(path))}"
        )
    saved = None
    if meta:
        try:
            saved = datetime.fromisoformat(meta["saved"])
        except ValueError:
            saved = None
    return Draft(path, document, meta["section"], saved)


def open_draft(path: Path) -> Draft | SetAside | None:
    """The draft if there is a usable one; a broken one is renamed aside, never overwritten."""
    if not path.exists():
        return None
    try:
        return read_draft(path)
    except NotADraft:
        raise  # not ours to move: the user is told, and nothing is touched
    except ArchwizError as error:
        reason = str(error)
    return SetAside(path, set_aside(path, "unreadable"), reason)


def fresh_draft(path: Path | None) -> tuple[Path | None, str]:
    """Where a session that did not resume saves its draft, any old draft being kept aside;
    and what to tell the user about it ("" when there is nothing to say)."""
    if path is None or not path.exists():
        return path, ""
    try:
        aside = set_aside(path, "previous")
    except OutputError as error:
        return None, f"{error}; this session is not autosaved."
    return path, f"The previous draft was kept as {aside}."


def set_aside(path: Path, why: str) -> Path:
    """Move an existing draft out of the way (``why`` names the reason in the new name)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside, number = path.with_name(f"{path.name}.{why}-{stamp}"), 2
    while os.path.lexists(aside):  # two in one second: never rename over the first
        aside, number = path.with_name(f"{path.name}.{why}-{stamp}-{number}"), number + 1
    try:
        path.rename(aside)
    except OSError as error:
        raise OutputError(f"cannot move the draft {path} aside: {error.strerror}") from None
    return aside


def emergency_copy(path: Path, document: Document, section: str) -> Path:
    """A last copy of the model after a crash, next to the draft and never over it.

    Created new and private (mode 0600, a random part in its name, never through a
    link): it may land in the shared temporary folder, where another user could have
    planted a link under a name we would pick.
    """
    outside = link_outside(path.parent / "x")
    if outside is not None:
        raise OutputError(f"{path.parent} leads out of this folder (to {outside.parent}); no copy goes there")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    data = draft_bytes(document, section, datetime.now().astimezone())
    return write_new(path.parent, f"{path.name}.emergency-{stamp}-", ".toml", data)
