"""``archwiz import ARCHITECTURE.md [-o SIDECAR]``: an existing document read into a spec.

Only the sidecar is written: the Markdown the user wrote is theirs and stays as it is (the
next render refuses to replace it unless told, keeping it as ``.bak`` when told). An answer
the model refuses (a version that is no X.Y.Z, a date written out in words) is kept in its
section's notes and said, so an import never fails on a document archwiz can read at all,
and every sentence of the document is checked to be in the spec's render.
"""

import os
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wizard.chars import ALWAYS_FORBIDDEN, describe_char, printable
from wizard.errors import EXIT_OK, EXIT_OUTPUT, InputError, OutputError, Problem
from wizard.model import Document
from wizard.model.document import SECTION_KEYS
from wizard.outputs import STDIN
from wizard.problems import describe_all, field_at, format_path
from wizard.text import PROSE_MAX

_MAX_ROUNDS = 50
_FORBIDDEN = re.compile(f"[{ALWAYS_FORBIDDEN}]")
_SECTIONS = set(SECTION_KEYS)


def _say(text: str, quiet: bool) -> None:
    if not quiet:
        print(printable(text), file=sys.stderr)


def validated(data: dict[str, Any]) -> tuple[Document, list[str]]:
    """The document, and what the model refused: each refused value is taken out and kept,
    as text, in the notes of its section (or, too long for them, in extra sections)."""
    refused: list[str] = []
    for _ in range(_MAX_ROUNDS):
        try:
            return Document.model_validate(data), refused
        except ValidationError as error:
            problems = describe_all(error)
        # Deepest first, and from the end of each list, so a removal moves no other path.
        deepest_first = sorted(
            problems, key=lambda item: [str(part).zfill(9) for part in item[0]], reverse=True
        )
        taken_now = []
        for loc, message in deepest_first:
            taken = _take(data, loc)
            if taken is not None:
                taken_now.append((loc, message, *taken))
        if not taken_now:
            break
        # Kept in the document's order, each as "Label: value", as the author wrote it.
        for loc, message, where, value in reversed(taken_now):
            refused.append(_keep(data, loc, message, where, value))
    raise InputError(
        "the document could not be read into a spec: the model kept refusing what was read from it"
    )


def _keep(data: dict[str, Any], loc: tuple[str | int, ...], message: str, where: Any, value: Any) -> str:
    """Keep a refused value as text; what was said about it."""
    top = str(loc[0]) if loc else ""
    if top in ("notes", "extra_sections"):
        # A place that keeps text refused it: only length can be the reason (the text was
        # read from a UTF-8 file and checked for control characters).
        if top == "extra_sections" and len(loc) > 2 and loc[2] == "body" and isinstance(value, str):
            # An extra section's body: its first part stays in it, the rest follow it.
            holder = data["extra_sections"][loc[1]]
            chunks = _chunks(value)
            holder["body"] = chunks[0]
            title = str(holder.get("title", "Kept"))[:70]
            for number, chunk in enumerate(chunks[1:], 2):
                more = {
                    "title": f"{title} (part {number})",
                    "after": holder.get("after", "references"),
                    "body": chunk,
                }
                data["extra_sections"].insert(int(loc[1]) + number - 1, more)
            return f"{format_path(loc)}: {message}; kept as {len(chunks)} extra sections"
        if top == "notes" and len(loc) > 1:
            section, title, body = str(loc[1]), f"Notes on {_title(str(loc[1]))}", value
        elif isinstance(value, dict):
            section = str(value.get("after", "references"))
            title, body = str(value.get("title", "Kept")), str(value.get("body", ""))
        else:
            section, title, body = "references", "Kept", _shown(value)
        parts = _in_parts(data, section if section in _SECTIONS else "references", title, str(body))
        return f"{format_path(loc)}: {message}; kept as {parts} extra sections"
    section = top if top in _SECTIONS else "references"
    spec = field_at(where)
    label = spec.label if spec is not None else format_path(where)
    text = _as_note(f"{label}: {_shown(value)}")
    notes = data.setdefault("notes", {})
    joined = (notes[section] + "\n\n" if notes.get(section) else "") + text
    if len(joined) <= PROSE_MAX:
        notes[section] = joined
        return f"{format_path(loc)}: {message}; kept in the notes of {section}"
    parts = _in_parts(data, section, f"{label} (kept)", text)
    return f"{format_path(loc)}: {message}; kept as {parts} extra sections after {section}"


def _title(key: str) -> str:
    return Document.model_fields[key].title or key if key in Document.model_fields else key


def _chunks(body: str) -> list[str]:
    """``body`` in pieces under the model's length limit, cut between lines where it can be."""
    chunks: list[str] = []
    rest = body
    limit = PROSE_MAX - 1_000
    while rest:
        if len(rest) <= limit:
            chunks.append(rest)
            break
        cut = rest.rfind("\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        chunks.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    return chunks or [""]


def _in_parts(data: dict[str, Any], after: str, title: str, body: str) -> int:
    """``body`` as extra sections after ``after``."""
    chunks = _chunks(body)
    short = title.replace("\n", " ")[:70].strip() or "Kept"
    for number, chunk in enumerate(chunks, 1):
        name = short if number == 1 else f"{short} (part {number})"
        data.setdefault("extra_sections", []).append({"title": name, "after": after, "body": chunk})
    return len(chunks)


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

    if markdown == STDIN and not sidecar:
        raise InputError("reading the document from standard input: name the sidecar to write with -o")
    source = Path(markdown)
    if markdown != STDIN and source.is_dir():
        raise InputError([Problem(markdown, "is a folder; name the Markdown file to import")])
    target = Path(sidecar) if sidecar else source.with_suffix(".toml")
    if target.suffix.lower() != ".toml":
        raise InputError(
            f"{target} is not a .toml file; name the sidecar to write, e.g. -o ARCHITECTURE.toml"
        )
    if markdown != STDIN and os.path.realpath(target) == os.path.realpath(source):
        raise InputError(f"{target} is the document being read; name another file with -o")
    if markdown != STDIN and source.is_dir():
        raise InputError([Problem(markdown, "is a folder; name the Markdown file to import")])
    data = read_bytes(markdown)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark, as Windows editors write: no text of the author's
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data.count(b"\n", 0, at) + 1
        raise InputError(
            [Problem(markdown, "contains a NUL byte; this is a binary file, not Markdown", line)]
        )
    text = decode(data, markdown).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError([Problem(markdown, "is empty; there is nothing to import")])
    control = _FORBIDDEN.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        raise InputError(
            [
                Problem(
                    markdown,
                    f"contains {describe_char(control.group())}, which a spec cannot hold; remove it",
                    line,
                    column,
                )
            ]
        )
    try:
        imported = read_document(text)
    except RecursionError:
        raise InputError(
            [Problem(markdown, "is nested too deeply to read (lists or quotes hundreds of levels deep)")]
        ) from None
    document, refused = validated(imported.data)
    try:
        preflight(target, links_out=force)
        if target.exists() and not force:
            raise OutputError(
                f"{target} exists; archwiz does not replace it. Name another file with -o, or add --force "
                f"to replace it (it is kept as {target.name}.bak)"
            )
        backup = keep_backup(target) if target.exists() else None
        write_files([(target, stamp_sidecar(dump_toml(document)))], links_out=force)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {(error.strerror or str(error)).lower()}") from None
    for placed in imported.report:
        _say(f"{markdown}:{placed.line}: {placed.what} -> {placed.where}", quiet)
    # What was not read as written is said even with -q: it is what the user must look at.
    for refusal in refused:
        _say(f"not a valid answer: {refusal}", False)
    missing = lost(without_stamp(text), render_markdown(document), imported.headings)
    for line_number, sentence in missing:
        _say(f"{markdown}:{line_number}: warning: not in the spec's document: {sentence[:120]}", False)
    if backup is not None:
        _say(f"kept the file it replaced as {backup}", quiet)
    if missing:
        _say(
            f"wrote {target}, but {len(missing)} sentences of {markdown} are not in its document "
            "(see above); "
            "add them to the sidecar, or keep the Markdown as it is",
            False,
        )
        return EXIT_OUTPUT  # written, but not all of it: a script must notice
    _say(f"wrote {target}; render it with: archwiz --from {target} -o OUT.md", quiet)
    return EXIT_OK
