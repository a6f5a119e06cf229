"""Finishing a session, the same in every front end: what is still to do, writing the
document where the user says, and quitting without losing an answer.

A front end asks and shows; the counting, the paths, the refusals and the wording
are here, so the full-screen and the plain wizard say the same things.
"""

from dataclasses import dataclass
from pathlib import Path

from wizard.outputs import output_paths
from wizard.sections import TEMPLATE_SECTIONS, Section, SectionState, missing
from wizard.session import Session

EMPTY_SHOWN = 4  # missing parts named per section; the rest are counted


@dataclass(frozen=True)
class Todo:
    """A template section that is not complete yet, and what it still lacks."""

    section: Section
    state: SectionState
    empty: list[str]

    def lacks(self) -> str:
        """ "Empty: Summary, Problem statement, and 2 more" ("" when nothing is named)."""
        if not self.empty:
            return ""
        named = ", ".join(self.empty[:EMPTY_SHOWN])
        more = len(self.empty) - EMPTY_SHOWN
        return f"Empty: {named}" + (f", and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class Review:
    complete: int
    total: int
    todo: list[Todo]

    def headline(self) -> str:
        return f"{self.complete} of {self.total} sections complete"


def review(session: Session) -> Review:
    """How complete the document is. The author's notes and extra sections are theirs:
    never "to do", never counted."""
    states = [(section, session.state(section)) for section in TEMPLATE_SECTIONS]
    todo = [
        Todo(section, state, missing(session.document, section))
        for section, state in states
        if state is not SectionState.COMPLETE
    ]
    return Review(len(states) - len(todo), len(states), todo)


def write(session: Session, typed: str, *, force: bool = False) -> tuple[Path, Path]:
    """Write the document to the path the user typed ("" for the default), as --from would.

    Raises WouldReplace when a file in the way is not archwiz's unchanged output (the
    front end asks, then calls again with ``force``), and ArchwizError for a bad path.
    """
    markdown_path, _ = output_paths(typed.strip() or None)
    return session.write(markdown_path, force=force)


def written_news(session: Session, written: tuple[Path, Path]) -> str:
    """What a front end says after a write: the files, and any old file kept aside."""
    kept = "".join(f" Kept the old file as {backup}." for backup in session.backups)
    return f"Wrote {written[0]} and {written[1]}.{kept}"


def quit_question(session: Session) -> str:
    """What to ask before quitting, if quitting now would lose answers ("" if not).

    A front end tries to save the draft first. At risk are answers neither in a saved
    draft nor in written files, and answers the model refused (the full-screen wizard
    keeps those in its fields until they are fixed; nothing else has them).
    """
    refused = sum(session.invalid.values())
    if refused:
        answers = "answer is" if refused == 1 else "answers are"
        return f"Quit anyway? {refused} {answers} not valid yet, so not saved: the fields marked ✗."
    if not session.at_risk:
        return ""
    if session.autosave.path:
        return f"Quit anyway? The draft could not be saved ({session.autosave.error})."
    return "Quit without writing? Changes since the last write are not saved anywhere."
