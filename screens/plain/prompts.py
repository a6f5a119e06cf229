"""How the plain wizard talks to a user: three kinds of question, and lines of text.

The wizard asks through a ``Prompter`` and never knows which one: questionary's
prompts on an ordinary terminal, or ``LinePrompter`` (screens/plain/lines.py)
where the terminal cannot move its cursor (TERM=dumb). Either way the user can
ask for help instead of answering: the prompter then returns ``HELP``.

Ctrl-C is never swallowed: questionary's ``.ask()`` would turn it into None
(and None into the model), so every question goes through ``.unsafe_ask()``,
which lets KeyboardInterrupt reach the wizard, where the draft is saved.
"""

import sys
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

from wizard.chars import printable


class Help:
    """The answer "tell me more about this question"."""

    def __repr__(self) -> str:
        return "HELP"


HELP = Help()


@dataclass(frozen=True)
class Choice:
    value: str
    title: str


class Prompter(Protocol):
    intro: str  # how to answer, said once at the start

    def say(self, text: str = "") -> None: ...

    def text(self, label: str, default: str, *, multiline: bool = False, example: str = "") -> str | Help: ...

    def choose(self, label: str, choices: list[Choice], default: str | None = None) -> str | Help: ...

    def confirm(self, label: str, default: bool) -> bool | Help: ...


def say_to(out: TextIO, text: str) -> None:
    """Lines of text, each made safe for the terminal: user text is never a control sequence."""
    for line in text.split("\n"):
        out.write(printable(line.replace("\t", "    ")) + "\n")
    out.flush()


def _help_keys() -> KeyBindings:
    keys = KeyBindings()
    # Eager, and merged after questionary's own bindings: a menu's type-to-filter keys are
    # eager too, and of two eager bindings for a key the later one wins.

    @keys.add("f1", eager=True)
    def _f1(event: Any) -> None:
        event.app.exit(result=HELP)

    # "?" asks for help only on an empty answer, so it can still be typed inside one.
    @keys.add("?", filter=Condition(lambda: not get_app().current_buffer.text), eager=True)
    def _question_mark(event: Any) -> None:
        event.app.exit(result=HELP)

    return keys


class QuestionaryPrompter:
    intro = (
        "Enter keeps the answer shown. F1, or ? on an empty answer, explains a question. "
        "Menus take the arrow keys, or type part of a choice. "
        "Ctrl-C saves your answers in the draft and stops."
    )

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout

    def say(self, text: str = "") -> None:
        say_to(self.out, text)

    def _ask(self, question: questionary.Question) -> Any:
        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), _help_keys()])
        return question.unsafe_ask()

    def text(self, label: str, default: str, *, multiline: bool = False, example: str = "") -> str | Help:
        # The example sits beside an empty answer (a placeholder would linger after an empty reply).
        hints = [f"e.g. {example}"] if example and not default and "\n" not in example else []
        if multiline:
            hints.append("finish with Esc then Enter")
        instruction = printable(f"({'; '.join(hints)})") if hints else None
        return self._ask(  # type: ignore[no-any-return]
            questionary.text(printable(label), default=default, multiline=multiline, instruction=instruction)
        )

    def choose(self, label: str, choices: list[Choice], default: str | None = None) -> str | Help:
        options = [questionary.Choice(printable(choice.title), choice.value) for choice in choices]
        return self._ask(  # type: ignore[no-any-return]
            questionary.select(
                printable(label),
                options,
                default=default,
                use_search_filter=True,
                use_jk_keys=False,
                instruction="(arrow keys, or type part of a choice)",
            )
        )

    def confirm(self, label: str, default: bool) -> bool | Help:
        return self._ask(questionary.confirm(printable(label), default=default))  # type: ignore[no-any-return]
