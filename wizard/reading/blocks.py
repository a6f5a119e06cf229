"""A Markdown text as the blocks a reader meets, in order, each with its source and line.

Blocks are found with a CommonMark parser (markdown-it-pyrs, with GFM tables), so a ``#``
line inside a fence is never a heading and a list ends where Markdown ends it; the values
are then taken from the source itself, byte for byte, so the author's Markdown comes back
as they wrote it rather than as a parser would print it again.
"""

import re
from dataclasses import dataclass
from typing import Any

from markdown_it_pyrs import MarkdownIt

from wizard.markdown.prose import mask_loose_backticks

_MD = MarkdownIt("commonmark").enable_many(["table", "strikethrough"])

HEADING = "heading"
PARAGRAPH = "paragraph"
FENCE = "fence"
TABLE = "table"
BULLETS = "bullet_list"
NUMBERED = "ordered_list"
RULE = "hr"
HTML = "html_block"
_KINDS = {"lheading": HEADING, "code_block": FENCE}

_ATX = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]+|$)|[ \t]+#+[ \t]*$|[ \t]*$")
_MARKER = re.compile(r"^[ ]{0,3}([-+*]|\d{1,9}[.)])([ \t]*)")


@dataclass(frozen=True)
class Block:
    kind: str  # one of the names above, or what the parser calls it (blockquote, ...)
    text: str  # its source, from the start of its first line, without the line break after it
    line: int  # where it starts, counted from 1 in the whole document
    level: int = 0  # a heading's
    node: Any = None  # the parser's node: list items, table cells, a fence's info
    # Where it stands in the text it was read from, so that consecutive blocks come back with
    # what the author put between them (a list may follow a paragraph with no blank line).
    origin: bytes | None = None
    start: int = 0
    end: int = 0

    @property
    def title(self) -> str:
        """A heading's text as written (still escaped)."""
        first = self.text.split("\n", 1)[0]
        return (
            first.strip() if self.node is not None and self.node.name == "lheading" else _ATX.sub("", first)
        )


@dataclass(frozen=True)
class Item:
    """One list item: its content with the marker taken off and its indentation undone, so
    it reads as Markdown standing alone."""

    content: str
    line: int
    marker: str


def blocks(text: str, first_line: int = 1) -> list[Block]:
    src = text.encode("utf-8", "surrogatepass")
    tree = _parse(text)
    if tree is None:
        # A text this parser cannot read (one of its panics) is kept whole, as one block.
        return (
            [Block(PARAGRAPH, text.strip("\n"), first_line, origin=src, start=0, end=len(src))]
            if text.strip()
            else []
        )
    found = []
    for node in tree.children:
        if node.srcmap is None:
            continue
        start, end = int(node.srcmap[0]), int(node.srcmap[1])
        start = src.rfind(b"\n", 0, start) + 1  # from its line's start: an indented block keeps its indent
        source = src[start:end].decode("utf-8", "surrogatepass").rstrip("\n")
        kind = _KINDS.get(node.name, node.name)
        line = first_line + src.count(b"\n", 0, start)
        found.append(
            Block(
                kind,
                source,
                line,
                int(node.meta.get("level", 0)),
                node,
                src,
                start,
                start + len(source.encode("utf-8", "surrogatepass")),
            )
        )
    return found


def _parse(text: str) -> Any:
    """The parser's tree, or None where markdown-it-pyrs panics."""
    try:
        # Backticks that open no code span hidden, byte for byte: markdown-it-pyrs 0.4.0
        # panics on some (wizard.markdown.prose says which); the offsets stay true.
        return _MD.tree(mask_loose_backticks(text))
    except BaseException as error:  # pyo3's PanicException derives from BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        return None


def source_of(parts: list[Block]) -> str:
    """The Markdown of consecutive blocks as the author wrote it, what stands between them
    included; blocks from different places are joined by a blank line."""
    out: list[str] = []
    for index, part in enumerate(parts):
        before = parts[index - 1] if index else None
        if (
            before is not None
            and part.origin is not None
            and before.origin is part.origin
            and before.end <= part.start
        ):
            out.append(part.origin[before.end : part.start].decode("utf-8", "surrogatepass"))
        elif before is not None:
            out.append("\n\n")
        out.append(part.text)
    return "".join(out)


def items(block: Block) -> list[Item]:
    """A list's items, each as Markdown of its own."""
    src = block.text.encode("utf-8", "surrogatepass")
    node = block.node
    base = int(node.srcmap[0]) if node is not None and node.srcmap else 0
    # The block's text starts at its line's start; the node's offsets at its marker.
    shift = len(src) - len(src.lstrip(b" ")) if base else 0
    out = []
    for child in node.children if node is not None else []:
        if child.srcmap is None:
            continue
        start = int(child.srcmap[0]) - base + shift
        end = int(child.srcmap[1]) - base + shift
        start = src.rfind(b"\n", 0, max(start, 0)) + 1
        raw = src[start:end].decode("utf-8", "surrogatepass").rstrip("\n")
        first, _, rest = raw.partition("\n")
        found = _MARKER.match(first)
        if found is None:
            out.append(Item(raw, block.line + src.count(b"\n", 0, start), ""))
            continue
        spaces = found.group(2)
        # Five or more spaces after the marker: the content starts after one, the rest is
        # an indented code block's indent (CommonMark).
        width = found.end(1) + (
            1 if len(spaces.expandtabs(4)) > 4 or not first[found.end() :] else len(spaces)
        )
        lines = [first[width:] if len(first) >= width else first[found.end() :]]
        for line in rest.split("\n") if rest else []:
            pad = len(line) - len(line.lstrip(" "))
            lines.append(line[min(pad, width) :])
        if not lines[0].strip() and len(lines) > 1:
            lines = lines[1:]  # "-" alone on its line: the content starts on the next
        out.append(Item("\n".join(lines), block.line + src.count(b"\n", 0, start), found.group(1)))
    return out


def cells(block: Block) -> list[list[str]]:
    """A table's rows (the header first), each cell's source as written (pipes still escaped)."""
    src = block.text.encode("utf-8", "surrogatepass")
    node = block.node
    base = int(node.srcmap[0]) - (len(src) - len(src.lstrip(b" ")))
    rows = []
    for part in node.children:  # thead, tbody
        for row in part.children:
            cells_ = []
            for cell in row.children:
                if cell.srcmap is None:
                    cells_.append("")
                    continue
                start, end = int(cell.srcmap[0]) - base, int(cell.srcmap[1]) - base
                cells_.append(src[start:end].decode("utf-8", "surrogatepass").strip())
            rows.append(cells_)
    return rows


def fence(block: Block) -> tuple[str, str]:
    """(the code, the info string's first word) of a fenced or indented code block."""
    meta = block.node.meta if block.node is not None else {}
    code = str(meta.get("content", ""))
    return code[:-1] if code.endswith("\n") else code, str(meta.get("info", "")).split(" ", 1)[0].strip()
