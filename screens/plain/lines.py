"""Questions as plain lines, for terminals that cannot move the cursor (TERM=dumb).

questionary redraws its prompts with cursor movements, which a dumb terminal
(an editor's shell buffer, a serial console) prints as garbage. Here nothing is
ever redrawn: a question is one line, the answer is what the user types before
Enter, and a menu is a numbered list. That is also the easiest form for a screen
reader to follow.
"""

from typing import TextIO

from screens.plain.prompts import HELP, Choice, Help, say_to
from wizard.chars import printable

END = "."  # a line holding only this ends a multi-line answer
CLEAR = "-"  # an answer of only this empties the field


class LinePrompter:
    offers_back = False
    intro = (
        "Type an answer and press Enter. Enter alone keeps the answer in brackets; "
        f"{CLEAR} alone empties it; ? alone explains the question. "
        "Several lines end with a line holding only a dot (.). "
        "Menus take a number or part of a choice. Ctrl-C saves your answers in the draft and stops."
    )

    def __init__(self, stdin: TextIO, out: TextIO) -> None:
        self.stdin = stdin
        self.out = out

    def say(self, text: str = "") -> None:
        say_to(self.out, text)

    def _line(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def text(self, label: str, default: str, *, multiline: bool = False, example: str = "") -> str | Help:
        if multiline:
            return self._lines(label, default)
        shown = f" [{default}]" if default else (f" (e.g. {example})" if example else "")
        answer = self._line(printable(f"{label}{shown}: "))
        return _meaning(answer, default)

    def _lines(self, label: str, default: str) -> str | Help:
        if default:
            self.say(f"{label}, now:")
            self.say("\n".join(f"    {line}" for line in default.split("\n")))
        self.say(f"{label} (several lines; end with a line holding only {END}):")
        first = self._line("")
        if first in ("", "?", CLEAR, END):  # nothing typed before the end: keep, as Enter does
            return _meaning("" if first == END else first, default)
        lines = [first]
        while (line := self._line("")) != END:
            lines.append(line)
        return "\n".join(lines)

    def choose(self, label: str, choices: list[Choice], default: str | None = None) -> str | Help:
        values = [choice.value for choice in choices]
        preset = values.index(default) + 1 if default in values else None
        self.say(f"{label}")
        for number, choice in enumerate(choices, 1):
            self.say(f"  {number}. {choice.title}")
        hint = f" [{preset}]" if preset else ""
        while True:
            answer = self._line(f"Choose 1-{len(choices)}{hint}: ").strip()
            if answer == "?":
                return HELP
            if not answer and preset:
                return values[preset - 1]
            picked = _pick(answer, choices)
            if picked is not None:
                return picked
            self.say(f"Type a number from 1 to {len(choices)}, or part of one choice.")

    def confirm(self, label: str, default: bool) -> bool | Help:
        while True:
            answer = self._line(printable(f"{label} [{'Y/n' if default else 'y/N'}]: ")).strip().lower()
            if answer == "?":
                return HELP
            if not answer:
                return default
            if answer in ("y", "yes", "n", "no"):
                return answer.startswith("y")
            self.say("Answer y or n.")


def _meaning(answer: str, default: str) -> str | Help:
    if answer == "?":
        return HELP
    if answer == CLEAR:
        return ""
    return answer or default


def _pick(answer: str, choices: list[Choice]) -> str | None:
    """A choice by its number, its whole title, or the one title that starts with or
    contains ``answer`` (so "Counter" is not taken for "UpDownCounter")."""
    if answer.isdigit() and 1 <= int(answer) <= len(choices):
        return choices[int(answer) - 1].value
    wanted = answer.casefold()
    if not wanted:
        return None
    for match in (str.__eq__, str.startswith, str.__contains__):
        found = [choice.value for choice in choices if match(choice.title.casefold(), wanted)]
        if len(found) == 1:
            return found[0]
    return None
