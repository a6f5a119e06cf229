"""A field's value read back from Markdown, by the field's kind: the inverse of
``wizard.markdown.fields``, so a field of any kind is read with no reader change.

- a name was escaped to stay literal: its escapes are undone;
- a line and prose are the author's Markdown: taken as written;
- code is a fence's content, its language going to the field that names it;
- a choice, number or date as written; a flag from Yes or No;
- a group from ``- **Label:** value`` items; a list of items from ``1. **Head**`` items with
  ``- Label: value`` sub-items.

``_TBD_`` is an unanswered field; ``_Not applicable_: reason`` marks it not applicable.
Whatever a field does not take is handed back, for the caller to keep as notes.
"""

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from wizard.reading.blocks import BULLETS, FENCE, NUMBERED, PARAGRAPH, Block, blocks, fence, items, source_of
from wizard.sections import FieldKind, FieldSpec, fields_of
from wizard.text import TextKind

_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|&lt;|&amp;")
_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\\\|")
_GAP = re.compile(r"^_TBD_\.?$")
_NOT_APPLICABLE = re.compile(r"^_Not applicable_(?:\.|: (?P<reason>.*))$", re.DOTALL)
# "**Label:**", as archwiz writes it, or "**Label**:", as many authors do.
_BOLD_LABEL = re.compile(r"^\*\*(?P<label>(?:[^*\\]|\\.)+?)(?::\*\*|\*\*:)(?:[ \t]+|$|(?=\n))")
_PLAIN_LABEL = re.compile(r"^(?P<label>[^:\n]{1,80}?):(?:[ \t]+|$|(?=\n))")
_BOLD_HEAD = re.compile(r"^\*\*(?P<head>(?:[^*\\]|\\.|\*(?!\*))*)\*\*")


def unescape(text: str) -> str:
    """Literal text from Markdown that escapes it (as archwiz writes names)."""
    return _UNESCAPE.sub(lambda m: m.group(1) or {"&lt;": "<", "&amp;": "&"}[m.group()], text)


def unpipe(cell: str) -> str:
    """A table cell's Markdown with the ``\\|`` that kept it one cell turned back into ``|``."""
    return _PIPE.sub(r"\1|", cell)


@dataclass(frozen=True)
class Gap:
    """What stands where an answer would: ``reason`` is None for a plain gap (_TBD_)."""

    reason: str | None


def gap(text: str) -> Gap | None:
    text = text.strip()
    if _GAP.match(text):
        return Gap(None)
    found = _NOT_APPLICABLE.match(text)
    if found:
        return Gap((found.group("reason") or "").replace("\n", " "))
    return None


def bold_label(text: str) -> tuple[str, str] | None:
    """(``Label``, what follows it) for text starting ``**Label:**``."""
    found = _BOLD_LABEL.match(text)
    return (unescape(found.group("label")), text[found.end() :]) if found else None


def plain_label(text: str, labels: set[str]) -> tuple[str, str] | None:
    """(``Label``, what follows) for text starting ``Label:`` with a label in ``labels``."""
    found = _PLAIN_LABEL.match(text)
    if found and found.group("label") in labels:
        return found.group("label"), text[found.end() :]
    return None


def bold_head(text: str) -> tuple[str, str] | None:
    """(the Markdown between ``**`` and ``**``, what follows) for text starting in bold."""
    found = _BOLD_HEAD.match(text)
    return (found.group("head"), text[found.end() :].lstrip(" ")) if found else None


def body_blocks(after_label: str, line: int) -> list[Block]:
    """The blocks of a value written after its label: on the label's line and below it."""
    first, _, rest = after_label.partition("\n")
    # Only the space after the label goes: a value may start with a no-break space.
    text = first.strip(" \t") + ("\n" + rest if rest else "") if first.strip(" \t") else rest.lstrip("\n")
    return blocks(text, line)


def one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.split("\n"))


def scalar_of(spec: FieldSpec, text: str, *, cell: bool = False) -> Any:
    """A one-block answer from its Markdown (a paragraph, a list entry or a table cell)."""
    text = unpipe(text) if cell else text
    if spec.kind is FieldKind.TEXT and spec.text is not None:
        if spec.text.kind is TextKind.NAME:
            return unescape(one_line(text))
        if spec.text.kind is TextKind.LINE:
            return one_line(text)
        return text
    if spec.kind is FieldKind.FLAG:
        word = text.strip().lower()
        return True if word in ("yes", "true", "x") else False if word in ("no", "false", "") else text
    return spec.parse(unescape(one_line(text)))


@dataclass
class Reading:
    """Where one owner's answers go: ``data`` for the model, marks of parts that do not apply."""

    data: dict[str, Any]

    def put(self, spec: FieldSpec, value: Any) -> None:
        self.data[spec.key] = value

    def mark(self, spec: FieldSpec, reason: str) -> None:
        self.data.setdefault("not_applicable", {})[spec.key] = reason


def read_field(spec: FieldSpec, parts: list[Block], into: Reading) -> list[Block]:
    """Read ``spec`` from ``parts`` into ``into``; the blocks it did not take."""
    if not parts:
        return []
    first = parts[0]
    if first.kind == PARAGRAPH and (found := gap(first.text)) is not None:
        if found.reason is not None:
            into.mark(spec, found.reason)
        return parts[1:]
    kind = spec.kind
    if kind is FieldKind.TEXT and spec.text is not None and spec.text.kind is TextKind.PROSE:
        into.put(spec, source_of(parts))
        return []
    if kind is FieldKind.TEXT and spec.text is not None and spec.text.kind is TextKind.CODE:
        if first.kind != FENCE:
            return parts
        code, language = fence(first)
        into.put(spec, code)
        if spec.text.language_field and language and language != spec.text.language:
            into.data[spec.text.language_field] = language
        return parts[1:]
    if kind is FieldKind.TEXT_LIST:
        if first.kind not in (BULLETS, NUMBERED):
            return parts
        into.put(spec, [entry_of(spec.item_field(), item.content) for item in items(first)])
        return parts[1:]
    if kind is FieldKind.GROUP and spec.model is not None:
        if first.kind != BULLETS:
            return parts
        group = Reading({})
        leftover = labelled_items(spec.model, items(first), group)
        into.put(spec, group.data)
        return leftover + parts[1:]
    if kind is FieldKind.ITEMS and spec.model is not None:
        if first.kind != NUMBERED:
            return parts
        entries = items(first)
        # An entry with no bold head is no item of ours (a note's "10." the list took in):
        # kept as written.
        ours = [entry for entry in entries if bold_head(entry.content) is not None]
        others = [entry for entry in entries if bold_head(entry.content) is None]
        into.put(spec, [numbered_item(spec.model, item) for item in ours])
        kept = [Block(NUMBERED, f"{entry.marker} {entry.content}".rstrip(), entry.line) for entry in others]
        return kept + parts[1:]
    if first.kind != PARAGRAPH:
        return parts
    into.put(spec, scalar_of(spec, first.text))
    return parts[1:]


def entry_of(spec: FieldSpec, content: str) -> Any:
    """One entry of a list of texts; ``_TBD_`` is an empty entry."""
    if gap(content) is not None:
        return ""
    if spec.text is not None and spec.text.kind is TextKind.PROSE:
        return content
    return scalar_of(spec, content)


def labelled_items(model: type[BaseModel], entries: list[Any], into: Reading) -> list[Block]:
    """``- **Label:** value`` entries into the fields of ``model``; an entry that names no field
    comes back as a list of its own, to be kept."""
    by_label = {spec.label: spec for spec in fields_of(model)}
    kept = []
    for entry in entries:
        found = bold_label(entry.content)
        spec = by_label.get(found[0]) if found else None
        if found is None or spec is None:
            kept.append(entry)
            continue
        leftover = read_field(spec, body_blocks(found[1], entry.line), into)
        if leftover:
            kept.append(entry)
    return [Block(BULLETS, "\n".join("- " + entry.content for entry in kept), kept[0].line)] if kept else []


def numbered_item(model: type[BaseModel], item: Any) -> dict[str, Any]:
    """``**Head** ...`` with ``- Label: value`` sub-items, as ``numbered_items`` writes one."""
    specs = fields_of(model)
    reading = Reading({})
    head = bold_head(item.content)
    if head is None:
        reading.put(specs[0], scalar_of(specs[0], item.content.split("\n", 1)[0]))
        return reading.data
    if gap(head[0]) is None:
        reading.put(specs[0], scalar_of(specs[0], head[0]))
    details(specs[1:], body_blocks(head[1], item.line), reading)
    return reading.data


def details(specs: tuple[FieldSpec, ...] | list[FieldSpec], parts: list[Block], into: Reading) -> list[Block]:
    """``- Label: value`` sub-items (as ``fields.details`` writes them) into their fields; the
    blocks and entries no field took."""
    by_label = {spec.label: spec for spec in specs}
    leftover: list[Block] = []
    for part in parts:
        if part.kind != BULLETS:
            leftover.append(part)
            continue
        for entry in items(part):
            found = plain_label(entry.content, set(by_label))
            if found is None:
                leftover.append(Block(BULLETS, "- " + entry.content, entry.line))
                continue
            spec = by_label[found[0]]
            body = body_blocks(found[1], entry.line)
            if (
                spec.kind is FieldKind.TEXT_LIST
                and body
                and body[0].kind == PARAGRAPH
                and gap(body[0].text) is None
            ):
                # A list of one short entry is written as that entry.
                into.put(spec, [entry_of(spec.item_field(), body[0].text)])
                continue
            leftover.extend(read_field(spec, body, into))
    return leftover
