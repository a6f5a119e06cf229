"""The spec reference for people (docs/SPEC.md), written from the section registry.

Every key, label, help text and example comes from the model's field metadata,
so the reference cannot drift from what ``--from`` accepts; a golden test keeps
the committed copy current. ``python -m wizard.reference`` prints it.
"""

import json

from pydantic import BaseModel

from wizard.markdown.blocks import heading, table
from wizard.markdown.escape import code_or_text, inline
from wizard.sections import SECTIONS, FieldKind, FieldSpec, fields_of

_KINDS = {
    FieldKind.TEXT_LIST: "list of text",
    FieldKind.CHOICE: "one of",
    FieldKind.DATE: "date (YYYY-MM-DD)",
    FieldKind.FLAG: "true / false",
    FieldKind.NUMBER: "number",
}


def _kind(spec: FieldSpec) -> str:
    if spec.kind is FieldKind.TEXT and spec.text is not None:
        kind = f"{spec.text.kind.value}"
        return f"{kind} ({spec.text.language})" if spec.text.language else kind
    if spec.kind is FieldKind.CHOICE:
        return "one of " + ", ".join(spec.choices)
    return _KINDS.get(spec.kind, str(spec.kind.value))


def _rows(model: type[BaseModel], prefix: str) -> list[list[str]]:
    rows = []
    for spec in fields_of(model):
        key = f"{prefix}{spec.key}"
        if spec.kind is FieldKind.GROUP:
            assert spec.model is not None
            rows.extend(_rows(spec.model, f"{key}."))
            continue
        if spec.kind is FieldKind.ITEMS:
            assert spec.model is not None
            rows.append(
                [
                    code_or_text(f"[[{key}]]", table_cell=True),
                    inline(spec.label),
                    "list of tables",
                    inline(spec.help),
                    "",
                ]
            )
            rows.extend(_rows(spec.model, f"{key}[]."))
            continue
        # JSON spelling is also TOML's for strings, numbers and booleans; dates stay bare.
        shown = spec.example if spec.kind is FieldKind.DATE else json.dumps(spec.example, ensure_ascii=False)
        example = "" if spec.example is None else code_or_text(str(shown), table_cell=True)
        required = " (required)" if spec.required else ""
        rows.append(
            [
                code_or_text(key, table_cell=True),
                inline(spec.label),
                inline(_kind(spec) + required),
                inline(spec.help),
                example,
            ]
        )
    return rows


def render_reference() -> str:
    blocks = [
        heading(1, "archwiz spec reference"),
        "Every key a spec (or sidecar) may hold, section by section, in the order of the "
        "architecture template. Generated from the model by `python -m wizard.reference`; "
        "`archwiz schema` prints the same as JSON Schema for editors. Text kinds: _name_ "
        "and _line_ are single lines, _prose_ may hold paragraphs, _code_ is kept verbatim.",
    ]
    for section in SECTIONS:
        blocks.append(heading(2, f"{section.number}. {inline(section.title)}"))
        where = f"`[[{section.key}]]`, one table per item" if section.is_list else f"`[{section.key}]`"
        blocks.append(f"{inline(section.help)} In a spec: {where}.")
        blocks.append(table(["Key", "Label", "Kind", "Help", "Example"], _rows(section.model, "")))
    return "\n\n".join(blocks) + "\n"


if __name__ == "__main__":
    print(render_reference(), end="")
