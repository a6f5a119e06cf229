"""A whole architecture document read back into the data of a spec: the inverse of
``wizard.markdown.render``, and forgiving of a document written by hand from the template.

Headings are matched to sections by their words ("Trade-offs and Decisions" is the
decisions section); inside a section, ``###`` headings to its fields by their labels, in any
order. What has no place is never dropped: blocks a section cannot place become that
section's notes, a ``##`` heading of no section becomes an extra section after the one
before it, and the report says where each went.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from wizard.model import Document
from wizard.model.decisions import Review
from wizard.model.delivery import TestEnvironment
from wizard.model.document import SECTION_KEYS
from wizard.model.overview import Diagrams, Header
from wizard.model.quality import Alert, CoreTechnology, Metric, Observability, PerformanceTarget
from wizard.names import same_name
from wizard.reading import parts as read
from wizard.reading.blocks import HEADING, HTML, PARAGRAPH, RULE, Block, blocks, source_of
from wizard.reading.values import Reading, bold_label, gap, read_field, unescape
from wizard.sections import FieldSpec, fields_of

_STAMP = re.compile(r"^<!-- Written by archwiz; [^\n]*? sha256:[0-9a-f]{64} -->$")
_ARCHITECTURE = re.compile(r"\s+Architecture$", re.IGNORECASE)
_DESIGN_KEYS = {"diagrams", "components", "entities", "endpoints"}


@dataclass
class Placed:
    """One line of the report: what was read from ``line``, and where it went."""

    line: int
    what: str
    where: str


@dataclass
class Imported:
    data: dict[str, Any]
    report: list[Placed] = field(default_factory=list)
    notes: dict[str, list[Block]] = field(default_factory=dict)
    headings: set[int] = field(default_factory=set)  # lines of headings read as the template's

    def keep(self, key: str, parts: list[Block], why: str) -> None:
        """Blocks with no field: kept as the notes of section ``key``."""
        parts = [part for part in parts if part.text.strip()]
        if not parts:
            return
        self.notes.setdefault(key, []).extend(parts)
        self.report.append(Placed(parts[0].line, why, f"notes of {_title(key)}"))


def _title(key: str) -> str:
    return Document.model_fields[key].title or key


def _norm(text: str) -> str:
    return same_name(unescape(text))


# The parts of the template by their headings: a section's own title, and the headings
# the template gives the diagrams and the detailed design.
_PARTS: dict[str, str] = {_norm(_title(key)): key for key in SECTION_KEYS if key not in ("header", "review")}
_PARTS.pop(_norm(_title("diagrams")), None)
_PARTS.update(
    {
        _norm(Diagrams.model_fields["high_level"].title or ""): "high_level",
        "detailed design": "detailed",
        _norm(Diagrams.model_fields["data_flow"].title or ""): "data_flow",
        _norm(Diagrams.model_fields["interactions"].title or ""): "interactions",
    }
)
# What hand-written documents call the template's sections (compared by their words).
_PARTS.update(
    {
        **dict.fromkeys(
            (
                "key architectural decisions",
                "architectural decisions",
                "architecture decisions",
                "design decisions",
                "decisions",
                "tradeoffs and decisions",
                "trade offs and decisions",
            ),
            "decisions",
        ),
        **dict.fromkeys(("related documents", "related documentation", "further reading"), "references"),
        **dict.fromkeys(("system context", "context and scope", "system context and scope"), "context"),
        **dict.fromkeys(("goals", "architecture goals", "design goals"), "goals"),
        **dict.fromkeys(("summary", "tech stack"), ""),
    }
)
_PARTS["summary"] = "summary"
_PARTS["tech stack"] = "tech_stack"
_OF_SECTION = {
    "high_level": "diagrams",
    "detailed": "diagrams",
    "data_flow": "diagrams",
    "interactions": "diagrams",
}
_DESIGN_PARTS = {"high_level", "detailed", "data_flow", "interactions", "components", "entities", "endpoints"}


def without_stamp(text: str) -> str:
    """The document without archwiz's closing stamp comment (no sentence of the author's)."""
    return re.sub(r"\n*<!-- Written by archwiz; [^\n]*? sha256:[0-9a-f]{64} -->\n?\Z", "\n", text)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_YAML_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)
_FROM_FRONT_MATTER = {"title": "title", "status": "status", "version": "version", "date": "last_updated"}
_FROM_FRONT_MATTER["last_updated"] = "last_updated"


def _front_matter(text: str, out: Imported) -> tuple[str, int]:
    """YAML front matter: kept whole as a yaml block under the title (no key is lost), and
    its title, status, version and date offered to the header. (text after it, its lines)"""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return text, 0
    yaml = found.group("yaml")
    for pair in _YAML_PAIR.finditer(yaml):
        key = _FROM_FRONT_MATTER.get(pair.group("key").lower())
        if key is not None:
            out.data.setdefault("header", {})[key] = pair.group("value").strip("\"'")
    ticks = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", yaml))])
    kept = Block("fence", f"{ticks}yaml\n{yaml}{ticks}", 1)
    out.notes.setdefault("header", []).append(kept)
    out.report.append(
        Placed(1, "the front matter", "header (title, status, version, date) and notes of Header")
    )
    return text[found.end() :], text.count("\n", 0, found.end())


def read_document(text: str) -> Imported:
    out = Imported({"notes": {}, "extra_sections": [], "not_applicable": {}})
    text, skipped = _front_matter(text, out)
    found = [
        part
        for part in blocks(text, skipped + 1)
        if not (part.kind == HTML and _STAMP.match(part.text.strip()))
    ]
    found = _header(found, out)
    found = _footer(found, out)
    _chapters(found, out)
    for key, kept in out.notes.items():
        out.data["notes"][key] = source_of(kept)
    for name in ("notes", "extra_sections", "not_applicable"):
        if not out.data[name]:
            del out.data[name]
    return out


def _lines(text: str) -> list[str]:
    return [line for line in re.split(r"\\\n|  \n|\n", text) if line.strip()]


def _label_lines(model: type[BaseModel], part: Block, into: Reading) -> bool:
    """``**Label:** value`` lines (the header's and the owner's) into ``model``'s fields."""
    by_label = {item.label: item for item in fields_of(model)}
    labelled = [bold_label(line) for line in _lines(part.text)]
    if not labelled or any(item is None or item[0] not in by_label for item in labelled):
        return False
    for item in labelled:
        assert item is not None
        spec = by_label[item[0]]
        value = item[1].strip()
        mark = gap(value)
        if mark is not None:
            if mark.reason is not None:
                into.mark(spec, mark.reason)
        elif value:
            read_field(spec, blocks(value, part.line), into)
    return True


def _header(found: list[Block], out: Imported) -> list[Block]:
    at = next((i for i, part in enumerate(found) if part.kind == HEADING and part.level <= 2), None)
    if at is None or found[at].level != 1:
        return found
    header = Reading({})
    title = unescape(found[at].title)
    title = _ARCHITECTURE.sub("", title) if title.lower() != "architecture" else title
    if gap(title) is None and title.strip():
        header.put(_spec(Header, "title"), title.strip())
    out.report.append(Placed(found[at].line, "the title", "header"))
    rest = found[at + 1 :]
    if rest and rest[0].kind == PARAGRAPH and _label_lines(Header, rest[0], header):
        out.report.append(Placed(rest[0].line, "the status, version and date lines", "header"))
        rest = rest[1:]
    out.data["header"] = {**out.data.get("header", {}), **header.data}
    end = next((i for i, part in enumerate(rest) if part.kind == HEADING and part.level <= 2), len(rest))
    out.keep("header", found[:at] + rest[:end], "text under the title")
    return rest[end:]


def _footer(found: list[Block], out: Imported) -> list[Block]:
    """The owner lines after the last thematic break, as the template closes."""
    for at in range(len(found) - 1, 0, -1):
        part = found[at]
        if found[at - 1].kind != RULE or part.kind != PARAGRAPH:
            continue
        review = Reading({})
        mark = gap(part.text)
        if mark is not None and mark.reason is not None and at == len(found) - 1:
            out.data["not_applicable"]["review"] = mark.reason
        elif not _label_lines(Review, part, review):
            continue
        out.data["review"] = review.data
        out.report.append(Placed(part.line, "the owner and review lines", "Ownership & Review"))
        out.keep("review", found[at + 1 :], "text after the owner lines")
        return found[: at - 1]
    return found


def _spec(model: type[BaseModel], name: str) -> FieldSpec:
    return read.spec(model, name)


@dataclass
class _Chapter:
    heading: Block
    part: str  # a key of _PARTS' values, or "" for a heading of no section
    body: list[Block] = field(default_factory=list)


def _chapters(found: list[Block], out: Imported) -> None:
    chapters: list[_Chapter] = []
    lead: list[Block] = []
    after = "header"
    for part in found:
        if part.kind == HEADING and part.level <= 3:
            key = _PARTS.get(_norm(part.title), "")
            design = (chapters and chapters[-1].part in _DESIGN_PARTS) or after in _DESIGN_KEYS
            if part.level <= 2 or (key in _DESIGN_PARTS and design and key not in ("high_level", "detailed")):
                chapters.append(_Chapter(part, key))
                if key:
                    after = _OF_SECTION.get(key, key)
                continue
        if chapters:
            chapters[-1].body.append(part)
        else:
            lead.append(part)
    out.keep("header", lead, "text before the first section")
    after = "header"
    for chapter in chapters:
        if not chapter.part:
            _extra(chapter, after, out)
            continue
        key = _OF_SECTION.get(chapter.part, chapter.part)
        after = key
        out.report.append(Placed(chapter.heading.line, chapter.heading.title, _title(key)))
        out.headings.add(chapter.heading.line)
        body = chapter.body
        if (
            body
            and body[0].kind == PARAGRAPH
            and (mark := gap(body[0].text)) is not None
            and mark.reason is not None
        ):
            if (
                chapter.part in ("high_level", "components", "entities", "endpoints")
                or chapter.part not in _DESIGN_PARTS
            ):
                out.data["not_applicable"][key] = mark.reason
                out.keep(key, body[1:], f"text under {chapter.heading.title!r}")
                continue
            if "diagrams" in out.data["not_applicable"]:
                out.keep(key, body[1:], f"text under {chapter.heading.title!r}")
                continue
        leftover = _READERS[chapter.part](body, out)
        out.keep(key, leftover, f"text under {chapter.heading.title!r} with no field")


def _extra(chapter: _Chapter, after: str, out: Imported) -> None:
    body = chapter.body
    mark = gap(body[0].text) if len(body) == 1 and body[0].kind == PARAGRAPH else None
    title = unescape(chapter.heading.title).strip() or "Untitled"
    out.data["extra_sections"].append(
        {"title": title, "after": after, "body": "" if mark is not None else source_of(body)}
    )
    out.report.append(
        Placed(chapter.heading.line, chapter.heading.title, f"extra section after {_title(after)}")
    )


# -- the sections ---------------------------------------------------------------------------

SectionReader = Callable[[list[Block], Imported], list[Block]]
Special = dict[str, Callable[[FieldSpec], read.Reader]]


def _subsections(parts: list[Block], level: int) -> tuple[list[Block], list[tuple[Block, list[Block]]]]:
    lead: list[Block] = []
    found: list[tuple[Block, list[Block]]] = []
    for part in parts:
        if part.kind == HEADING and part.level == level:
            found.append((part, []))
        elif found:
            found[-1][1].append(part)
        else:
            lead.append(part)
    return lead, found


def _group(
    key: str,
    special: Special | None = None,
    extra: dict[str, Callable[[list[Block], Reading], list[Block]]] | None = None,
) -> SectionReader:
    """A section whose fields stand under ``###`` headings of their labels."""

    def reader(parts: list[Block], out: Imported) -> list[Block]:
        model = Document.model_fields[key].annotation
        assert isinstance(model, type) and issubclass(model, BaseModel)
        reading = Reading(out.data.setdefault(key, {}))
        by_label = {
            _norm(spec.label): spec for spec in fields_of(model) if not (spec.text and spec.text.detail)
        }
        lead, found = _subsections(parts, 3)
        leftover = list(lead)
        for heading, body in found:
            name = _norm(heading.title)
            if extra and name in extra:
                leftover += extra[name](body, reading)
                continue
            spec = by_label.get(name)
            if spec is None:
                leftover += [heading, *body]
                continue
            if special and spec.name in special:
                leftover += special[spec.name](spec)(body, reading)
            else:
                leftover += read_field(spec, body, reading)
        return leftover

    return reader


def _summary(parts: list[Block], out: Imported) -> list[Block]:
    reading = Reading(out.data.setdefault("summary", {}))
    return read_field(_spec(Document.model_fields["summary"].annotation, "text"), parts, reading)  # type: ignore[arg-type]


def _goals(parts: list[Block], out: Imported) -> list[Block]:
    reading = Reading(out.data)
    return read_field(_spec(Document, "goals"), parts, reading)


def _diagram_list(name: str) -> SectionReader:
    def reader(parts: list[Block], out: Imported) -> list[Block]:
        found, lead, marked = read.diagrams(parts)
        diagrams = out.data.setdefault("diagrams", {})
        if found:
            diagrams[name] = found
        if marked is not None:
            diagrams.setdefault("not_applicable", {})[name] = marked
        return lead

    return reader


def _data_flow(parts: list[Block], out: Imported) -> list[Block]:
    reading = Reading(out.data.setdefault("diagrams", {}))
    return read.steps(_spec(Diagrams, "data_flow"))(parts, reading)


def _items_under(
    level: int, head: re.Pattern[str], build: Callable[..., tuple[dict[str, Any], list[Block]]], key: str
) -> SectionReader:
    def reader(parts: list[Block], out: Imported) -> list[Block]:
        lead, found = read.by_heading(parts, level, head)
        leftover = list(lead)
        if not found and lead and lead[0].kind == PARAGRAPH and (mark := gap(lead[0].text)) is not None:
            leftover = lead[1:]  # the list's own gap
            if mark.reason is not None:
                out.data.setdefault("not_applicable", {})[key] = mark.reason
        made = []
        for heading, name, body in found:
            matched = head.match(heading.title)
            assert matched is not None
            args = [matched.group("number")] if "number" in head.groupindex else []
            item, rest = build(*args, name, body)
            made.append(item)
            leftover += rest
        if made:
            out.data[key] = made
        return leftover

    return reader


def _observability_logging(parts: list[Block], reading: Reading) -> list[Block]:
    lead, found = read.segments(parts, {_spec(Observability, "log_format").label})
    leftover = list(lead)
    for _, value, _ in found:
        leftover += read_field(_spec(Observability, "log_format"), value, reading)
    return leftover


_TABLES = {
    "core": read.table_of(CoreTechnology),
    "supporting": read.supporting,
}

_READERS: dict[str, SectionReader] = {
    "summary": _summary,
    "context": _group("context"),
    "goals": _goals,
    "high_level": _diagram_list("high_level"),
    "detailed": lambda parts, out: parts,
    "data_flow": _data_flow,
    "interactions": _diagram_list("interactions"),
    "components": _items_under(4, read._NUMBERED_HEAD, read.component, "components"),
    "entities": _items_under(4, read._ENTITY_HEAD, read.entity, "entities"),
    "endpoints": _items_under(4, read._ENDPOINT_HEAD, read.endpoint, "endpoints"),
    "tech_stack": _group("tech_stack", _TABLES),
    "scalability": _group("scalability"),
    "performance": _group("performance", {"targets": read.table_of(PerformanceTarget)}),
    "security": _group("security", {"checklist": read.checklist}),
    "reliability": _group("reliability"),
    "observability": _group(
        "observability",
        {"metrics": read.table_of(Metric, ("name",)), "alerts": read.table_of(Alert)},
        {"logging": _observability_logging},
    ),
    "deployment": _group("deployment", {"pipeline": read.steps}),
    "testing": _group("testing", {"environments": read.table_of(TestEnvironment)}),
    "operations": _group("operations", {"runbooks": read.links}),
    "decisions": _items_under(3, read._DECISION_HEAD, read.decision, "decisions"),
    "future": _group("future", {"improvements": read.improvements}),
    "references": _group("references", {name: read.links for name in ("internal", "external", "adrs")}),
}
