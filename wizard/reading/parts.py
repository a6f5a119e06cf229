"""Readers for the template's parts that are laid out by hand rather than by field kind
(``wizard.markdown.design`` and the decisions, tables and lists of ``render``): each is the
inverse of its writer, and each hands back the blocks it could not place.
"""

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from pydantic import BaseModel

from wizard.model.decisions import Decision, Improvement, Option
from wizard.model.delivery import Link
from wizard.model.design import Component, Endpoint, Entity, ErrorResponse
from wizard.model.quality import ChecklistItem, SupportingTechnology
from wizard.reading.blocks import (
    BULLETS,
    FENCE,
    HEADING,
    NUMBERED,
    PARAGRAPH,
    Block,
    blocks,
    cells,
    fence,
    items,
    source_of,
)
from wizard.reading.values import (
    Reading,
    body_blocks,
    bold_head,
    bold_label,
    details,
    gap,
    one_line,
    plain_label,
    read_field,
    scalar_of,
    unescape,
    unpipe,
)
from wizard.sections import FieldSpec, fields_of

Reader = Callable[[list[Block], Reading], list[Block]]

_CODE_SPAN = re.compile(r"^(`+)( ?)(.*?)\2\1$", re.DOTALL)
_DASH = re.compile(" - ")
_COMMA = re.compile(", ")
_COLON = re.compile(":")
_DECISION_LINK = re.compile(r"Decision (\d{1,6})")
_WITH_STATUS = re.compile(r"^(?P<what>.*?) \((?P<status>\d{3})(?: [^)]*)?\)$")
_LINK = re.compile(r"^\[(?P<text>(?:[^\]\\]|\\.)*)\]\((?P<url>[^)\s]*)\)")


def spec(model: type[BaseModel], name: str) -> FieldSpec:
    return next(item for item in fields_of(model) if item.name == name)


def code_text(text: str) -> str:
    """Text written by ``code_or_text``: a code span's content, else unescaped text."""
    found = _CODE_SPAN.match(text.strip())
    if found and "`" * len(found.group(1)) not in found.group(3):
        return found.group(3)
    return unescape(text.strip())


def split_on(pattern: re.Pattern[str], text: str) -> list[str]:
    """``text`` split where ``pattern`` matches outside code spans."""
    pieces, start, at = [], 0, 0
    while at < len(text):
        if text[at] == "\\":
            at += 2
            continue
        if text[at] == "`":
            run = len(text[at:]) - len(text[at:].lstrip("`"))
            close = text.find("`" * run, at + run)
            at = close + run if close >= 0 else at + run
            continue
        found = pattern.match(text, at)
        if found and found.start() == at:
            pieces.append(text[start:at])
            start = at = found.end()
            continue
        at += 1
    pieces.append(text[start:])
    return pieces


class Segment(NamedTuple):
    label: str  # as written: "Response (201 Created)"
    blocks: list[Block]
    one_line: bool  # the value began on the label's line, and that paragraph had one line


def segments(parts: list[Block], labels: set[str]) -> tuple[list[Block], list[Segment]]:
    """The blocks before the first ``**Label:**`` paragraph, then each label (one of
    ``labels``) with the blocks of its value: the rest of its paragraph and what follows it."""
    lead: list[Block] = []
    found: list[Segment] = []
    for part in parts:
        labelled = bold_label(part.text) if part.kind == PARAGRAPH else None
        if labelled is not None and known(labelled[0], labels):
            one = bool(labelled[1].strip()) and "\n" not in part.text
            found.append(Segment(labelled[0], body_blocks(labelled[1], part.line), one))
        elif found:
            found[-1][1].append(part)
        else:
            lead.append(part)
    return lead, found


def known(label: str, labels: set[str]) -> str:
    """The label of ``labels`` that ``label`` is: itself, or itself without an HTTP status
    ("Response (201 Created)" is Response)."""
    if label in labels:
        return label
    status = _WITH_STATUS.match(label)
    return status.group("what") if status and status.group("what") in labels else ""


def status_of(label: str, default: int) -> int:
    found = _WITH_STATUS.match(label)
    return int(found.group("status")) if found else default


def rest(
    model: type[BaseModel], found: list[Segment], into: Reading, shown: set[str], whole: tuple[str, ...] = ()
) -> list[Block]:
    """The ``**Label:** value`` blocks ``rest_of`` writes for fields the layout does not show.
    It writes a value on its label's line only when the value is that one line, so what
    follows such a line is no part of it (it is the section's notes, when anything)."""
    by_label = {item.label: item for item in fields_of(model) if item.name not in shown}
    leftover: list[Block] = []
    for label, parts, one in found:
        if label in by_label:
            # ``whole``: fields the layout writes under their label (field_after_label), whose
            # first paragraph may run on from the label and more blocks follow.
            taken = parts[:1] if one and by_label[label].name not in whole else parts
            leftover += read_field(by_label[label], taken, into) + parts[len(taken) :]
    return leftover


def rest_labels(model: type[BaseModel], shown: set[str]) -> set[str]:
    return {item.label for item in fields_of(model) if item.name not in shown}


# -- tables and lists --------------------------------------------------------------------


def table_rows(
    model: type[BaseModel], block: Block, code_columns: tuple[str, ...] = ()
) -> list[dict[str, Any]] | None:
    """The items of a table with the template's columns for ``model``; None for another table."""
    rows = cells(block)
    if not rows:
        return None
    by_label = {item.label: item for item in fields_of(model)}
    columns = [by_label.get(unescape(head)) for head in rows[0]]
    required = {item.label for item in fields_of(model) if item.required}
    if None in columns or not required <= {unescape(head) for head in rows[0]}:
        return None  # another table than the template's: kept whole, as the author's
    out = []
    for row in rows[1:]:
        reading = Reading({})
        for column, cell in zip(columns, row, strict=False):
            if column is None:
                continue
            found = gap(unpipe(cell))
            if found is not None:
                if found.reason is not None:
                    reading.mark(column, found.reason)
            elif column.name in code_columns:
                reading.put(column, code_text(unpipe(cell)))
            else:
                reading.put(column, scalar_of(column, cell, cell=True))
        out.append(reading.data)
    return out


def table_of(model: type[BaseModel], code_columns: tuple[str, ...] = ()) -> Callable[[FieldSpec], Reader]:
    def reader(field: FieldSpec) -> Reader:
        def read(parts: list[Block], into: Reading) -> list[Block]:
            rows = table_rows(model, parts[0], code_columns) if parts and parts[0].kind == "table" else None
            if rows is None:
                return read_field(field, parts, into)
            into.put(field, rows)
            return parts[1:]

        return read

    return reader


def _list_reader(field: FieldSpec, entry: Callable[[Any], dict[str, Any] | None]) -> Reader:
    def read(parts: list[Block], into: Reading) -> list[Block]:
        if not parts or parts[0].kind not in (BULLETS, NUMBERED):
            return read_field(field, parts, into)
        found = [entry(item) for item in items(parts[0])]
        into.put(field, [item for item in found if item is not None])
        return parts[1:]

    return read


def supporting(field: FieldSpec) -> Reader:
    def entry(item: Any) -> dict[str, Any]:
        reading = Reading({})
        labelled = bold_label(item.content)
        if labelled is None:
            return {"category": "", "tool": unescape(one_line(item.content))}
        reading.put(spec(SupportingTechnology, "category"), labelled[0])
        tool, _, why = _dash(labelled[1])
        reading.put(spec(SupportingTechnology, "tool"), unescape(tool))
        _scalar_or_gap(spec(SupportingTechnology, "why"), why, reading)
        return reading.data

    return _list_reader(field, entry)


def _dash(text: str) -> tuple[str, str, str]:
    pieces = split_on(_DASH, one_line(text))
    return (pieces[0], " - ", " - ".join(pieces[1:])) if len(pieces) > 1 else (pieces[0], "", "")


def _scalar_or_gap(field: FieldSpec, text: str, into: Reading) -> None:
    found = gap(text)
    if found is None:
        if text.strip():
            into.put(field, scalar_of(field, text))
    elif found.reason is not None:
        into.mark(field, found.reason)


def checklist(field: FieldSpec) -> Reader:
    def entry(item: Any) -> dict[str, Any]:
        text = one_line(item.content)
        done = text[:3].lower() == "[x]"
        text = text[3:].lstrip() if text[:3].lower() in ("[x]", "[ ]") else text
        reading = Reading({"done": done})
        _scalar_or_gap(spec(ChecklistItem, "item"), text, reading)
        return reading.data

    return _list_reader(field, entry)


def improvements(field: FieldSpec) -> Reader:
    def entry(item: Any) -> dict[str, Any]:
        head, _, body = item.content.partition("\n\n")
        text = one_line(head)
        done = text[:3].lower() == "[x]"
        text = text[3:].lstrip() if text[:3].lower() in ("[x]", "[ ]") else text
        name, _, timeline = _dash(text)
        reading = Reading({"done": done, "item": unescape(name)})
        _scalar_or_gap(spec(Improvement, "timeline"), timeline, reading)
        parts = blocks(body, item.line + head.count("\n") + 2) if body else []
        lead, found = segments(parts, rest_labels(Improvement, {"item", "timeline", "done"}))
        if lead:
            reading.put(spec(Improvement, "description"), source_of(lead))
        rest(Improvement, found, reading, {"item", "timeline", "done"})
        return reading.data

    return _list_reader(field, entry)


def link_entry(item: Any) -> dict[str, Any]:
    reading = Reading({})
    text = item.content
    found = _LINK.match(text)
    if found:
        reading.put(spec(Link, "title"), unescape(one_line(found.group("text"))))
        reading.put(spec(Link, "url"), found.group("url"))
        after = text[found.end() :]
    else:
        pieces = split_on(_COLON, text)
        reading.put(spec(Link, "title"), unescape(one_line(pieces[0])))
        after = text[len(pieces[0]) :]
    note = after[1:] if after.startswith(":") else ""
    if note.strip():
        reading.put(spec(Link, "note"), source_of(body_blocks(note.lstrip(" "), item.line)))
    return reading.data


def links(field: FieldSpec) -> Reader:
    return _list_reader(field, link_entry)


def steps(field: FieldSpec) -> Reader:
    """The pipeline: ``1. step`` lines in a text fence, or a numbered list once one holds Markdown."""

    def read(parts: list[Block], into: Reading) -> list[Block]:
        if parts and parts[0].kind == FENCE:
            lines = fence(parts[0])[0].split("\n")
            into.put(field, [re.sub(r"^\d{1,9}[.)][ \t]?", "", line) for line in lines if line.strip()])
            return parts[1:]
        if parts and parts[0].kind == NUMBERED:
            into.put(field, [item.content for item in items(parts[0])])
            return parts[1:]
        return read_field(field, parts, into)

    return read


# -- diagrams ----------------------------------------------------------------------------

_IMAGE = re.compile(r"^!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\((?P<url>[^)\s]*)\)$")


def diagrams(parts: list[Block]) -> tuple[list[dict[str, Any]], list[Block], str | None]:
    """A diagram list: a title label, an image, a source fence, then what to take from it.
    Returns the diagrams, the blocks before the first, and the reason if it does not apply."""
    found: list[dict[str, Any]] = []
    lead: list[Block] = []
    described: list[list[Block]] = []
    marked: str | None = None
    for part in parts:
        current = found[-1] if found else None
        label = bold_label(part.text) if part.kind == PARAGRAPH else None
        image = _IMAGE.match(part.text.strip()) if part.kind == PARAGRAPH else None
        if label is not None and not label[1].strip():
            found.append({"title": label[0]})
            described.append([])
        elif image is not None:
            if current is not None and set(current) == {"title"} and not described[-1]:
                current.update(image=image.group("url"), alt=unescape(image.group("alt")), format="image")
            else:
                found.append(
                    {"image": image.group("url"), "alt": unescape(image.group("alt")), "format": "image"}
                )
                described.append([])
        elif (
            part.kind == FENCE
            and str(part.node.meta.get("info", "")).strip() in _FORMATS
            and (part.text.startswith("```"))
        ):
            # Only what the renderer writes for a source: a backtick fence named by a format.
            # Any other fence is the author's own, in a description.
            code, language = fence(part)
            language = language or "text"
            fresh = current is not None and "source" not in current and not described[-1]
            if not fresh or current is None:
                current = {}
                found.append(current)
                described.append([])
            current["source"] = code
            if language in _FORMATS and (language != "text" or current.get("format") != "image"):
                current["format"] = language
        elif part.kind == PARAGRAPH and (mark := gap(part.text)) is not None and _bare(current, described):
            if current is None:
                marked = mark.reason  # the whole list's gap
            elif mark.reason is not None:
                key = "image" if current.get("format") == "image" else "source"
                current.setdefault("not_applicable", {})[key] = mark.reason
        elif found:
            described[-1].append(part)
        else:
            lead.append(part)
    for item, text in zip(found, described, strict=True):
        if text:
            item["description"] = source_of(text)
    return found, lead, marked


def _bare(current: dict[str, Any] | None, described: list[list[Block]]) -> bool:
    """No diagram yet, or one with a title only: where a gap stands for what is missing."""
    return current is None or ("source" not in current and "image" not in current and not described[-1])


_FORMATS = ("text", "mermaid", "plantuml", "dot", "d2")


# -- components, entities, endpoints, decisions -------------------------------------------

_NUMBERED_HEAD = re.compile(r"^Component \d{1,9}: (?P<name>.*)$")
_ENTITY_HEAD = re.compile(r"^Entity: (?P<name>.*)$")
_ENDPOINT_HEAD = re.compile(r"^Endpoint: (?P<name>.*)$")
_DECISION_HEAD = re.compile(r"^Decision (?P<number>\d{1,6}): (?P<name>.*)$")


def by_heading(
    parts: list[Block], level: int, head: re.Pattern[str]
) -> tuple[list[Block], list[tuple[Block, str, list[Block]]]]:
    """The blocks before the first heading of ``level`` matching ``head``, then each such
    heading with its name (as written) and its blocks."""
    lead: list[Block] = []
    found: list[tuple[Block, str, list[Block]]] = []
    for part in parts:
        matched = head.match(part.title) if part.kind == HEADING and part.level == level else None
        if matched is not None:
            found.append((part, matched.group("name"), []))
        elif found:
            found[-1][2].append(part)
        else:
            lead.append(part)
    return lead, found


def component(name: str, parts: list[Block]) -> tuple[dict[str, Any], list[Block]]:
    reading = Reading({"name": unescape(name)})
    shown = {"name", "responsibility", "technologies", "input", "output"}
    labels = {"Responsibility", "Technologies", "Interfaces", *rest_labels(Component, shown)}
    lead, found = segments(parts, labels)
    leftover = list(lead)
    for label, value, _ in found:
        if label == "Responsibility":
            leftover += read_field(spec(Component, "responsibility"), value, reading)
        elif label == "Technologies":
            leftover += read_field(spec(Component, "technologies"), value, reading)
        elif label == "Interfaces":
            leftover += details([spec(Component, "input"), spec(Component, "output")], value, reading)
    leftover += rest(
        Component,
        [item for item in found if item.label not in ("Responsibility", "Technologies", "Interfaces")],
        reading,
        shown,
    )
    return reading.data, leftover


def _names(text: str) -> list[str]:
    return [unescape(piece) for piece in split_on(_COMMA, one_line(text)) if piece.strip()]


def entity(name: str, parts: list[Block]) -> tuple[dict[str, Any], list[Block]]:
    reading = Reading({"name": unescape(name)})
    shown = {
        "name",
        "description",
        "schema_",
        "schema_language",
        "has_many",
        "belongs_to",
        "primary_index",
        "unique_indexes",
        "indexes",
    }
    labels = {"Schema", "Relationships", "Indexes", *rest_labels(Entity, shown)}
    lead, found = segments(parts, labels)
    if lead:
        reading.put(spec(Entity, "description"), source_of(lead))
    leftover: list[Block] = []
    lists = {
        spec(Entity, key).label: spec(Entity, key)
        for key in ("has_many", "belongs_to", "primary_index", "unique_indexes", "indexes")
    }
    for label, value, _ in found:
        if label == "Schema":
            leftover += read_field(spec(Entity, "schema_"), value, reading)
        elif label in ("Relationships", "Indexes"):
            for part in value:
                if part.kind != BULLETS:
                    leftover.append(part)
                    continue
                for item in items(part):
                    labelled = plain_label(item.content, set(lists))
                    if labelled is None:
                        leftover.append(Block(BULLETS, "- " + item.content, item.line))
                        continue
                    field = lists[labelled[0]]
                    mark = gap(labelled[1])
                    if mark is not None:
                        if mark.reason is not None:
                            reading.mark(field, mark.reason)
                        continue
                    pieces = split_on(_COMMA, one_line(labelled[1]))
                    if field.name in ("has_many", "belongs_to"):
                        reading.put(field, _names(labelled[1]))
                    elif field.name == "primary_index":
                        reading.put(field, ", ".join(code_text(piece) for piece in pieces))
                    else:
                        reading.put(field, [code_text(piece) for piece in pieces if piece.strip()])
    leftover += rest(
        Entity,
        [item for item in found if item.label not in ("Schema", "Relationships", "Indexes")],
        reading,
        shown,
    )
    return reading.data, leftover


def _fenced(part: Block) -> bool:
    return part.kind == FENCE and part.text.lstrip(" ").startswith(("```", "~~~"))


def _body(
    owner: Reading, model: type[BaseModel], name: str, parts: list[Block], language: str
) -> tuple[list[Block], str]:
    """A request, response or error body: a fence, "No body." or a gap. (leftover, language)"""
    if not parts:
        return [], ""
    first = parts[0]
    if first.kind == PARAGRAPH and first.text.strip() == "No body.":
        return parts[1:], ""
    if first.kind == FENCE:
        code, found = fence(first)
        owner.put(spec(model, name), code)
        return parts[1:], found
    return read_field(spec(model, name), parts, owner), ""


def endpoint(name: str, parts: list[Block]) -> tuple[dict[str, Any], list[Block]]:
    method, _, path = code_text(name).partition(" ")
    reading = Reading({"method": method, "path": path})
    shown = {
        "method",
        "path",
        "description",
        "request",
        "response_status",
        "response",
        "body_language",
        "errors",
    }
    labels = {"Request", "Response", "Error Response", *rest_labels(Endpoint, shown)}
    lead, found = segments(parts, labels)
    if lead:
        reading.put(spec(Endpoint, "description"), source_of(lead))
    leftover: list[Block] = []
    languages: list[str] = []
    errors: list[tuple[Reading, str]] = []
    for raw, value, _ in found:
        label = known(raw, labels)
        if label == "Request":
            more, language = _body(reading, Endpoint, "request", value, "json")
            leftover += more
            languages.append(language)
        elif label == "Response":
            reading.data["response_status"] = status_of(raw, 200)
            more, language = _body(reading, Endpoint, "response", value, "json")
            leftover += more
            languages.append(language)
        elif label == "Error Response":
            first = value[0] if value else None
            if (
                raw == label
                and first is not None
                and first.kind == PARAGRAPH
                and (mark := gap(first.text)) is not None
            ):
                if mark.reason is not None:
                    reading.mark(spec(Endpoint, "errors"), mark.reason)
                leftover += value[1:]
                continue
            error = Reading({"status": status_of(raw, 400)})
            error_shown = {"status", "description", "body", "body_language"}
            lead_, found_ = segments(value, rest_labels(ErrorResponse, error_shown))
            # The body is a fenced block (as code() writes it) or a gap; an indented block
            # before it is the description's own code.
            body_at = next(
                (i for i, part in enumerate(lead_) if _fenced(part) or gap(part.text) is not None), len(lead_)
            )
            if body_at:
                error.put(spec(ErrorResponse, "description"), source_of(lead_[:body_at]))
            more, language = _body(error, ErrorResponse, "body", lead_[body_at:], "json")
            leftover += more
            leftover += rest(ErrorResponse, found_, error, error_shown)
            errors.append((error, language))
    body_language = next((language for language in languages if language), "")
    if not body_language and errors:
        body_language = next((language for _, language in errors if language), "")
    if body_language and body_language != "json":
        reading.data["body_language"] = body_language
    for error, language in errors:
        if language and language != (body_language or "json"):
            error.data["body_language"] = language
    if errors:
        reading.data["errors"] = [error.data for error, _ in errors]
    others = [
        item for item in found if known(item.label, labels) not in ("Request", "Response", "Error Response")
    ]
    leftover += rest(Endpoint, others, reading, shown)
    return reading.data, leftover


def _option(item: Any) -> dict[str, Any]:
    reading = Reading({})
    head = bold_head(item.content)
    if head is None:
        reading.put(spec(Option, "name"), unescape(one_line(item.content.split("\n", 1)[0])))
        return reading.data
    reading.put(spec(Option, "name"), unescape(one_line(head[0])))
    parts = body_blocks(head[1], item.line)
    shown = {"name", "description", "pros", "cons"}
    at = next(
        (
            i
            for i, part in enumerate(parts)
            if part.kind == BULLETS
            and all(plain_label(entry.content, {"Pros", "Cons"}) for entry in items(part))
        ),
        None,
    )
    lead = parts if at is None else parts[:at]
    lead, found = segments(lead, rest_labels(Option, shown)) if at is None else (lead, [])
    if lead:
        reading.put(spec(Option, "description"), source_of(lead))
    if at is not None:
        after = parts[at + 1 :]
        details([spec(Option, "pros"), spec(Option, "cons")], [parts[at]], reading)
        _, found = segments(after, rest_labels(Option, shown))
    rest(Option, found, reading, shown)
    return reading.data


def decision(number: str, name: str, parts: list[Block]) -> tuple[dict[str, Any], list[Block]]:
    reading = Reading({"number": int(number), "title": unescape(name)})
    leftover: list[Block] = []
    lines = re.split(r"\\\n|\n", parts[0].text) if parts and parts[0].kind == PARAGRAPH else []
    status_lines = ("Status", "Date", "Supersedes", "Superseded by")
    if lines and all((said := bold_label(line)) is not None and said[0] in status_lines for line in lines):
        for line in lines:
            labelled = bold_label(line)
            if labelled is None:
                continue
            label, said_value = labelled[0], labelled[1].strip()
            if label == "Status":
                _scalar_or_gap(spec(Decision, "status"), said_value, reading)
            elif label == "Date":
                _scalar_or_gap(spec(Decision, "date"), said_value, reading)
            elif label == "Supersedes":
                reading.data["supersedes"] = [int(n) for n in _DECISION_LINK.findall(said_value)]
        parts = parts[1:]
    shown = {"title", "number", "status", "date", "supersedes"}
    labels = rest_labels(Decision, shown)
    lead, found = segments(parts, labels)
    leftover += lead
    options_label = spec(Decision, "options").label
    for segment in found:
        if segment.label == options_label and segment.blocks and segment.blocks[0].kind == NUMBERED:
            reading.data["options"] = [_option(item) for item in items(segment.blocks[0])]
            leftover += segment.blocks[1:]
    others = [
        item
        for item in found
        if item.label != options_label or not (item.blocks and item.blocks[0].kind == NUMBERED)
    ]
    leftover += rest(Decision, others, reading, shown, ("context", "decision", "rationale", "consequences"))
    return reading.data, leftover
