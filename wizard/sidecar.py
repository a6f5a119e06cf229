"""The TOML sidecar: the document's data, written so that ``--from`` can read it back.

An unanswered field (empty text, empty list, no date) is left out, so a sidecar
holds only what the user wrote and TOML never sees a ``None``. Every field's
default is exactly such an empty value (or a fixed choice like status), so
leaving it out loses nothing: ``load(dump(doc)) == doc``.
"""

from collections.abc import Iterator
from typing import Any

import tomli_w

from wizard.model import Document
from wizard.model.base import NOT_APPLICABLE, is_answered

HEADER = (
    "# Architecture document data, written by archwiz.\n"
    "# Edit it and render the Markdown again with: archwiz --from <this file>\n"
)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _chunks(path: str, table: dict[str, Any], in_array: bool) -> Iterator[str]:
    """``table`` and everything under it, each table under its own header.

    tomli_w alone would write a short list of items inline (``goals = [{...}]``)
    above ``[header]``; here every item gets a ``[[...]]`` header and every part
    stays in the template's order. tomli_w still formats each value.
    """
    # Empty answers are left out here, in the one pass that writes the tables.
    # A part marked not applicable keeps its mark with no reason given ("" is its answer).
    marks = path.rsplit(".", 1)[-1] == NOT_APPLICABLE
    plain = {
        key: value
        for key, value in table.items()
        if (marks or is_answered(value)) and not isinstance(value, dict) and not _is_table_list(value)
    }
    if plain or in_array:
        header = f"[[{path}]]" if in_array else f"[{path}]"
        yield f"{header}\n{tomli_w.dumps(plain, multiline_strings=True)}"
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _chunks(f"{path}.{key}", value, in_array=False)
        elif _is_table_list(value):
            for item in value:
                yield from _chunks(f"{path}.{key}", item, in_array=True)


def dump_toml(doc: Document) -> str:
    data = doc.model_dump(mode="python")
    chunks = [f"schema_version = {data.pop('schema_version')}\n"]
    for key, value in data.items():
        if not is_answered(value):
            continue
        items = value if _is_table_list(value) else [value]
        for item in items:
            chunks.extend(_chunks(key, item, in_array=value is not item))
    return HEADER + "\n" + "\n".join(chunks)
