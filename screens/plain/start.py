"""The first question: resume the draft, start a new document, open a sidecar, or quit.

The offers are the core's (``wizard.begin``), as on the full-screen start screen. With
no draft to offer, the question is asked before the model and the renderer are loaded
(they come in the background meanwhile), so it appears at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.plain.prompts import Choice, Help, Prompter
from wizard import begin
from wizard.errors import ArchwizError

if TYPE_CHECKING:
    from wizard.drafts import Draft, Locked, SetAside
    from wizard.session import Session


class StartElsewhere(Exception):
    """The user chose a new document beside a draft another archwiz holds: the command line
    takes that draft's sibling's lock and starts again there."""


def start(prompter: Prompter, found: Draft | SetAside | Locked | None) -> Session | None:
    """The session to edit, or None to quit."""
    if news := begin.note(found):
        prompter.say(news)
    choices = [Choice(offer.key, offer.label) for offer in begin.offers(found)]
    while True:
        picked = prompter.choose("What would you like to do?", choices, choices[0].value)
        if isinstance(picked, Help):
            prompter.say(begin.START_HELP)
            continue
        if picked == "quit":
            return None
        if picked == "elsewhere":
            raise StartElsewhere
        if picked == "read" and (held := begin.held_document(found)) is not None:
            from wizard.markdown import render_markdown

            prompter.say(render_markdown(held[0].document))
            continue
        if picked == "open" and (session := _open(prompter)):
            return session
        if (session := begin.session_for(picked, found)) is not None:
            return session


def _open(prompter: Prompter) -> Session | None:
    while True:
        path = prompter.text("Sidecar to open (empty to go back)", "", example=begin.OPEN_EXAMPLE)
        if isinstance(path, Help):
            prompter.say(begin.OPEN_HELP)
            continue
        if not path.strip():
            return None
        try:
            return begin.open_sidecar(path)
        except ArchwizError as error:
            prompter.say(str(error))
