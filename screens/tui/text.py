"""User text on screen: always literal, never markup, never a raw terminal control.

Textual parses strings as markup in many places (labels, notifications, table
cells, option lists). Everything a user typed reaches the screen through
``literal``, which builds a ``Content`` object that is never parsed and spells
out any control character, so ``[@click=app.quit]`` is just text.
"""

import re

from rich.text import Text
from textual.content import Content

from wizard.chars import ALWAYS_FORBIDDEN, printable

_FORBIDDEN = re.compile(f"[{ALWAYS_FORBIDDEN}]")
# Whole escape sequences (colours, titles, cursor moves) as pasted from a terminal:
# dropping only the ESC would leave "[31m" behind in the user's text.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same, as one C1 character
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window titles, hyperlinks
    r"|\x1b[@-_]"  # any other two-character escape
)


def literal(text: str) -> Content:
    return Content(printable(text))


def literal_lines(text: str) -> Content:
    """``literal``, keeping the line breaks of a message of several lines (a report, a diff)."""
    return Content("\n").join(literal(line) for line in text.split("\n"))


def one_line(text: str, width: int = 60) -> Content:
    """A short single-line summary of possibly multi-line text, for list rows."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    if len(first) > width or "\n" in text.strip():
        first = first[: width - 1] + "…"
    return literal(first)


def one_line_text(text: str, width: int = 60) -> Text:
    """``one_line`` for the widgets that still take Rich text (DataTable cells)."""
    return Text(one_line(text, width).plain)


def strip_controls(text: str) -> tuple[str, int]:
    """Text without the characters the model refuses anyway, and how many were removed."""
    text, sequences = _ESCAPE_SEQUENCE.subn("", text)
    text, characters = _FORBIDDEN.subn("", text)
    return text, sequences + characters
