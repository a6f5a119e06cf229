"""The spec reference for people (docs/SPEC.md), written from the section registry.

Every key, label, help text and example comes from the model's field metadata,
so the reference cannot drift from what ``--from`` accepts; a golden test keeps
the committed copy current. ``python -m wizard.reference`` prints it.
"""

import json

from pydantic import BaseModel

from wizard.markdown.blocks import heading, table
from wizard.markdown.escape import code_or_text
from wizard.markdown.escape import inline as _inline
from wizard.markdown.fields import cell_text
from wizard.model.document import CheckSettings
from wizard.sections import SECTIONS, FieldKind, FieldSpec, fields_of


def inline(text: str) -> str:
    return _inline(text)


def cell(text: str) -> str:
    """Literal text for a table cell, its ``|`` escaped so the cell stays one."""
    return cell_text(_inline(text, table_cell=True))


def code_cell(text: str) -> str:
    return cell_text(code_or_text(text, table_cell=True))


_KINDS = {
    FieldKind.TEXT_LIST: "list of text",
    FieldKind.CHOICE: "one of",
    FieldKind.DATE: "date (YYYY-MM-DD)",
    FieldKind.FLAG: "true / false",
    FieldKind.NUMBER: "number",
}


def _kind(spec: FieldSpec) -> str:
    if spec.kind is FieldKind.TEXT and spec.text is not None:
        kind = {"line": "line (inline Markdown)", "prose": "prose (Markdown)"}.get(
            spec.text.kind.value, spec.text.kind.value
        )
        if spec.text.detail:
            return "language (a word: sql, yaml, typescript...)"
        return f"{kind} ({spec.text.language})" if spec.text.language else kind
    if spec.kind is FieldKind.TEXT_LIST and spec.text is None:
        return "list of numbers"
    if spec.kind is FieldKind.TEXT_LIST and spec.text is not None:
        return f"list of {_kind(spec.item_field())}"
    if spec.kind is FieldKind.CHOICE:
        optional = ", or left out" if spec.default is None else ""
        return "one of " + ", ".join(spec.choices) + " (any letter case)" + optional
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
                    code_cell(f"[[{key}]]"),
                    cell(spec.label),
                    "list of tables",
                    cell(spec.help),
                    "",
                ]
            )
            rows.extend(_rows(spec.model, f"{key}[]."))
            continue
        # JSON spelling is also TOML's for strings, numbers and booleans; dates stay bare.
        shown = spec.example if spec.kind is FieldKind.DATE else json.dumps(spec.example, ensure_ascii=False)
        example = "" if spec.example is None else code_cell(str(shown))
        required = " (required)" if spec.required else ""
        rows.append(
            [code_cell(key), cell(spec.label), cell(_kind(spec) + required), cell(spec.help), example]
        )
    return rows


def render_reference() -> str:
    blocks = [
        heading(1, "archwiz spec reference"),
        "Every key a spec (or sidecar) may hold, section by section, in the order of the "
        "architecture template. Generated from the model by `python -m wizard.reference`; "
        "`archwiz schema` prints the same as JSON Schema for editors. Text kinds: a _name_ "
        "is one line shown exactly as typed; a _line_ is one line of inline Markdown (code "
        "spans, emphasis, links); _prose_ is GitHub-flavoured Markdown (paragraphs, lists, "
        "fences, tables), its headings nested below the part it belongs to; _code_ is kept "
        "verbatim in a fence of its language. Raw HTML shows as text, and links may only "
        "use http, https, mailto or a relative path.",
        "Every table (a section, a group, an item) may also hold `not_applicable`, naming "
        "its own keys that do not apply, each with an optional reason: "
        '`not_applicable = { sharding = "One small database." }`. The document then says '
        "so instead of _TBD_. At the top level, the keys name whole sections.",
    ]
    for section in SECTIONS:
        blocks.append(heading(2, f"{section.number}. {inline(section.title)}"))
        where = f"`[[{section.key}]]`, one table per item" if section.is_list else f"`[{section.key}]`"
        blocks.append(f"{inline(section.help)} In a spec: {where}.")
        blocks.append(table(["Key", "Label", "Kind", "Help", "Example"], _rows(section.model, "")))
    # Not a section: how `archwiz check` judges this document (never rendered).
    blocks.append(heading(2, "Check settings"))
    blocks.append(
        "How `archwiz check` judges this document; kept in the sidecar, never rendered. In a spec: `[check]`."
    )
    blocks.append(table(["Key", "Label", "Kind", "Help", "Example"], _rows(CheckSettings, "")))
    return "\n\n".join(blocks) + "\n"


if __name__ == "__main__":
    print(render_reference(), end="")
