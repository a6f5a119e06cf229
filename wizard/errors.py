"""The errors archwiz reports to a user, each with its exit code.

Every failure a user can cause ends in one of these, printed as plain lines
without a traceback; the CLI maps each class to an exit code.
"""

from dataclasses import dataclass

from wizard.chars import printable

EXIT_OK = 0
EXIT_OUTPUT = 1  # the input was fine but the result could not be written
EXIT_INPUT = 2  # the command line or the spec is wrong; nothing was written
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    source: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.path}: {self.message}" if self.path else self.message
        return printable(f"{where}: {what}")


class ArchwizError(Exception):
    """``problems``: located problems (one per line), a message, or a message of several
    lines. Each line is made printable on its own: a line break inside user text (a
    file name) is spelled out, so it can never forge a line of the message."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: list[Problem] | list[str] | str) -> None:
        self.problems = (
            [item for item in problems if isinstance(item, Problem)] if isinstance(problems, list) else []
        )
        if isinstance(problems, str):
            text = printable(problems)
        else:
            text = "\n".join(str(item) if isinstance(item, Problem) else printable(item) for item in problems)
        super().__init__(text)


class InputError(ArchwizError):
    """The spec or the command line is wrong; exit 2 and write nothing."""


class OutputError(ArchwizError):
    """A result could not be written; exit 1, and earlier files are untouched."""

    exit_code = EXIT_OUTPUT
