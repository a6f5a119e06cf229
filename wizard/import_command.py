"""``archwiz import ARCHITECTURE.md [-o SIDECAR]``: an existing document read into a spec.

Only the sidecar is written: the Markdown the user wrote is theirs and stays as it is (the
next render refuses to replace it unless told, keeping it as ``.bak`` when told). An answer
the model refuses (a version that is no X.Y.Z, a date written out in words) is kept in its
section's notes and said, so an import never fails on a document archwiz can read at all,
and every sentence of the document is checked to be in the spec's render.
"""

import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wizard.chars import printable
from wizard.errors import EXIT_OK, InputError, OutputError, Problem
from wizard.model import Document
from wizard.model.document import SECTION_KEYS
from wizard.problems import describe_all, field_at, format_path

_MAX_ROUNDS = 50
_SECTIONS = set(SECTION_KEYS)


def _say(text: str, quiet: bool) -> None:
    if not quiet:
        print(printable(text), file=sys.stderr)


def validated(data: dict[str, Any]) -> tuple[Document, list[str]]:
    """The document, and what the model refused: each refused value is taken out and kept,
    as text, in the notes of its section."""
    refused: list[str] = []
    for _ in range(_MAX_ROUNDS):
        try:
            return Document.model_validate(data), refused
        except ValidationError as error:
            problems = describe_all(error)
        # Deepest first, and from the end of each list, so a removal moves no other path.
        taken_now = []
        for loc, message in sorted(
            problems, key=lambda item: [str(part).zfill(9) for part in item[0]], reverse=True
        ):
            taken = _take(data, loc)
            if taken is not None:
                taken_now.append((loc, message, *taken))
        # Kept in the document's order, each as "Label: value", as the author wrote it.
        for loc, message, where, value in reversed(taken_now):
            section = str(loc[0]) if loc and str(loc[0]) in _SECTIONS else "references"
            spec = field_at(where)
            label = spec.label if spec is not None else format_path(where)
            notes = data.setdefault("notes", {})
            text = _as_note(f"{label}: {_shown(value)}")
            notes[section] = (notes.get(section, "") + "\n\n" if notes.get(section) else "") + text
            refused.append(f"{format_path(loc)}: {message}; kept in the notes of {section}")
    raise InputError("the document could not be read into a spec (too many refused values)")


def _take(data: Any, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], Any] | None:
    """Remove the value at ``loc`` (or, when it is missing, the item holding it)."""
    parents: list[tuple[Any, str | int]] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            parents.append((node, part))
            node = node[part]  # type: ignore[index]
        else:
            break
    if not parents:
        return None
    holder, key = parents[-1]
    value = holder[key]
    del holder[key]
    return loc[: len(parents)], value


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {_shown(item)}" for key, item in value.items() if item not in ("", [], {}, None)
        )
    if isinstance(value, list):
        return ", ".join(_shown(item) for item in value)
    return str(value)


def _as_note(text: str) -> str:
    from wizard.markdown.escape import inline

    return inline(text.replace("\n", " "))


def import_document(markdown: str, sidecar: str | None, *, force: bool, quiet: bool) -> int:
    from wizard.atomic import preflight, write_files
    from wizard.markdown import render_markdown
    from wizard.ownership import keep_backup, stamp_sidecar
    from wizard.reading.document import read_document, without_stamp
    from wizard.reading.sentences import lost
    from wizard.sidecar import dump_toml
    from wizard.spec import decode, read_bytes

    source = Path(markdown)
    target = Path(sidecar) if sidecar else source.with_suffix(".toml")
    if target.suffix.lower() != ".toml":
        raise InputError(
            f"{target} is not a .toml file; name the sidecar to write, e.g. -o ARCHITECTURE.toml"
        )
    if target.resolve() == source.resolve():
        raise InputError(f"{target} is the document being read; name another file with -o")
    text = decode(read_bytes(markdown), markdown).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError([Problem(markdown, "is empty; there is nothing to import")])
    try:
        imported = read_document(text)
    except RecursionError:
        raise InputError(
            [Problem(markdown, "is nested too deeply to read (lists or quotes hundreds of levels deep)")]
        ) from None
    document, refused = validated(imported.data)
    preflight(target, links_out=force)
    if target.exists() and not force:
        raise OutputError(
            f"{target} exists; archwiz does not replace it. Name another file with -o, or add --force "
            f"to replace it (it is kept as {target.name}.bak)"
        )
    backup = keep_backup(target) if target.exists() else None
    write_files([(target, stamp_sidecar(dump_toml(document)))], links_out=force)
    for placed in imported.report:
        _say(f"{markdown}:{placed.line}: {placed.what} -> {placed.where}", quiet)
    for refusal in refused:
        _say(f"not a valid answer: {refusal}", quiet)
    missing = lost(without_stamp(text), render_markdown(document), imported.headings)
    for line, sentence in missing:
        _say(f"{markdown}:{line}: warning: not in the spec's document: {sentence[:120]}", quiet)
    if backup is not None:
        _say(f"kept the file it replaced as {backup}", quiet)
    _say(
        f"wrote {target}; render it with: archwiz --from {target} -o OUT.md"
        + ("" if not missing else f" ({len(missing)} sentences could not be placed: see above)"),
        quiet,
    )
    return EXIT_OK
