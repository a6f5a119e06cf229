"""Pieces the section layouts share: headings, labelled paragraphs, tables, links and anchors.

Labels come from the model's field titles, so the words a user sees in the wizard are the
words in the document; values come from ``fields`` (by the field's kind).
"""

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from wizard.markdown import blocks
from wizard.markdown.blocks import MISSING, heading, label
from wizard.markdown.escape import before_colon, code_or_text, inline
from wizard.markdown.fields import (
    cell_text,
    field_markdown,
    gap,
    join_items,
    list_item,
    scalar,
    starts_paragraph,
    value_blocks,
)
from wizard.markdown.prose import safe_inline, safe_prose
from wizard.model import Document
from wizard.model.base import is_answered
from wizard.model.delivery import Link
from wizard.sections import FieldSpec, fields_of

Blocks = list[str]


@functools.cache
def title(model: type[BaseModel], name: str) -> str:
    """A field's label; cached, as a large document asks for each one thousands of times."""
    return model.model_fields[name].title or name


@functools.cache
def spec_of(model: type[BaseModel], name: str) -> FieldSpec:
    return next(spec for spec in fields_of(model) if spec.name == name)


def value(owner: BaseModel, name: str, level: int = 3) -> str:
    """One field of ``owner`` as Markdown, or what its gap shows."""
    text = scalar(spec_of(type(owner), name), getattr(owner, name), level)
    return text or gap(owner, name)


def labelled_block(text: str, body: str) -> Blocks:
    """``**Label:** body`` when the body starts as a paragraph, else the label above it."""
    if starts_paragraph(body):
        return [f"{label(text)} {body}"]
    return [label(text), body]


def field_after_label(owner: BaseModel, name: str, level: int) -> Blocks:
    """A field under its bold label: prose runs on from the label, blocks stand below it."""
    return labelled_block(title(type(owner), name), field_markdown(owner, spec_of(type(owner), name), level))


def header_lines(owner: BaseModel, skip: Sequence[str] = ()) -> str:
    """``**Label:** value`` lines held together by hard breaks, as the template's header and
    owner lines are; every field but ``skip`` is one line."""
    lines = []
    for spec in fields_of(type(owner)):
        if spec.name not in skip:
            lines.append(f"{label(spec.label)} {value(owner, spec.name)}")
    return blocks.lines(lines)


def subsections(
    owner: BaseModel, level: int, special: Mapping[str, Callable[[Any], Blocks]] | None = None
) -> Blocks:
    """``### Title`` and the field's blocks, for each field of a section's model."""
    out: Blocks = []
    for spec in fields_of(type(owner)):
        if spec.text is not None and spec.text.detail:
            continue  # a code field's language: its fence says it
        out.append(heading(level, spec.label))
        field_value = getattr(owner, spec.name)
        if special and spec.name in special and is_answered(field_value):
            out.extend(special[spec.name](field_value))
        else:
            out.extend(value_blocks(owner, spec, level))
    return out


def table_of(
    items: Sequence[BaseModel], model: type[BaseModel], level: int, code_columns: Sequence[str] = ()
) -> Blocks:
    """A row per item and a column per field, each cell written by its field's kind; the
    template writes some names as code (metric names), and ``code_columns`` keeps that."""
    specs = fields_of(model)

    def cell(item: BaseModel, spec: FieldSpec) -> str:
        raw = getattr(item, spec.name)
        if spec.name in code_columns and raw:
            return cell_text(code_or_text(raw, table_cell=True))
        return scalar(spec, raw, level, cell=True) or gap(item, spec.name, cell=True)

    rows = [[cell(item, spec) for spec in specs] for item in items]
    return [blocks.table([spec.label for spec in specs], rows)]


_MARKUP = re.compile(r"[`*_\[\]<>\\|]|&(?=#?\w+;)")


def numbered_steps(steps: Sequence[str], level: int) -> Blocks:
    """Steps as the template draws them (``1. step`` lines in a text fence) while they are
    plain one-line text; once any step holds Markdown, a numbered list that shows it."""
    if not steps:
        return [MISSING]
    if all("\n" not in step and not _MARKUP.search(step) for step in steps):
        return [blocks.code("\n".join(f"{number}. {step}" for number, step in enumerate(steps, 1)), "text")]
    return [
        join_items(
            [
                list_item(f"{number}. ", "", safe_inline(step) if "\n" not in step else prose(step, level))
                for number, step in enumerate(steps, 1)
            ]
        )
    ]


def prose(text: str, level: int) -> str:
    """The author's Markdown under a heading of ``level``: its own headings start below it."""
    return safe_prose(text.expandtabs(4), level + 1).strip("\n")


_URL_SAFE = ":/?#@!$&*+,;=%~-._"


def url(address: str) -> str:
    # Parentheses, brackets, angle brackets and spaces would end or break the destination.
    return quote(address, safe=_URL_SAFE)


def link(item: Link, level: int) -> str:
    """``[Title](url): note``; a link without an address is its title alone."""
    text = inline(item.title)
    head = f"[{text}]({url(item.url)})" if item.url else before_colon(text)
    note = prose(item.note, level) if item.note else ""
    return list_item("- ", head + (":" if note else ""), note)


def links(items: Sequence[Link], level: int) -> Blocks:
    return [join_items([link(item, level) for item in items])]


def section(name: str) -> str:
    """The ``##`` heading of a wizard section, titled as the section is."""
    return heading(2, title(Document, name))


_SLUG_DROP = re.compile(r"[^\w\- ]")


def anchor(heading_text: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation dropped, spaces as dashes."""
    return "#" + _SLUG_DROP.sub("", heading_text.lower()).replace(" ", "-")
