"""How the plain wizard talks to a user: three kinds of question, and lines of text.

The wizard asks through a ``Prompter`` and never knows which one: questionary's
prompts on an ordinary terminal, or ``LinePrompter`` (screens/plain/lines.py)
where the terminal cannot move its cursor (TERM=dumb). Either way the user can
ask for help instead of answering: the prompter then returns ``HELP``.

Ctrl-C is never swallowed: questionary's ``.ask()`` would turn it into None
(and None into the model), so every question goes through ``.unsafe_ask()``,
which lets KeyboardInterrupt reach the wizard, where the draft is saved.
"""

import asyncio
import gc
import sys
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from questionary.prompts.common import InquirerControl

from wizard.chars import printable


@dataclass(frozen=True)
class Help:
    """The answer "tell me more about this question", with what was typed so far (to keep)."""

    typed: str | None = None


HELP = Help()


@dataclass(frozen=True)
class Choice:
    value: str
    title: str


class Prompter(Protocol):
    intro: str  # how to answer, said once at the start
    # Whether a refused answer can be offered back to edit in place. Where it cannot (plain
    # lines), offering it would only make Enter accept it as it was.
    offers_back: bool

    def say(self, text: str = "") -> None: ...

    def text(self, label: str, default: str, *, multiline: bool = False, example: str = "") -> str | Help: ...

    def choose(self, label: str, choices: list[Choice], default: str | None = None) -> str | Help: ...

    def confirm(self, label: str, default: bool) -> bool | Help: ...


def say_to(out: TextIO, text: str) -> None:
    """Lines of text, each made safe for the terminal: user text is never a control sequence."""
    for line in text.split("\n"):
        out.write(printable(line.replace("\t", "    ")) + "\n")
    out.flush()


def _typed() -> str:
    return get_app().current_buffer.text


@Condition
def _nothing_typed() -> bool:
    return not _typed()


@Condition
def _filter_matches_nothing() -> bool:
    """A menu's type-to-filter text fits no entry: questionary would then take the first."""
    for control in get_app().layout.find_all_controls():
        if isinstance(control, InquirerControl) and control.search_filter:
            wanted = control.search_filter.lower()
            return not any(wanted in str(choice.title).lower() for choice in control.choices)
    return False


def _collect_while_reading() -> None:
    """Collect garbage just after a question is drawn, while it is being read.

    Each question leaves a prompt_toolkit application of several thousand objects in
    reference cycles. Left to the collector's own schedule, a full collection falls
    between two questions now and then, and with a large document loaded it holds the
    next question back by a tenth of a second (bench_plain.py measured it).
    """
    asyncio.get_running_loop().call_later(0.05, gc.collect)


def _extra_keys() -> KeyBindings:
    keys = KeyBindings()
    # Eager, and merged after questionary's own bindings: a menu's type-to-filter keys are
    # eager too, and of two eager bindings for a key the later one wins.

    @keys.add("f1", eager=True)
    def _f1(event: Any) -> None:
        event.app.exit(result=Help(_typed()))

    # "?" asks for help only on an empty answer, so it can still be typed inside one.
    @keys.add("?", filter=_nothing_typed, eager=True)
    def _question_mark(event: Any) -> None:
        event.app.exit(result=Help(""))

    @keys.add("enter", filter=_filter_matches_nothing, eager=True)
    def _no_such_entry(event: Any) -> None:
        event.app.output.bell()  # nothing is chosen; Backspace mends the filter

    return keys


class QuestionaryPrompter:
    offers_back = True
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
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), _extra_keys()])
        app.pre_run_callables.append(_collect_while_reading)
        return question.unsafe_ask()

    def text(self, label: str, default: str, *, multiline: bool = False, example: str = "") -> str | Help:
        instruction = None
        if multiline:
            # The answer starts on a line of its own (after "\n>", as questionary's own hint
            # does): beside the question it would be squeezed into a narrow column, taller
            # than the terminal, which prompt_toolkit then draws as an empty screen. The
            # example goes on a line of its own too, above.
            if example and not default:
                self.say(f"e.g. {example}" if "\n" not in example else f"e.g.\n{example}")
            instruction = "(Esc then Enter to finish)\n>"
        elif example and not default and "\n" not in example:
            instruction = printable(f"(e.g. {example})")  # beside an empty answer only
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
        # y or n, then Enter: an Enter typed out of habit must not answer the next question.
        question = questionary.confirm(printable(label), default=default, auto_enter=False)
        return self._ask(question)  # type: ignore[no-any-return]
