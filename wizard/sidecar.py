"""The TOML sidecar: the document's data, written so that ``--from`` can read it back.

An unanswered field (empty text, empty list, no date) is left out, so a sidecar
holds only what the user wrote and TOML never sees a ``None``. Every field's
default is exactly such an empty value (or a fixed choice like status), so
leaving it out loses nothing: ``load(dump(doc)) == doc``.
"""

from typing import Any

import tomli_w

from wizard.model import Document

HEADER = (
    "# Architecture document data, written by archwiz.\n"
    "# Edit it and render the Markdown again with: archwiz --from <this file>\n"
)


def _prune(value: Any) -> Any:
    """Drop empty answers from tables; list elements are kept whatever they hold."""
    if isinstance(value, dict):
        pruned = {key: _prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in ("", [], {}, None)}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


def dump_toml(doc: Document) -> str:
    data = _prune(doc.model_dump(mode="python"))
    return HEADER + "\n" + tomli_w.dumps(data, multiline_strings=True)
