"""Running an interactive wizard: which front end, on which draft, and what is said after.

The command line decides *that* a wizard runs; this module decides how: it reads
the file to edit or the draft to resume (refusing a bad one before any screen
appears), takes the draft's lock (or offers to read a draft someone else holds),
starts the full-screen or the plain front end, and afterwards says what was
written, where the draft is, and how to resume. After a crash it writes an
emergency copy of the answers. Each front end is imported only here, and only
when it runs: Textual costs ~150 ms to import, questionary ~100 ms.
"""

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from wizard.chars import printable
from wizard.errors import EXIT_OK, ArchwizError, InputError
from wizard.outputs import STDIN

if TYPE_CHECKING:
    from wizard.drafts import Draft, Locked, SetAside
    from wizard.lock import DraftLocked
    from wizard.session import Session


def _dumb_terminal() -> bool:
    """A terminal that cannot move its cursor, as prompt_toolkit defines it."""
    return os.environ.get("TERM", "").lower() in ("dumb", "unknown")


def _needs_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError(
            "the interactive wizard needs a terminal; to render without one, use "
            "archwiz --from SPEC.toml -o ARCHITECTURE.md ('archwiz schema' prints the format)"
        )


class FrontEnd(Protocol):
    """What the command line needs of the TUI app and of the plain wizard alike."""

    session: "Session | None"
    start_elsewhere: bool  # the user chose a new document beside a draft another archwiz holds

    @property
    def return_code(self) -> int | None: ...

    def tell(self, message: str, *, error: bool = False) -> None: ...

    def attach_draft(self, session: "Session") -> None: ...

    def run(self) -> list[Path] | None: ...


def _front_end(
    plain: bool, session: "Session | None", draft_path: Path, found: "Draft | SetAside | Locked | None"
) -> FrontEnd:
    # Each front end is imported only when used: Textual costs ~150 ms, questionary ~100 ms.
    if plain:
        from screens.plain import PlainWizard

        return PlainWizard(session, draft_path=draft_path, draft=found)
    from screens.tui.app import ArchwizApp

    return ArchwizApp(session, draft_path=draft_path, draft=found)


def run_wizard(
    edit: str | None,
    resume: str | None,
    draft: str | None,
    quiet: bool,
    plain: bool = False,
    *,
    new: bool = False,
) -> int:
    """The interactive wizard; files are read (and refused) before the screen changes.
    ``new`` starts a new document at once, with no start screen."""
    from wizard.draft_path import default_draft
    from wizard.lock import DraftLock, DraftLocked

    if edit == STDIN:
        raise InputError("edit needs a file: standard input is the terminal the wizard runs in")
    draft_path = Path(draft) if draft else default_draft(Path(edit) if edit else None)
    session = _edited(edit) if edit is not None else None
    if new:
        from wizard.session import Session

        session = Session()
    found: Draft | SetAside | Locked | None = None
    _needs_terminal()
    if not plain and _dumb_terminal():
        plain = True
        if not quiet:
            print(
                f"archwiz: this terminal (TERM={os.environ.get('TERM')}) cannot show the full-screen "
                "wizard, so the questions come line by line (--plain)",
                file=sys.stderr,
            )
    if resume:
        draft_path = Path(resume)
    _refuse_draft_outside(draft_path)
    # Locked before the draft is read, renamed aside or written; names the holder otherwise.
    lock = DraftLock(draft_path)
    try:
        unlocked = lock.acquire()
    except DraftLocked as locked:
        return _read_only(locked, plain, quiet)
    front: FrontEnd | None = None
    try:
        if resume is not None:
            session = _resumed(draft_path)
        elif edit is None and draft_path.exists():  # no draft: no model to import before the screen
            from wizard.drafts import open_draft

            found = open_draft(draft_path)  # offered on the start screen
        front = _front_end(plain, session, draft_path, found)
        if unlocked:
            front.tell(f"Note: {unlocked}.")
        if session is not None:
            front.attach_draft(session)
        written = front.run() or []
    finally:
        if front is not None and front.session is not None:
            _rescue(front.session, front.return_code)
        lock.release()
    _report(front.session, written, found, quiet, plain)
    return front.return_code or EXIT_OK


def _refuse_draft_outside(draft_path: Path) -> None:
    """A draft (or its folder) reached through a link that leads out of this folder: the
    wizard would lock, autosave, set aside and rescue there, so it does not start."""
    from wizard.atomic import link_outside

    outside = link_outside(draft_path)
    if outside is not None:
        raise InputError(
            f"the draft {draft_path} leads out of this folder through a link (to {outside}); "
            "archwiz writes nothing there: remove the link, or choose another draft with --draft PATH"
        )


def _read_only(locked: "DraftLocked", plain: bool, quiet: bool) -> int:
    """Another archwiz holds the draft: offer to read it, never to write it, or to start a
    new document beside it with a draft of its own (locked like any other)."""
    from wizard.draft_path import sibling_draft
    from wizard.drafts import Locked, read_draft

    if not locked.draft.exists():
        raise locked  # it has saved nothing yet: there is nothing to read
    try:
        draft = read_draft(locked.draft)  # never set aside: it is not ours to move
    except ArchwizError:
        raise locked from None
    elsewhere = sibling_draft(locked.draft)
    front = _front_end(plain, None, locked.draft, Locked(draft, locked.holder, elsewhere))
    front.run()
    if front.start_elsewhere:
        return run_wizard(None, None, str(elsewhere), quiet, plain, new=True)
    return front.return_code or EXIT_OK


def _report(
    session: "Session | None",
    written: list[Path],
    found: "Draft | SetAside | Locked | None",
    quiet: bool,
    plain: bool,
) -> None:
    """What the wizard leaves behind, said once it has given the terminal back."""
    from wizard.draft_path import default_draft

    if written and not quiet:
        print(printable(f"wrote {written[0]} and {written[1]}"), file=sys.stderr)
    if found is not None and session is None:
        from wizard.drafts import SetAside

        if isinstance(found, SetAside):
            print(printable(f"note: the unreadable draft was moved to {found.moved_to}"), file=sys.stderr)
    # Only a draft that holds the last answers is named: otherwise the emergency copy was.
    if session is None or quiet:
        return
    draft = session.autosave.path
    if draft and session.autosave.saved_at and not session.at_risk:
        # Plain --resume looks in the current folder: any other draft must be named.
        where = "" if draft == default_draft() else f" {shlex.quote(str(draft))}"
        command = f"archwiz --resume{where}{' --plain' if plain else ''}"
        print(printable(f"draft saved in {draft}; resume with: {command}"), file=sys.stderr)


def _edited(path: str) -> "Session":
    from wizard.session import Session
    from wizard.spec import load_spec

    document, _ = load_spec(path, allow_empty=True)
    return Session(document, source=Path(path))


def _resumed(path: Path) -> "Session":
    from wizard.drafts import SetAside, open_draft
    from wizard.session import Session

    found = open_draft(path)
    if found is None:
        raise InputError(f"--resume: there is no draft at {path}; 'archwiz' starts a new document")
    if isinstance(found, SetAside):
        raise InputError(
            f"--resume: the draft {path} could not be read, so it was moved to {found.moved_to}: "
            + found.reason
        )
    return Session.resumed(found)


def _rescue(session: "Session", code: int | None) -> None:
    """After a crash, or any way out (quit, Ctrl-C, a signal) that leaves answers in no
    saved draft and no written file: a copy, and where it is."""
    if code == 1:
        save_emergency_copy(session, "stopped on an error")
    elif session.at_risk:
        why = "the draft could not be saved" if session.autosave.path else "your answers were in no draft"
        save_emergency_copy(session, why)


def save_emergency_copy(session: "Session", why: str) -> None:
    """A copy of the model (never of the widgets): beside the draft, else here, else in
    the temporary folder, so that a folder that refuses the draft does not lose it all."""
    import tempfile

    from wizard.drafts import DRAFT_NAME, emergency_copy

    places = [
        session.autosave.path or Path(DRAFT_NAME),
        Path(DRAFT_NAME),
        Path(tempfile.gettempdir()) / DRAFT_NAME,
    ]
    error: ArchwizError | None = None
    for place in places:
        try:
            copy = emergency_copy(place, session.document, session.section)
        except ArchwizError as failed:
            error = failed
            continue
        print(printable(f"archwiz: {why}; your answers are saved in {copy}"), file=sys.stderr)
        return
    print(f"archwiz: {why}, and no emergency copy could be written: {error}", file=sys.stderr)
