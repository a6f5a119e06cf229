"""Helpers for driving the plain wizard in tests: real keys through prompt_toolkit's pipe input.

Keys are written into a pipe that questionary's prompts read, as a terminal would
deliver them; what archwiz itself prints is captured. A key script that runs out
closes the pipe, which the wizard treats as the end of input: a test never hangs.
"""

import abc
import io
import threading
from pathlib import Path
from typing import Any

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from pydantic import BaseModel

from screens.plain import PlainWizard
from screens.plain.lines import LinePrompter
from screens.plain.prompts import Choice, Help, QuestionaryPrompter
from wizard.drafts import Draft, Locked, SetAside
from wizard.model import Document
from wizard.model.base import Model
from wizard.sections import SECTIONS, FieldKind, FieldSpec, fields_of
from wizard.session import Session

ENTER = "\r"
UP = "\x1b[A"
DOWN = "\x1b[B"
F1 = "\x1bOP"
CTRL_C = "\x03"
CTRL_U = "\x15"  # clears a pre-filled answer
FINISH = "\x1b\r"  # Esc, Enter: ends a multi-line answer


def paste(text: str) -> str:
    """``text`` as a terminal pastes it (bracketed), so no character of it is taken as a key."""
    return f"\x1b[200~{text}\x1b[201~"


def pick(part: str) -> str:
    """Choose the menu entry containing ``part``, by typing it (menus filter as you type)."""
    return part + ENTER


def answer(text: str, multiline: bool = False) -> str:
    """Replace whatever the prompt offers with ``text`` and submit it."""
    return CTRL_U + paste(text) + (FINISH if multiline else ENTER)


class Transcribed(QuestionaryPrompter):
    """questionary's prompts, with each question also written to the transcript as "? label"
    (the pipe's dummy output shows nothing), so tests can see what was asked."""

    def text(self, label: str, default: str, *, multiline: bool = False, example: str = "") -> str | Help:
        self.say(f"? {label}")
        return super().text(label, default, multiline=multiline, example=example)

    def choose(self, label: str, choices: list[Choice], default: str | None = None) -> str | Help:
        self.say(f"? {label}")
        return super().choose(label, choices, default)

    def confirm(self, label: str, default: bool) -> bool | Help:
        self.say(f"? {label}")
        return super().confirm(label, default)


def play(
    keys: str,
    session: Session | None = None,
    *,
    draft_path: Path | None = None,
    found: Draft | SetAside | Locked | None = None,
) -> tuple[PlainWizard, str]:
    """Run the plain wizard on ``keys``; the wizard and everything it printed."""
    out = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):

        def feed() -> None:
            pipe.send_text(keys)  # blocks while the pipe is full, until prompts read it
            pipe.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        wizard = PlainWizard(session, draft_path=draft_path, draft=found, prompter=Transcribed(out))
        if session is not None:
            wizard.attach_draft(session)
        wizard.run()
        feeder.join(timeout=5)
    return wizard, out.getvalue()


def play_lines(
    lines: str,
    session: Session | None = None,
    *,
    draft_path: Path | None = None,
    found: Draft | SetAside | Locked | None = None,
) -> tuple[PlainWizard, str]:
    """The same, for the line prompts of a dumb terminal: ``lines`` is everything typed."""
    out = io.StringIO()
    prompter = LinePrompter(io.StringIO(lines), out)
    wizard = PlainWizard(session, draft_path=draft_path, draft=found, prompter=prompter)
    if session is not None:
        wizard.attach_draft(session)
    wizard.run()
    return wizard, out.getvalue()


# Typing a whole document, section by section, as a user would ----------------------------


class Typist(abc.ABC):
    """What a user types to fill in a document from the start: the walk over the registry is
    shared; each front end's keys for one answer differ (``Keys`` for questionary, ``Lines``
    for the line prompts)."""

    new_document = go_on = review = write = quit = ENTER

    @abc.abstractmethod
    def text(self, spec: FieldSpec, text: str) -> str: ...

    @abc.abstractmethod
    def choice(self, spec: FieldSpec, value: str | None) -> str: ...

    @abc.abstractmethod
    def flag(self, value: bool) -> str: ...

    @abc.abstractmethod
    def add(self, first: bool) -> str: ...

    @abc.abstractmethod
    def done(self, any_items: bool) -> str: ...

    @abc.abstractmethod
    def path(self, markdown: Path) -> str: ...

    def field(self, spec: FieldSpec, value: Any) -> str:
        if spec.kind is FieldKind.GROUP:
            assert spec.model is not None
            return self.fields(spec.model, value)
        if spec.kind in (FieldKind.ITEMS, FieldKind.TEXT_LIST):
            return self.items(spec, value)
        if spec.kind is FieldKind.CHOICE:
            return self.choice(spec, value)
        if spec.kind is FieldKind.FLAG:
            return self.flag(value)
        return self.text(spec, spec.as_text(value))

    def fields(self, model: type[BaseModel], value: BaseModel) -> str:
        keys = ""
        for spec in fields_of(model):
            if isinstance(value, Model) and value.is_not_applicable(spec.name):
                reason = value.not_applicable_reason(spec.name)
                keys += self.text(spec, f"n/a: {reason}" if reason else "n/a")
            else:
                keys += self.field(spec, getattr(value, spec.name))
        return keys

    def items(self, spec: FieldSpec, items: list[Any]) -> str:
        keys = ""
        for number, item in enumerate(items):
            keys += self.add(first=number == 0)
            if spec.kind is FieldKind.TEXT_LIST:
                keys += self.text(spec.item_field(), item)
            else:
                assert spec.model is not None
                keys += self.fields(spec.model, item)
        return keys + self.done(bool(items))

    def document(self, document: Document, markdown: Path) -> str:
        """Every section in order, then review, write to ``markdown`` and quit."""
        keys = self.new_document
        for section in SECTIONS:
            value = getattr(document, section.key)
            keys += self.go_on
            keys += self.items(section.spec, value) if section.is_list else self.fields(section.model, value)
        return keys + self.review + self.write + self.path(markdown) + self.quit


class Keys(Typist):
    """Keys for questionary's prompts."""

    def text(self, spec: FieldSpec, text: str) -> str:
        return answer(text, spec.multiline) if text else CTRL_U + (FINISH if spec.multiline else ENTER)

    def choice(self, spec: FieldSpec, value: str | None) -> str:
        # Arrow keys from the field's default choice, where a new answer starts; a choice
        # that may stay unanswered offers "Not answered" first.
        choices = ("", *spec.choices) if spec.default is None else spec.choices
        steps = choices.index(value or "") - choices.index(spec.default or "")
        return (DOWN * steps if steps > 0 else UP * -steps) + ENTER

    def flag(self, value: bool) -> str:
        return ("y" if value else "n") + ENTER

    def add(self, first: bool) -> str:
        # The menu starts on "Done"; "Add" is chosen by typing it (a diagram list has more
        # entries than the usual ones); after an add the menu offers "Add" again.
        return pick("Add ") if first else ENTER

    def done(self, any_items: bool) -> str:
        return pick("Done with") if any_items else ENTER

    def path(self, markdown: Path) -> str:
        return answer(str(markdown))


class Lines(Typist):
    """Lines for the line prompts (TERM=dumb): Enter takes the choice in brackets."""

    new_document = go_on = review = write = quit = "\n"

    def text(self, spec: FieldSpec, text: str) -> str:
        if spec.multiline:
            return f"{text}\n.\n" if text else "\n"
        return f"{text}\n"

    def choice(self, spec: FieldSpec, value: str | None) -> str:
        return f"{value}\n" if value else "\n"  # Enter takes the default: "Not answered"

    def flag(self, value: bool) -> str:
        return "y\n" if value else "n\n"

    def add(self, first: bool) -> str:
        return "add\n" if first else "\n"

    def done(self, any_items: bool) -> str:
        return "done\n" if any_items else "\n"

    def path(self, markdown: Path) -> str:
        return f"{markdown}\n"


def keys_for_document(document: Document, markdown: Path) -> str:
    return Keys().document(document, markdown)
