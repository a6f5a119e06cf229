"""Markdown building blocks: mdutils' primitives, wrapped so their output is lint-clean.

Every function takes text that is already escaped (or our own markup) and returns
one block with no surrounding blank lines; the renderer joins blocks with one
blank line. mdutils is used for what it does right (headings, simple lists) and
bypassed where it is wrong:

- ``MdUtils`` itself grows one string with ``+=`` on an attribute, which is
  quadratic on a large document, so only its stateless tools are used;
- ``TextUtils.insert_code`` never lengthens the fence: see ``escape.fence``;
- ``MDCheckbox`` turns an item starting with "x" into a ticked one, so
  checklists are plain list items with our own box;
- ``MDList`` takes an item that starts with "-", "*", "+" or a digit and "." to
  be already marked and leaves it bare; escaped text never starts with the first
  three, and ``bullets`` escapes the dot of "1.5 GB";
- nested lists use four spaces where the template uses three, so lists whose
  items hold blocks are built in ``fields`` (``list_item``);
- ``Table`` escapes every "|" again, even an escaped one, so tables are built here.
"""

import re
from collections.abc import Iterable, Sequence

from mdutils.tools.Header import Header, HeaderStyle
from mdutils.tools.MDList import MDList
from mdutils.tools.TextUtils import TextUtils

from wizard.markdown.escape import fence

MISSING = "_TBD_"
"""What an unanswered part shows, so gaps in the architecture stay visible."""

MISSING_BLOCK = f"{MISSING}."
"""The marker standing alone as a paragraph: the full stop keeps linters from taking an
emphasised paragraph for a heading (MD036), and it reads as the sentence it is."""


def block(text: str) -> str:
    """A block as the document joins it: the bare marker gets its full stop."""
    return MISSING_BLOCK if text == MISSING else text


def lines(items: Sequence[str]) -> str:
    """Lines that show as lines: a hard break (a trailing backslash) ends each but the last,
    as the template lays out its header and owner lines (a bare newline would join them)."""
    return "\\\n".join(items)


def heading(level: int, text: str) -> str:
    return str(Header(level, text, HeaderStyle.ATX)).strip("\n")


def bold(text: str) -> str:
    return str(TextUtils.bold(text))


def label(text: str) -> str:
    """``**Label:**``, as the template writes a label standing before a block."""
    return bold(f"{text}:")


_LOOKS_MARKED = re.compile(r"^(\d)\.")


def _md_list(items: Sequence[str], marker: str) -> str:
    if not items:
        return MISSING
    # Escaping the dot keeps "1.5 GB" from being taken as an item mdutils need not mark.
    unmarked = [_LOOKS_MARKED.sub(r"\1\\.", item) for item in items]
    return str(MDList(unmarked, marker).get_md()).rstrip("\n")


def bullets(items: Sequence[str]) -> str:
    return _md_list(items, "-")


def numbered(items: Sequence[str]) -> str:
    return _md_list(items, "1")


def checklist(items: Iterable[tuple[bool, str]]) -> str:
    lines = [f"[{'x' if done else ' '}] {text or MISSING}" for done, text in items]
    return bullets(lines)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table of cells already escaped for a cell (``|`` as ``\\|``).

    Built here, not with mdutils: its Table escapes every ``|`` again, which breaks a cell
    holding the author's own ``\\|``.
    """
    if not rows:
        return MISSING
    lines = [_row(header), _row(["---"] * len(header))]
    lines.extend(_row([cell or MISSING for cell in row]) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def code(text: str, language: str) -> str:
    # The sidecar keeps tabs as typed; the page gets spaces, as Markdown linters require (MD010).
    return fence(text.expandtabs(4), language) if text else MISSING
