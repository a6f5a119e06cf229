"""The first question: resume the draft, start a new document, open a sidecar, or quit.

When another archwiz holds the draft, the only offer is to read it.
"""

from pathlib import Path

from screens.plain.prompts import Choice, Help, Prompter
from wizard.drafts import Draft, Locked, SetAside
from wizard.errors import ArchwizError
from wizard.markdown import render_markdown
from wizard.outputs import typed_path
from wizard.session import Session
from wizard.spec import load_spec


def start(prompter: Prompter, found: Draft | SetAside | Locked | None) -> Session | None:
    """The session to edit, or None to quit."""
    if isinstance(found, Locked):
        prompter.say(found.describe())
        if prompter.confirm("Show the draft here, read-only?", True) is True:
            prompter.say(render_markdown(found.draft.document))
        return None
    if isinstance(found, SetAside):
        prompter.say(found.describe())
    choices = [
        Choice("new", "Start a new document"),
        Choice("open", "Open an existing sidecar (.toml)"),
        Choice("quit", "Quit"),
    ]
    if isinstance(found, Draft):
        choices.insert(0, Choice("resume", f"Resume the draft ({found.describe()})"))
    while True:
        picked = prompter.choose("What would you like to do?", choices, choices[0].value)
        if picked == "resume" and isinstance(found, Draft):
            return Session.resumed(found)
        if picked == "new":
            return Session()
        if picked == "open" and (session := _open(prompter)):
            return session
        if picked == "quit":
            return None
        if isinstance(picked, Help):
            prompter.say("A new document starts empty; a sidecar is the .toml file archwiz wrote beside one.")


def _open(prompter: Prompter) -> Session | None:
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
