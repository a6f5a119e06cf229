"""``archwiz init``: a starter spec with every section, field and example, read off the model.

A blank TOML file is the same blank page archwiz exists to avoid, so the starter
names every key in template order, with the field's label, help and example as
comments and required fields marked. Text fields are present and empty (they render
as gaps); what an empty value cannot stand for (a date, a number, a choice, a list
item) is a commented-out example to fill in. It renders with ``--from`` as it is.
"""

import json
import textwrap
from typing import Any

from pydantic import BaseModel

from wizard.sections import SECTIONS, FieldKind, FieldSpec, fields_of

SCHEMA_NAME = "archwiz.schema.json"
DEFAULT_STARTER = "architecture-spec.toml"
_WIDTH = 88

_INTRO = f"""#:schema ./{SCHEMA_NAME}
# An architecture document, to be filled in. Every section of the template is here,
# in order; each field says what it is for, with an example. Fill in what you know
# and leave the rest empty: empty parts show as _TBD_ in the document. Paragraph
# fields take Markdown (lists, `code`, links, fences). A part that does not apply:
#   not_applicable = {{{{ key = "why not" }}}}   in its table (at the top: whole sections).
#
# Render it:      archwiz --from {{name}} -o ARCHITECTURE.md
# Or answer it:   archwiz edit {{name}}   (the full-screen wizard; --plain asks line by line)
# Every key:      docs/SPEC.md, or the JSON Schema beside this file ({SCHEMA_NAME}).
"""


def _toml_value(value: Any, kind: FieldKind | None = None) -> str:
    if kind is FieldKind.DATE:
        return str(value)  # a TOML date is bare: 2026-11-20
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    # JSON's string escapes are TOML's (basic strings).
    return json.dumps(str(value), ensure_ascii=False)


def _comment(spec: FieldSpec) -> list[str]:
    label = spec.label + (" (required)" if spec.required else "")
    text = f"{label}. {spec.help}" if spec.help else label
    if spec.choices:
        text += " One of: " + ", ".join(spec.choices) + "."
    lines = textwrap.wrap(text, _WIDTH - 2)
    if spec.example is not None and spec.kind not in (FieldKind.ITEMS, FieldKind.GROUP):
        lines.append(f"e.g. {_toml_value(spec.example, spec.kind)}")
    return [f"# {line}" for line in lines]


def _field(spec: FieldSpec, commented: bool) -> list[str]:
    """One key: present and empty where empty means unanswered, else a commented example
    (in a commented-out item, every key shows its example, ready to be uncommented)."""
    if commented and spec.example is not None:
        return [*_comment(spec)[:-1], f"# {spec.key} = {_toml_value(spec.example, spec.kind)}"]
    if spec.kind is FieldKind.TEXT:
        line = f'{spec.key} = ""'
    elif spec.kind is FieldKind.TEXT_LIST:
        line = f"{spec.key} = []"
    else:  # a date, number, choice or flag: no empty value exists, so the example waits
        example = spec.example if spec.example is not None else spec.default
        line = f"# {spec.key} = {_toml_value(example, spec.kind)}"
    return [*_comment(spec), f"# {line}" if commented and not line.startswith("#") else line]


def _table(model: type[BaseModel], path: str, *, item: bool, commented: bool) -> list[str]:
    """A table's own keys first (TOML needs them before any sub-table), then its sub-tables."""
    specs = fields_of(model)
    hash_ = "# " if commented else ""
    out = [f"{hash_}[[{path}]]" if item else f"{hash_}[{path}]"]
    for spec in specs:
        if spec.kind not in (FieldKind.GROUP, FieldKind.ITEMS):
            out.extend(_field(spec, commented))
    for spec in specs:
        if spec.kind is FieldKind.GROUP:
            assert spec.model is not None
            out += ["", *_comment(spec)]
            out += _table(spec.model, f"{path}.{spec.key}", item=False, commented=commented)
        elif spec.kind is FieldKind.ITEMS:
            assert spec.model is not None
            out += ["", *_comment(spec), f"# One [[{path}.{spec.key}]] table per {spec.noun}:"]
            out += _table(spec.model, f"{path}.{spec.key}", item=True, commented=True)
    return out


def starter_spec(name: str) -> str:
    from wizard.model.base import SCHEMA_VERSION

    blocks = [_INTRO.format(name=name) + f"\nschema_version = {SCHEMA_VERSION}"]
    for section in SECTIONS:
        title = f"# {'=' * 3} {section.number}. {section.title} {'=' * 3}"
        help_lines = [f"# {line}" for line in textwrap.wrap(section.help, _WIDTH - 2)]
        if section.is_list:
            spec = next(spec for spec in fields_of(_document()) if spec.key == section.key)
            body = [f"# One [[{section.key}]] table per {spec.noun}, e.g.:"]
            body += _table(section.model, section.key, item=True, commented=True)
        else:
            body = _table(section.model, section.key, item=False, commented=False)
        blocks.append("\n".join([title, *help_lines, *body]))
    return "\n\n".join(blocks) + "\n"


def _document() -> type[BaseModel]:
    from wizard.model import Document

    return Document
