"""The TOML sidecar: the document's data, written so that ``--from`` can read it back.

An unanswered field (empty text, empty list, no date) is left out, so a sidecar
holds only what the user wrote and TOML never sees a ``None``. Every field's
default is exactly such an empty value (or a fixed choice like status), so
leaving it out loses nothing: ``load(dump(doc)) == doc``.
"""

from typing import Any

from wizard.model import Document
from wizard.model.base import NOT_APPLICABLE, is_answered
from wizard.toml_format import key as toml_key
from wizard.toml_format import line, string

HEADER = (
    "# Architecture document data, written by archwiz.\n"
    "# Edit it and render the Markdown again with: archwiz --from <this file>\n"
)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _chunks(path: str, table: dict[str, Any], in_array: bool, out: list[str]) -> None:
    """``table`` and everything under it, each table under its own header.

    tomli_w alone would write a short list of items inline (``goals = [{...}]``)
    above ``[header]``; here every item gets a ``[[...]]`` header and every part
    stays in the template's order. Values are written as tomli-w writes them.
    Chunks are appended to ``out``: nested generators would resume every level per chunk.
    """
    # Empty answers are left out here, in the one pass that writes the tables.
    # A part marked not applicable keeps its mark with no reason given ("" is its answer).
    marks = path == NOT_APPLICABLE or path.endswith("." + NOT_APPLICABLE)
    lines = []
    below: list[tuple[str, list[dict[str, Any]], bool]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            below.append((key, [value], False))
        elif _is_table_list(value):
            below.append((key, value, True))
        elif type(value) is str:  # most values: formatted here without two more calls
            if value or marks:
                lines.append(f"{toml_key(key)} = {string(value, multiline=True)}\n")
        elif marks or is_answered(value):
            lines.append(line(key, value))
    if lines or in_array:
        header = f"[[{path}]]" if in_array else f"[{path}]"
        out.append(f"{header}\n{''.join(lines)}")
    for key, tables, in_arrays in below:
        for item in tables:
            _chunks(f"{path}.{key}", item, in_arrays, out)


def dump_toml(doc: Document) -> str:
    data = doc.model_dump(mode="python")
    chunks = [f"schema_version = {data.pop('schema_version')}\n"]
    for key, value in data.items():
        if not is_answered(value):
            continue
        items = value if _is_table_list(value) else [value]
        for item in items:
            _chunks(key, item, value is not item, chunks)
    return HEADER + "\n" + "\n".join(chunks)
