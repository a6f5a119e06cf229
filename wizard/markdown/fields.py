"""A field's value as Markdown, by the field's kind: the one place that knows how each kind
of answer is written, so a new field of any kind renders with no renderer change.

- a name is literal text; a line is the author's inline Markdown; prose is the author's
  Markdown blocks, its headings nested below ``level``; code is fenced in the language the
  author named in the field's language field, or the field's own default;
- a choice, number or date is written as it is; a flag as Yes or No;
- a group is a list of ``**Label:** value`` items; a list of items a numbered list, each
  item headed by its first field.

An unanswered field reads ``_TBD_``; one the author marked not applicable says so, with
the reason.
"""

import functools
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from wizard.markdown.blocks import MISSING, bold, code
from wizard.markdown.escape import inline
from wizard.markdown.prose import safe_inline, safe_prose
from wizard.model.base import NOT_APPLICABLE, Model, is_answered
from wizard.sections import FieldKind, FieldSpec, fields_of
from wizard.text import TextKind

NOT_APPLICABLE_MARK = "_Not applicable_"


def not_applicable(reason: str, *, cell: bool = False) -> str:
    """``_Not applicable_.`` or ``_Not applicable_: reason`` (the full stop keeps linters from
    reading a lone emphasis as a heading); in a table cell, its "|" escaped."""
    if not reason:
        return f"{NOT_APPLICABLE_MARK}."
    return f"{NOT_APPLICABLE_MARK}: {safe_inline(reason, table_cell=cell)}"


def gap(owner: BaseModel | None, name: str, *, cell: bool = False) -> str:
    """What an empty field shows: not applicable (with its reason) or the missing marker."""
    if isinstance(owner, Model) and name in type(owner).model_fields and owner.is_not_applicable(name):
        return not_applicable(owner.not_applicable_reason(name), cell=cell)
    return MISSING


def language(owner: BaseModel, spec: FieldSpec) -> str:
    """The fence language of a code field: the author's choice, else the field's default."""
    assert spec.text is not None
    chosen = getattr(owner, spec.text.language_field, "") if spec.text.language_field else ""
    if chosen == "image":  # a diagram's format that has no source language
        chosen = "text"
    return str(chosen or spec.text.language)


def text_list_item(spec: FieldSpec, item: Any, level: int) -> str:
    """One entry of a list of texts, as Markdown."""
    return scalar(spec.item_field(), item, level)


def scalar(spec: FieldSpec, value: Any, level: int, *, cell: bool = False) -> str:
    """A single answer as Markdown; "" when it is unanswered. Prose may span several blocks."""
    if not is_answered(value):
        return ""
    kind = spec.kind
    if kind is FieldKind.TEXT and spec.text is not None:
        text_kind = spec.text.kind
        if text_kind is TextKind.NAME:
            return cell_text(inline(value, table_cell=True)) if cell else inline(value)
        if text_kind is TextKind.LINE:
            return safe_inline(value, table_cell=cell)
        if text_kind is TextKind.PROSE:
            prose = value.expandtabs(4)
            return safe_inline(prose, table_cell=True) if cell else safe_prose(prose, level + 1).strip("\n")
        return code(value, spec.text.language)  # a code field's language needs its owner: see value_blocks
    if kind is FieldKind.DATE and isinstance(value, date):
        return value.isoformat()
    if kind is FieldKind.FLAG:
        return "Yes" if value else "No"
    return inline(str(value), table_cell=cell)


_PROSE, _PROSE_LIST, _GROUP, _ITEMS = range(4)


@functools.cache
def _prose_plan(model: type[BaseModel]) -> tuple[tuple[str, int], ...]:
    """The fields of ``model`` that hold prose or may hold some further down."""
    plan = []
    for spec in fields_of(model):
        if spec.kind in (FieldKind.TEXT, FieldKind.TEXT_LIST):
            if spec.text is not None and spec.text.kind is TextKind.PROSE:
                plan.append((spec.name, _PROSE if spec.kind is FieldKind.TEXT else _PROSE_LIST))
        elif spec.kind is FieldKind.GROUP:
            plan.append((spec.name, _GROUP))
        elif spec.kind is FieldKind.ITEMS:
            plan.append((spec.name, _ITEMS))
    return tuple(plan)


def prose_answers(model: BaseModel, into: list[str] | None = None) -> list[str]:
    """Every prose answer under ``model`` as ``scalar`` hands it to safe_prose, so that a
    whole document's prose can be checked in one pass (prose.checked_together)."""
    # One list passed down rather than nested generators: a yield from three levels down
    # resumes all three, 130,000 times for a 10,000-item document.
    found = [] if into is None else into
    for name, holds in _prose_plan(type(model)):
        value = getattr(model, name)
        if not value:
            continue
        if holds == _PROSE:
            found.append(value.expandtabs(4))
        elif holds == _PROSE_LIST:
            found.extend(text.expandtabs(4) for text in value)
        elif holds == _GROUP:
            prose_answers(value, found)
        else:
            for item in value:
                prose_answers(item, found)
    return found


_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def cell_text(escaped: str) -> str:
    """Text escaped for a cell, with its ``|`` escaped too, so the cell stays one cell."""
    return _PIPE.sub(r"\1\\|", escaped)


def value_blocks(owner: BaseModel, spec: FieldSpec, level: int) -> list[str]:
    """The field of ``owner`` as Markdown blocks standing under a heading of ``level``."""
    value = getattr(owner, spec.name)
    if not is_answered(value) or (
        isinstance(owner, Model) and owner.not_applicable and owner.is_not_applicable(spec.name)
    ):
        return [gap(owner, spec.name)]
    kind = spec.kind
    if kind is FieldKind.TEXT and spec.text is not None and spec.text.kind is TextKind.CODE:
        return [code(value, language(owner, spec))]
    if kind is FieldKind.TEXT_LIST:
        return [bullet_list([text_list_item(spec, item, level) for item in value])]
    if kind is FieldKind.GROUP:
        return [labelled_list(value, level)]
    if kind is FieldKind.ITEMS:
        return [numbered_items(value, level)]
    return [scalar(spec, value, level)]


def field_markdown(owner: BaseModel, spec: FieldSpec, level: int) -> str:
    """The field's value as one piece of Markdown (blocks joined by a blank line)."""
    return "\n\n".join(value_blocks(owner, spec, level))


# ---------------------------------------------------------------------------------------
# Lists whose items may hold blocks: every line of an item's content is indented to the
# item's content column, so the author's Markdown means inside the item what it meant alone.

_NOT_PARAGRAPH = re.compile(r"^(?:[ \t]|#|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3}|~{3}|<|\||\[|$)")


_BULLET = re.compile(r"^[-+*] ")
_FENCE = re.compile(r"^[ \t>*+\-\d.)]*(?:`{3}|~{3})", re.MULTILINE)  # a fence needs blank lines around it


_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def starts_paragraph(markdown: str) -> bool:
    """Whether the first line of ``markdown`` is paragraph text, so it may follow a label.
    Not when the second line makes it a table's header row ("Forces" over "|-|")."""
    first, _, rest = markdown.partition("\n")
    if "|" in first or _NOT_PARAGRAPH.match(first):
        return False
    if "|" in rest:
        second = rest.split("\n", 1)[0]
        if "|" in second and "-" in second and _DELIMITER_ROW.match(second):
            return False
    return True


def indent(markdown: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + line if line else line for line in markdown.split("\n"))


_THEMATIC = re.compile(r"^ {0,3}(?:-[ \t]*){3,}$")


def list_item(marker: str, head: str, body: str) -> str:
    """``marker`` + ``head``, then ``body`` (Markdown) as the item's content.

    A body starting with paragraph text follows the head on its line; any other body (a
    fence, a list, a heading) starts on its own line below, as a block of the item.
    """
    width = len(marker)
    if not body:
        return marker + (head or MISSING)
    if head:
        if starts_paragraph(body):
            first, _, rest = body.partition("\n")
            return f"{marker}{head} {first}" + ("\n" + indent(rest, width) if rest else "")
        if _BULLET.match(body):  # a list may follow its label's line directly, as the template nests
            return f"{marker}{head}\n{indent(body, width)}"
        return f"{marker}{head}\n\n{indent(body, width)}"
    first, _, rest = body.partition("\n")
    if body[:1] in (" ", "\t") or _THEMATIC.match(marker + first):
        # Indented code keeps its indent below the marker; and "- ---" on one line is a
        # thematic break, not an item holding one: the item would vanish from the page.
        return marker.rstrip() + "\n" + indent(body, width)
    return marker + first + ("\n" + indent(rest, width) if rest else "")


def join_items(items: Sequence[str]) -> str:
    """Items one per line while each is one line; a blank line between all once any holds blocks
    (a list is loose or tight as a whole, and a blank line inside one item makes it loose)."""
    if not items:
        return MISSING
    loose = any(
        "\n\n" in item or (("```" in item or "~~~" in item) and _FENCE.search(item)) for item in items
    )
    return ("\n\n" if loose else "\n").join(items)


def bullet_list(entries: Sequence[str]) -> str:
    return join_items([list_item("- ", "", entry or MISSING) for entry in entries])


def labelled_list(group: BaseModel, level: int) -> str:
    """``- **Label:** value`` for each field of a group, as the template lists a subsection."""
    items = []
    for spec in fields_of(type(group)):
        if spec.text is not None and spec.text.detail:
            continue  # a code field's language: its fence says it
        label = bold(f"{spec.label}:")
        items.append(list_item("- ", label, field_markdown(group, spec, level)))
    return join_items(items)


def details(item: BaseModel, specs: Sequence[FieldSpec], level: int, marker: str = "- ") -> list[str]:
    """``Label: value`` sub-items for ``specs`` of ``item`` (the template's plain sub-bullets);
    a list of one short entry reads as that entry."""
    out = []
    for spec in specs:
        value = getattr(item, spec.name)
        if spec.kind is FieldKind.TEXT_LIST and len(value) == 1 and "\n" not in value[0]:
            body = text_list_item(spec, value[0], level)
        else:
            body = field_markdown(item, spec, level)
        out.append(list_item(marker, f"{spec.label}:", body))
    return out


def numbered_items(items: Sequence[BaseModel], level: int, head: str | None = None) -> str:
    """``1. **Head**`` with a ``- Label: value`` sub-item for every other field."""
    if not items:
        return MISSING
    entries = []
    for number, item in enumerate(items, 1):
        specs = fields_of(type(item))
        first = next(spec for spec in specs if head is None or spec.name == head)
        marker = f"{number}. "
        subs = join_items(details(item, [spec for spec in specs if spec is not first], level))
        title = bold(scalar(first, getattr(item, first.name), level) or MISSING)
        entries.append(marker + title + ("\n" + indent(subs, len(marker)) if subs != MISSING else ""))
    return "\n\n".join(entries)


def rest_of(owner: BaseModel, shown: Sequence[str], level: int) -> list[str]:
    """``**Label:** value`` blocks for the fields of ``owner`` that a layout did not show:
    a field added to the model appears in the document with no change to the renderer."""
    out = []
    for spec in fields_of(type(owner)):
        if spec.name in shown or spec.name == NOT_APPLICABLE:
            continue
        if spec.text is not None and spec.text.detail:
            continue  # a language: shown by its code field's fence
        value = getattr(owner, spec.name)
        if not is_answered(value):
            continue  # an optional extra left empty says nothing
        body = field_markdown(owner, spec, level)
        label = bold(f"{spec.label}:")
        out.append(f"{label} {body}" if starts_paragraph(body) and "\n" not in body else f"{label}\n\n{body}")
    return out
