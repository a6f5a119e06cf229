"""Hypothesis strategies for whole documents, derived from the section registry.

No field is listed here: walking ``fields_of`` means a field added to the model
is generated (and so tested) without touching this file.
"""

import os
import re
from datetime import date
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from wizard.markdown.escape import _REVERSED_LINK
from wizard.model import SCHEMA_VERSION, Document
from wizard.model.document import SETTINGS, UNIQUE
from wizard.sections import FieldKind, FieldSpec, fields_of
from wizard.text import TextKind


def examples(count: int) -> int:
    """A test's example budget, scaled by HYPOTHESIS_SCALE for a long local hunt."""
    return max(1, round(count * float(os.environ.get("HYPOTHESIS_SCALE", "1"))))


# Text that has broken Markdown renderers: every construct a value could open.
NASTY = [
    "#",
    "# heading",
    "## x ##",
    "C#",
    "a #",
    "|",
    "a | b",
    "| x |",
    "`",
    "``",
    "```",
    "```python",
    "~~~",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "<!-- c -->",
    "<http://example.com>",
    "[x](javascript:alert(1))",
    "![img](x.png)",
    "[ref]: /url",
    "[^1]",
    "- item",
    "* item",
    "+ item",
    "1. item",
    "1) item",
    "10.",
    "> quote",
    ">",
    "\\",
    "x\\",
    "\\|",
    "\\`",
    "_a_",
    "__a__",
    "*a*",
    "**a**",
    "a*b*c",
    "snake_case_name",
    "&amp;",
    "&#x41;",
    "&copy;",
    "$x$",
    "$$",
    "~~x~~",
    "~x~",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    "x  ",
    "[ ]",
    "[x]",
    "x done",
    "[@click=app.quit]q[/]",
    "[bold]x",
    "[/]",
    '[link="file:///etc/passwd"]x[/link]',
    "{#id}",
    ":emoji:",
    "@mention",
    "www.example.com",
    "https://example.com/a_b_(c)",
    "<",
    "a < b",
    "a<=b",
    "1.5 GB",
    "2.3.0",
    "    indented",
    "\u00a0nbsp",
    "ﬁ ligature",
    "日本語",
    "emoji 👩‍💻",
    "x",
    "www.evil.com",
    "(www.evil.com)",
    "alice@example.com",
    "<alice@example.com>",
]
_NEWLINE_NASTY = [
    "line\n---",
    "line\n===",
    "a\n\n    code",
    "a\n- b",
    "a\n1. b",
    "a\\\nb",
    "a  \nb",
    "\n\n\n",
]

# What the model refuses (controls, bidi overrides, separators) is not generated:
# refusing it is tested on its own.
_REFUSED = "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters=_REFUSED)


def _pieces(extra: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NASTY + extra), st.text(_CHARS, max_size=12))


def text_for(kind: TextKind, *, required: bool = False) -> st.SearchStrategy[str]:
    if kind is TextKind.CODE:
        pieces = _pieces([*_NEWLINE_NASTY, "\t", "\n", "    "])
    elif kind is TextKind.PROSE:
        pieces = _pieces([*_NEWLINE_NASTY, "\n", "\n\n"])
    else:
        pieces = _pieces([])
    text = st.lists(pieces, max_size=3).map("".join)
    if kind is TextKind.NAME:
        text = text.map(lambda value: value[:100])
    # Built, not filtered: a document has dozens of required names, and filtering each
    # would discard most documents (Hypothesis rightly calls that unhealthy).
    return text.map(lambda value: value if value.strip() else f"x{value}") if required else text


# Fields with a format of their own: values the model accepts, hostile where possible.
_FORMATTED: dict[str, st.SearchStrategy[str]] = {
    "url": st.sampled_from(
        [
            "",
            "https://example.com/a_b_(c)",
            "https://x.example/)](javascript:alert(1))",
            "https://x.example/<script>",
            "http://x.example/a|b`c",
            "docs/adr/007.md",
            "../ops/runbook.md#step-2",
            "#security",  # a fragment must name a real heading, or linters rightly flag it
            "mailto:team@example.com",
            "https://x.example/%20already-encoded",
        ]
    ),
    "version": st.sampled_from(["", "1.0.0", "0.0.1", "12.34.56-rc.1"]),
}
_FORMATTED["image"] = _FORMATTED["url"]
_LANGUAGES = st.sampled_from(["", "sql", "yaml", "c#", "objective-c++"])


def _bounds(model: type[BaseModel], name: str) -> tuple[int, int]:
    low, high = 0, 10_000
    for item in model.model_fields[name].metadata:
        low = getattr(item, "ge", low)
        high = getattr(item, "le", high)
    return low, high


def _value(model: type[BaseModel], spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.kind is FieldKind.TEXT and spec.key in _FORMATTED:
        return _FORMATTED[spec.key]
    if spec.kind is FieldKind.TEXT:
        assert spec.text is not None
        if spec.text.detail:
            return _LANGUAGES
        return text_for(spec.text.kind, required=spec.required)
    if spec.kind is FieldKind.TEXT_LIST:
        if spec.text is None:
            return st.just([])  # numbers of other decisions: tested on their own
        return st.lists(text_for(spec.text.kind, required=True), max_size=3)
    if spec.kind is FieldKind.CHOICE:
        choices = st.sampled_from(spec.choices)
        return choices if spec.default is not None else st.none() | choices
    if spec.kind is FieldKind.NUMBER and spec.default is None:
        return st.none()  # a decision's number: archwiz assigns it
    if spec.kind is FieldKind.DATE:
        return st.none() | st.dates(min_value=date(1970, 1, 1), max_value=date(2999, 12, 31))
    if spec.kind is FieldKind.FLAG:
        return st.booleans()
    if spec.kind is FieldKind.NUMBER:
        return st.integers(*_bounds(model, spec.name))
    assert spec.model is not None
    if spec.kind is FieldKind.GROUP:
        return table_for(spec.model)
    return st.lists(table_for(spec.model), max_size=2)


def table_for(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({spec.key: _value(model, spec) for spec in fields_of(model)})


def _dedupe(data: dict[str, Any]) -> dict[str, Any]:
    """Drop the items the model refuses as duplicates, by the model's own rule."""
    for key, (rule, model) in UNIQUE.items():
        repeats = {index for index, _, _ in rule.duplicates(data[key], model)}
        data[key] = [item for index, item in enumerate(data[key]) if index not in repeats]
    return data


documents: st.SearchStrategy[Document] = (
    table_for(Document)
    .map(lambda data: {**data, "schema_version": SCHEMA_VERSION})
    .map(_dedupe)
    .map(Document.model_validate)
)


def collapse(text: str) -> str:
    return " ".join(text.split())


_LITERAL = (TextKind.NAME, TextKind.CODE)


def typed_text(obj: BaseModel) -> list[str]:
    """Every non-empty text a user typed that shows literally (names and code; not link
    targets, not Markdown), walking the registry."""
    out: list[str] = []
    for spec in fields_of(type(obj)):
        if isinstance(obj, Document) and spec.key in SETTINGS:
            continue  # how 'archwiz check' judges the document: never rendered
        value = getattr(obj, spec.name)
        literal = spec.text is not None and spec.text.kind in _LITERAL and not spec.text.detail
        if spec.kind is FieldKind.TEXT and literal and spec.key not in _FORMATTED and value.strip():
            out.append(value)
        elif spec.kind is FieldKind.TEXT_LIST and literal:
            out.extend(item for item in value if item.strip())
        elif spec.kind is FieldKind.GROUP:
            out.extend(typed_text(value))
        elif spec.kind is FieldKind.ITEMS:
            for item in value:
                out.extend(typed_text(item))
    return out


_WORDS = re.compile(r"\S+")


def _twin_text(value: str, spec: FieldSpec) -> str:
    if not value.strip():
        return value
    assert spec.text is not None
    if spec.text.multiline:
        return _WORDS.sub("word", value)  # keeps the line and paragraph breaks
    # The field's own example is valid where "word" might not be (a version, a URL).
    twin = spec.example if isinstance(spec.example, str) and spec.example else "word"
    # What decides whether a value can be inline code (escape.code_or_text) must survive.
    if _REVERSED_LINK.search(value):
        twin = "(a)[b]"
    return twin + "\\" if "\\" in value else twin


def _twin(value: BaseModel) -> BaseModel:
    data: dict[str, Any] = {}
    for spec in fields_of(type(value)):
        field_value = getattr(value, spec.name)
        if spec.kind is FieldKind.TEXT:
            field_value = _twin_text(field_value, spec)
        elif spec.kind is FieldKind.TEXT_LIST:
            field_value = [_twin_text(item, spec) for item in field_value]
        elif spec.kind is FieldKind.GROUP:
            field_value = _twin(field_value)
        elif spec.kind is FieldKind.ITEMS:
            field_value = [_twin(item) for item in field_value]
        data[spec.key] = field_value
    if isinstance(value, Document):
        # Twins of distinct names would collide; keep them distinct as the originals are,
        # and keep what decides how a heading shows them (see _twin_text).
        def marked(original: str) -> str:
            return "(a)[b]" if _REVERSED_LINK.search(original) else ""

        for number, (entity, original) in enumerate(zip(data["entities"], value.entities, strict=True)):
            entity.name = f"Entity{number}{marked(original.name)}"
        for number, (endpoint, source) in enumerate(zip(data["endpoints"], value.endpoints, strict=True)):
            endpoint.path = f"/path{number}{marked(source.path)}"
    return type(value).model_validate(data)


def plain_twin(doc: Document) -> Document:
    """The same document with every user word replaced by a harmless one.

    Its Markdown has the structure the real document must have (the same
    headings, lists, tables and fences), because only the text differs.
    """
    twin = _twin(doc)
    assert isinstance(twin, Document)
    return twin
