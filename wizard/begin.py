"""Beginning a session, the same in every front end: what the first question offers, and
the session each choice starts.

With no draft in the folder, nothing here loads the model (the first screen must
appear at once); ``found`` comes from ``wizard.drafts`` when there is one, so that
module is loaded already then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.outputs import typed_path

if TYPE_CHECKING:
    from pathlib import Path

    from wizard.drafts import Draft, Locked, SetAside
    from wizard.session import Session

    Found = Draft | SetAside | Locked | None

START_HELP = (
    "A new document starts empty; a sidecar is the .toml file archwiz wrote beside one. "
    "A draft is the work in progress archwiz saved here."
)
OPEN_HELP = "The .toml file archwiz wrote beside a document, or any spec in its format."
OPEN_EXAMPLE = "docs/ARCHITECTURE.toml"


@dataclass(frozen=True)
class Offer:
    key: str  # "resume", "new", "open", "read", "elsewhere" or "quit"
    label: str


def offers(found: Found) -> list[Offer]:
    """The choices of the first question, the likeliest first.

    A draft another archwiz holds can only be read here, or left for a new document
    with a draft of its own beside it.
    """
    quit = Offer("quit", "Quit")
    usual = [Offer("new", "Start a new document"), Offer("open", "Open an existing sidecar (.toml)"), quit]
    if found is None:
        return usual
    from wizard.drafts import Draft, Locked

    if isinstance(found, Locked):
        held = [Offer("read", "Read the draft (read-only)")]
        if found.elsewhere is not None:
            held.append(Offer("elsewhere", f"Start a new document (its own draft, {found.elsewhere.name})"))
        return [*held, quit]
    if isinstance(found, Draft):
        return [Offer("resume", f"Resume the draft ({found.describe()})"), *usual]
    return usual


def note(found: Found) -> str:
    """What to say above the choices: whose draft is held, or which was set aside ("" if none)."""
    if found is None:
        return ""
    from wizard.drafts import Locked, SetAside

    return found.describe() if isinstance(found, Locked | SetAside) else ""


def session_for(key: str, found: Found) -> Session | None:
    """The session a choice starts ("resume" or "new"); None for the others."""
    from wizard.drafts import Draft
    from wizard.session import Session

    if key == "resume" and isinstance(found, Draft):
        return Session.resumed(found)
    if key == "new":
        return Session()
    return None


def held_document(found: Found) -> tuple[Session, str] | None:
    """The held draft's document to read (a session with no draft: nothing is ever saved
    from it), and who holds it."""
    from wizard.drafts import Locked
    from wizard.session import Session

    return (Session(found.draft.document), found.holder) if isinstance(found, Locked) else None


def open_sidecar(typed: str) -> Session:
    """A session editing the sidecar (or spec) at the path the user typed; ArchwizError
    (file, line, field, what was expected) when it cannot be read."""
    from wizard.session import Session
    from wizard.spec import load_spec

    path = typed_path(typed.strip())
    document, _ = load_spec(str(path))
    return Session(document, source=path)


def attach_draft(session: Session, path: Path | None) -> tuple[str, bool]:
    """Give a session that did not resume its draft at ``path``, any old draft there kept
    aside; what to tell the user, and whether it is an error (the session then has no
    draft: it is not autosaved)."""
    from wizard.drafts import fresh_draft

    if session.autosave.path is not None:
        return "", False
    session.autosave.path, news = fresh_draft(path)
    return news, session.autosave.path is None
