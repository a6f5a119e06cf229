"""``archwiz adr import DIR``: a folder of ADRs read into the decisions of a sidecar.

Reads Nygard's layout (adr-tools: ``# 1. Title``, Date, Status, Context, Decision,
Consequences), MADR 2 (``* Status: accepted`` bullets, Positive and Negative
Consequences, Links) and MADR 3/4 (YAML front matter, Context and Problem Statement,
Considered Options, Decision Outcome, Pros and Cons of the Options, More Information),
and what ``archwiz adr export`` writes. Sections are found with a CommonMark parser
(markdown-it-pyrs), so a ``#`` line inside a code fence is never taken for a heading.

Whatever has no field (decision drivers, deciders, a table of contents, an unknown
section) is kept in the decision's notes under its own heading, and said: nothing a
file holds is dropped.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it_pyrs import MarkdownIt

from wizard.adr_export import BAD, GOOD, INDEX
from wizard.names import same_name

_MD = MarkdownIt("commonmark")
_STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
_NUMBERED_FILE = re.compile(r"^(\d{1,6})[-_ .]")
_TITLE_NUMBER = re.compile(r"^(?:ADR[-\s]?)?(\d{1,6})\s*[.:)\-–]\s+", re.IGNORECASE)
_STAMP = re.compile(r"\n*<!-- Written by archwiz; [^\n]*? sha256:[0-9a-f]{64} -->\n?\Z")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|&lt;|&amp;")
_FIELD_LINE = re.compile(r"^\s*(?:[*+-]\s+)?\**([A-Za-z][A-Za-z ]{1,30}?)\**\s*:\**\s*(.*)$")
_SUPERSEDES = re.compile(r"^\s*(?:[*+-]\s+)?supersedes\b(.*)$", re.IGNORECASE)
_SUPERSEDED_BY = re.compile(r"^\s*(?:[*+-]\s+)?superseded by\b", re.IGNORECASE)
_REF_NUMBER = re.compile(r"(?:ADR[-\s]?|\[|^|\s)0*(\d{1,6})\b", re.IGNORECASE)


def unescape(text: str) -> str:
    """Literal text from Markdown that escapes it (as archwiz writes names)."""
    return _UNESCAPE.sub(lambda m: m.group(1) or {"&lt;": "<", "&amp;": "&"}[m.group()], text)


@dataclass
class Imported:
    """One file, read: the decision's fields (raw, for the model to validate), and what was
    kept in its notes because no field takes it."""

    path: Path
    fields: dict[str, Any] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # the headings (or labels) put in notes


def _span(node: Any) -> tuple[int, int]:
    """A node's byte range in its source (block nodes always have one)."""
    span = node.srcmap
    assert span is not None, node.name
    return int(span[0]), int(span[1])


@dataclass
class _Section:
    level: int
    title: str
    body: str  # the Markdown below the heading, up to the next heading at its level or above
    own: str  # the body before its first part
    parts: list["_Section"]  # the headings one level down, each with its own section


def _heading_text(src: bytes, node: Any) -> str:
    start, end = _span(node)
    raw = src[start:end].decode()
    if node.name == "lheading":
        raw = raw.split("\n")[0]
    return unescape(re.sub(r"^\s*#{1,6}\s*|\s+#+\s*$", "", raw).strip())


def _split(text: str) -> tuple[str, list[_Section]]:
    """The text before the first heading, and the sections of the shallowest headings.

    A section's parts are the headings exactly one level down; deeper ones (an author's
    own "#### Example" in a context) stay in the text of the part that holds them.
    """
    src = text.encode()
    heads = [
        (*_span(node), int(node.meta["level"]), _heading_text(src, node))
        for node in _MD.tree(text).children
        if node.name in ("heading", "lheading")
    ]

    def sections(first: int, last: int, level: int) -> list[_Section]:
        found = []
        indexes = [i for i in range(first, last) if heads[i][2] == level]
        for n, i in enumerate(indexes):
            until = indexes[n + 1] if n + 1 < len(indexes) else last
            end = heads[until][0] if until < len(heads) else len(src)
            parts = sections(i + 1, until, level + 1)
            first_part = next((heads[j][0] for j in range(i + 1, until) if heads[j][2] == level + 1), end)
            body = src[heads[i][1] : end].decode().strip("\n")
            own = src[heads[i][1] : first_part].decode().strip("\n")
            found.append(_Section(level, heads[i][3], body, own, parts))
        return found

    before = src[: heads[0][0]].decode() if heads else text
    top = min((head[2] for head in heads), default=1)
    return before.strip("\n"), sections(0, len(heads), top)


def _norm(title: str) -> str:
    """A title's words, as compared: case and punctuation aside (a title of punctuation only
    is itself)."""
    return same_name(title) or title.strip().lower()


_SYNONYMS = {"approved": "accepted", "agreed": "accepted", "draft": "proposed", "proposal": "proposed"}


def _status(text: str) -> tuple[str | None, str]:
    """(The model's status, or None) and the status text as written. "Approved" is taken
    for Accepted; the text as written is kept in the notes whenever it says more."""
    words = re.findall(r"[A-Za-z]+", text)
    first = words[0].lower() if words else ""
    first = _SYNONYMS.get(first, first)
    return (first.capitalize(), text) if first in _STATUSES else (None, text)


def _says_more(text: str, status: str | None) -> bool:
    """Whether a status line holds more than the status word itself (a link, a reason)."""
    return status is None or text.strip().strip("*_.").lower() != status.lower()


def _numbers(text: str) -> list[int]:
    return [int(number) for number in _REF_NUMBER.findall(text)]


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    rest = text[end + 4 :]
    return meta, rest[1:] if rest.startswith("\n") else rest


def _bullets(text: str) -> list[str]:
    """The items of a bullet list, each item's text dedented (a list of plain lines otherwise)."""
    src = text.encode()
    items = []
    for node in _MD.tree(text).children:
        if node.name != "bullet_list":
            continue
        for item in node.children:
            start, end = _span(item)
            raw = src[start:end].decode()
            first, _, rest = raw.partition("\n")
            marker = re.match(r"\s*[*+-](?:\s+|$)", first)
            width = len(marker.group()) if marker else 0
            body = first[width:]
            if rest:  # continuation lines are indented by the marker's width
                body += "\n" + "\n".join(_dedent(line, width) for line in rest.split("\n"))
            items.append(body.strip("\n"))
    return items


def _dedent(line: str, width: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, width) :]


def _option(section: _Section) -> dict[str, Any]:
    """An option of "Pros and Cons of the Options": its description, pros and cons."""
    pros: list[str] = []
    cons: list[str] = []
    other: list[str] = []
    text = section.body
    src = text.encode()
    description: list[str] = []
    for node in _MD.tree(text).children:
        start, end = _span(node)
        chunk = src[start:end].decode().strip("\n")
        if node.name != "bullet_list":
            description.append(chunk)
            continue
        items = _bullets(chunk)
        if not any(item.startswith((GOOD, BAD)) for item in items):
            description.append(chunk)  # the option's own list, as written
            continue
        for item in items:
            for prefix, into in ((GOOD, pros), (BAD, cons)):
                if item.startswith(prefix):
                    into.append(item[len(prefix) :].lstrip(" ,").lstrip("\n"))
                    break
            else:
                other.append(f"* {item}")
    if other:
        description.append("\n".join(other))
    option: dict[str, Any] = {"name": section.title, "pros": pros, "cons": cons}
    if description:
        option["description"] = "\n\n".join(description)
    return option


def read_adr(path: Path) -> Imported:
    """One ADR file, in any of the layouts above."""
    from wizard.spec import decode, read_bytes

    text = decode(read_bytes(str(path)), str(path)).replace("\r\n", "\n")
    result = Imported(path)
    fields = result.fields
    notes: list[str] = []

    def keep(title: str, body: str) -> None:
        if body.strip():
            notes.append(f"### {title}\n\n{body.strip()}")
            result.kept.append(title)

    text = _STAMP.sub("", text)  # archwiz's own stamp, on a file it exported
    meta, text = _front_matter(text)
    before, sections = _split(text)
    if (match := _NUMBERED_FILE.match(path.name)) is not None:
        fields["number"] = int(match.group(1))
    title_section = next((s for s in sections if s.level == 1), None)
    if title_section is not None:
        title = title_section.title
        if (numbered := _TITLE_NUMBER.match(title)) is not None:
            fields.setdefault("number", int(numbered.group(1)))
            title = title[numbered.end() :]
        fields["title"] = title.strip()
        # Another "# ..." after the title (a second H1, as some authors write "# Context"):
        # its own text is that section and its parts are sections too, as if all were "##".
        others = [s for s in sections if s is not title_section]
        sections = [*title_section.parts]
        for other in others:
            sections += [_Section(2, other.title, other.own, other.own, []), *other.parts]
        preamble = title_section.own
    else:
        fields["title"] = path.stem
        preamble = ""
    keep("Before the title", before)
    unknown_meta = [f"{key}: {value}" for key, value in meta.items() if not _field(key, value, fields, keep)]
    keep("Front matter", "\n".join(unknown_meta))
    unplaced = []
    for line in preamble.splitlines():  # "Date: 2020-01-01", "* Status: accepted", ...
        found = _FIELD_LINE.match(line)
        if found is None or not _field(found.group(1).lower(), found.group(2), fields, keep):
            unplaced.append(line)
    keep("Preamble", "\n".join(unplaced))
    for section in sections:
        _section(section, fields, keep)
    if fields.get("number") == 0:
        del fields["number"]  # "0000-...": no decision is 0; merged by title, numbered next free
    own = fields.pop("own_notes", "")
    if own or notes:
        fields["notes"] = "\n\n".join(part for part in (own, *notes) if part)
    return result


def _field(key: str, value: str, fields: dict[str, Any], keep: Any) -> bool:
    """A ``key: value`` of front matter or a preamble; False when it is not one."""
    key = key.strip().lower()
    if key == "status":
        status, written = _status(value)
        if status:
            fields["status"] = status
        if _says_more(written, status):
            keep("Status", written)
        return True
    if key == "date":
        try:
            fields["date"] = datetime.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            keep("Date", value)
        return True
    if key in ("deciders", "decision makers", "decision-makers", "consulted", "informed", "technical story"):
        keep(key.replace("-", " ").capitalize(), value)
        return True
    return False


_SETS = {
    "status": "status",
    "context": "context",
    "context and problem statement": "context",
    "context and problem": "context",
    "decision": "decision",
    "decision outcome": "decision",
    "consequences": "consequences",
    "considered options": "options",
    "considered alternatives": "options",
    "options": "options",
    "notes": "own_notes",
}


def _section(section: _Section, fields: dict[str, Any], keep: Any) -> None:
    name = _norm(section.title)
    if _SETS.get(name) in fields:
        # A second "## Context" (two records in one file, as real folders have): the
        # first one fills the field, this one is kept whole in the notes.
        keep(section.title, section.body)
        return
    if name == "status":
        status, _ = _status(section.body)
        if status:
            fields["status"] = status
        lines = section.body.splitlines()
        supersedes = [n for line in lines if (m := _SUPERSEDES.match(line)) for n in _numbers(m.group(1))]
        if supersedes:
            fields["supersedes"] = supersedes
        rest = [line for line in lines if not _SUPERSEDES.match(line) and not _SUPERSEDED_BY.match(line)]
        said = "\n".join(rest).strip("\n")
        if said and ("\n" in said or _says_more(said, status)):
            keep("Status", said)
    elif name in ("context", "context and problem statement", "context and problem"):
        fields["context"] = section.body
    elif name in ("decision", "decision outcome"):
        fields["decision"] = section.own
        consequences = []
        for part in section.parts:
            kind = _norm(part.title)
            if kind == "rationale":
                fields["rationale"] = part.body
            elif kind == "consequences":
                consequences.append(part.body)
            elif kind in ("positive consequences", "negative consequences"):
                consequences.append(f"**{part.title}:**\n\n{part.body}")
            else:
                keep(part.title, part.body)
        if consequences:
            fields["consequences"] = "\n\n".join(consequences)
    elif name == "consequences":
        fields["consequences"] = section.body
    elif name in ("considered options", "considered alternatives", "options"):
        names = [unescape(item).strip() for item in _bullets(section.body)]
        if names:
            fields["options"] = [{"name": name} for name in names]
        else:
            keep(section.title, section.body)
    elif name == "pros and cons of the options":
        for part in section.parts:
            _add_option(fields, part)
        if section.own:
            keep(section.title, section.own)
    elif name in ("more information", "links"):
        rest = []
        for line in section.body.splitlines():
            if (m := _SUPERSEDES.match(line)) is not None:
                fields["supersedes"] = fields.get("supersedes", []) + _numbers(m.group(1))
            elif not _SUPERSEDED_BY.match(line):
                rest.append(line)
        keep(section.title, "\n".join(rest))
    elif name == "notes":
        fields["own_notes"] = section.body
    elif _same_option(section.title, fields.get("options", [])) is not None:
        _add_option(fields, section)  # options' pros and cons under "##", beside the list
    else:
        keep(section.title, section.body)


def _same_option(title: str, options: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The considered option a pros-and-cons heading is about: the same words, or the start
    of them ("Keep X" for "Keep X (status quo)")."""
    name = _norm(unescape(title))
    for option in options:
        known = _norm(option["name"])
        if name and (known == name or known.startswith(name + " ") or name.startswith(known + " ")):
            return option
    return None


def _add_option(fields: dict[str, Any], part: _Section) -> None:
    option = _option(part)
    option["name"] = unescape(option["name"])
    options = fields.setdefault("options", [])
    same = _same_option(option["name"], options)
    if same is None:
        options.append(option)
    else:
        option.pop("name")
        same.update(option)


@dataclass
class FolderImport:
    decisions: list[Imported]
    skipped: list[Path]  # Markdown files that are not decision records (the index, templates)


def read_folder(folder: Path) -> FolderImport:
    """Every numbered ADR in ``folder`` (``NNNN-title.md``), in number order."""
    if not folder.is_dir():
        from wizard.errors import InputError

        raise InputError(f"{folder}: no such folder of decision records")
    found, skipped = [], []
    for path in sorted(folder.glob("*.md")):
        if path.name == INDEX or not _NUMBERED_FILE.match(path.name):
            skipped.append(path)
            continue
        found.append(read_adr(path))
    found.sort(key=lambda item: (item.fields.get("number", 0), item.path.name))
    by_number: dict[int, list[str]] = {}
    for item in found:
        if item.fields.get("number"):
            by_number.setdefault(item.fields["number"], []).append(item.path.name)
    twice = [
        f"{', '.join(names)} are all number {number}" for number, names in by_number.items() if len(names) > 1
    ]
    if twice:
        from wizard.errors import InputError

        raise InputError(
            [f"{folder}: {line}" for line in twice]
            + ["one would silently replace the other: renumber or remove one (nothing was written)"]
        )
    return FolderImport(found, skipped)
