"""Generic pieces the section renderers share; labels come from the model's field titles."""

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from wizard.markdown import blocks
from wizard.markdown.blocks import MISSING, bold, bullets, code, heading, labelled
from wizard.markdown.escape import code_or_text, inline, paragraphs
from wizard.model import Document
from wizard.model.base import is_answered
from wizard.model.delivery import Link
from wizard.text import text_marker

Blocks = list[str]


@functools.cache
def title(model: type[BaseModel], name: str) -> str:
    """A field's label; cached, as a large document asks for each one thousands of times."""
    return model.model_fields[name].title or name


def value(raw: object) -> str:
    """A scalar answer as escaped Markdown for after a label or prefix; empty stays empty."""
    if not is_answered(raw):
        return ""
    if isinstance(raw, date):
        return raw.isoformat()
    return inline(str(raw), mid_line=True)


def detail(model: type[BaseModel], name: str, text: str) -> str:
    """A plain ``Label: value`` line (the template's sub-bullets), labelled by the field."""
    return f"{title(model, name)}: {text or MISSING}"


def numbered_code(steps: Sequence[str]) -> Blocks:
    """Steps as ``1. ...`` lines in a text fence, as the template draws flows and pipelines."""
    return [code("\n".join(f"{number}. {step}" for number, step in enumerate(steps, 1)), "text")]


def labelled_lines(obj: BaseModel) -> list[str]:
    return [
        labelled(info.title or name, value(getattr(obj, name)))
        for name, info in type(obj).model_fields.items()
    ]


def subsections(obj: BaseModel, special: Mapping[str, Callable[[Any], Blocks]] | None = None) -> Blocks:
    """``### Title`` and a body for each field of a section model.

    Sub-models become labelled bullets, string lists plain bullets, code fields
    fenced blocks; anything else needs an entry in ``special``.
    """
    out: Blocks = []
    for name, info in type(obj).model_fields.items():
        out.append(heading(3, info.title or name))
        field_value = getattr(obj, name)
        if special and name in special:
            out.extend(special[name](field_value))
        elif isinstance(field_value, BaseModel):
            out.append(bullets(labelled_lines(field_value)))
        elif isinstance(field_value, list):
            out.append(bullets([inline(item) for item in field_value]))
        else:
            marker = text_marker(info.metadata)
            out.append(code(field_value, marker.language if marker else "text"))
    return out


def _cell(text: str, as_code: bool) -> str:
    if as_code and text:
        return code_or_text(text, table_cell=True)
    return inline(text, table_cell=True)


def table_of(items: Sequence[BaseModel], model: type[BaseModel], code_columns: Iterable[str] = ()) -> Blocks:
    columns = list(model.model_fields)
    as_code = set(code_columns)
    rows = [[_cell(str(getattr(item, column)), column in as_code) for column in columns] for item in items]
    return [blocks.table([title(model, column) for column in columns], rows)]


def numbered_of(items: Sequence[BaseModel], head: str) -> Blocks:
    """``1. **Head**`` with a ``- Label: value`` line for every other field."""
    entries = []
    for item in items:
        model = type(item)
        details = [
            detail(model, name, value(getattr(item, name))) for name in model.model_fields if name != head
        ]
        entries.append((bold(inline(getattr(item, head))), details))
    return [blocks.numbered_blocks(entries)]


def prose_after_label(label: str, text: str) -> Blocks:
    """``**Label:** first paragraph``, then any further paragraphs on their own."""
    paras = paragraphs(text)
    return [labelled(label, paras[0] if paras else ""), *paras[1:]]


def link(item: Link) -> str:
    if not item.url:
        return inline(item.title)
    # Parentheses, brackets and angle brackets would end or break the destination.
    return f"[{inline(item.title)}]({quote(item.url, safe=':/?#@!$&*+,;=%~-._')})"


def links(items: Sequence[Link]) -> Blocks:
    return [bullets([link(item) for item in items])]


def section(name: str) -> str:
    """The ``##`` heading of a wizard section, titled as the section is."""
    return heading(2, title(Document, name))
