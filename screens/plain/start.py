"""The first question: resume the draft, start a new document, open a sidecar, or quit.

When another archwiz holds the draft, the only offer is to read it. With no draft
to offer, the question is asked before the model and the renderer are loaded
(they come in the background meanwhile), so it appears at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from screens.plain.prompts import Choice, Help, Prompter
from wizard.errors import ArchwizError
from wizard.outputs import typed_path

if TYPE_CHECKING:
    from wizard.drafts import Draft, Locked, SetAside
    from wizard.session import Session


class StartElsewhere(Exception):
    """The user chose a new document beside a draft another archwiz holds: the command line
    takes that draft's sibling's lock and starts again there."""


def start(prompter: Prompter, found: Draft | SetAside | Locked | None) -> Session | None:
    """The session to edit, or None to quit."""
    choices = [
        Choice("new", "Start a new document"),
        Choice("open", "Open an existing sidecar (.toml)"),
        Choice("quit", "Quit"),
    ]
    resume: Draft | None = None
    if found is not None:
        from wizard.drafts import Draft, Locked, SetAside  # loaded already: found came from there

        if isinstance(found, Locked):
            _read_only(prompter, found)
            if found.elsewhere is not None:
                question = f"Start a new document here, with its own draft ({found.elsewhere.name})?"
                if prompter.confirm(question, False) is True:
                    raise StartElsewhere
            return None
        if isinstance(found, SetAside):
            prompter.say(found.describe())
        if isinstance(found, Draft):
            resume = found
            choices.insert(0, Choice("resume", f"Resume the draft ({found.describe()})"))
    while True:
        picked = prompter.choose("What would you like to do?", choices, choices[0].value)
        if isinstance(picked, Help):
            prompter.say("A new document starts empty; a sidecar is the .toml file archwiz wrote beside one.")
            continue
        if picked == "quit":
            return None
        from wizard.session import Session

        if picked == "resume" and resume is not None:
            return Session.resumed(resume)
        if picked == "new":
            return Session()
        if picked == "open" and (session := _open(prompter)):
            return session


def _read_only(prompter: Prompter, locked: Locked) -> None:
    prompter.say(locked.describe())
    if prompter.confirm("Show the draft here, read-only?", True) is True:
        from wizard.markdown import render_markdown

        prompter.say(render_markdown(locked.draft.document))


def _open(prompter: Prompter) -> Session | None:
    from wizard.session import Session
    from wizard.spec import load_spec

    while True:
        path = prompter.text("Sidecar to open (empty to go back)", "", example="docs/ARCHITECTURE.toml")
        if isinstance(path, Help):
            prompter.say("The .toml file archwiz wrote beside a document, or any spec in its format.")
            continue
        if not path.strip():
            return None
        try:
            path = str(typed_path(path.strip()))
            document, _ = load_spec(path)
        except ArchwizError as error:
            prompter.say(str(error))
            continue
        return Session(document, source=Path(path))
