"""Render a Document as a filled-in instance of the architecture template.

One function per part of the template, in its order, laying out what the template lays out
(tables, checklists, numbered items); every value is written by its field's kind
(``fields``), so the author's Markdown, names and code each stay what they are. After each
section come the author's notes for it and any extra sections placed after it.
"""

from collections.abc import Callable
from typing import Any

from wizard.markdown import design
from wizard.markdown.blocks import MISSING, block, checklist, heading, label
from wizard.markdown.escape import before_dash, inline
from wizard.markdown.fields import (
    details,
    gap,
    indent,
    join_items,
    list_item,
    not_applicable,
    numbered_items,
    prose_answers,
    rest_of,
    scalar,
    value_blocks,
)
from wizard.markdown.pieces import (
    Blocks,
    anchor,
    field_after_label,
    header_lines,
    links,
    numbered_steps,
    prose,
    section,
    spec_of,
    subsections,
    table_of,
    title,
    value,
)
from wizard.markdown.prose import checked_together
from wizard.model import Document
from wizard.model.decisions import Decision, Improvement, Option
from wizard.model.delivery import TestEnvironment
from wizard.model.quality import (
    Alert,
    ChecklistItem,
    CoreTechnology,
    Metric,
    Observability,
    PerformanceTarget,
    SupportingTechnology,
)

Part = Callable[[Document], Blocks]


def render_markdown(doc: Document) -> str:
    with checked_together(prose_answers(doc)):
        return _render(doc)


def _render(doc: Document) -> str:
    out: Blocks = []
    for index, (key, part) in enumerate(_LAYOUT):
        if key == "review":
            # The owner lines close the document, as in the template: what an author adds
            # after the last section comes before them.
            out.extend(_after(doc, key))
            out.extend(part(doc))
            continue
        out.extend(part(doc))
        if index == _LAST[key]:
            out.extend(_after(doc, key))
    # A field whose Markdown came to nothing (a lone reference definition) leaves no gap.
    return "\n\n".join(block(text) for text in out if text) + "\n"


def render_section(doc: Document, key: str) -> str:
    """The Markdown of one wizard section alone, for a preview: the same blocks the document holds."""
    if key == "notes":
        out = [
            block
            for sec in _LAST
            if getattr(doc.notes, sec)
            for block in (section(sec), prose(getattr(doc.notes, sec), 2))
        ]
    elif key == "extra_sections":
        out = [block for extra in doc.extra_sections for block in _extra(extra.title, extra.body)]
    else:
        out = [text for owner, part in _LAYOUT if owner == key for text in part(doc)] + _after(doc, key)
    return "\n\n".join(block(text) for text in out or [MISSING] if text) + "\n"


def _after(doc: Document, key: str) -> Blocks:
    """The author's notes on section ``key``, then the extra sections placed after it."""
    note = getattr(doc.notes, key)
    # The header's notes stand under the title (#), every other section's under its ##.
    out = [prose(note, 1 if key == "header" else 2)] if note else []
    for extra in doc.extra_sections:
        if extra.after == key:
            out.extend(_extra(extra.title, extra.body))
    return out


def _extra(name: str, body: str) -> Blocks:
    return [heading(2, inline(name)), prose(body, 2) if body else MISSING]


def _skipped(doc: Document, key: str) -> Blocks | None:
    return [not_applicable(doc.not_applicable[key])] if key in doc.not_applicable else None


def _section(key: str, body: Callable[[Document], Blocks]) -> Part:
    """A ``##`` section whose body is replaced by its reason when it does not apply."""

    def part(doc: Document) -> Blocks:
        return [section(key), *(_skipped(doc, key) or body(doc))]

    return part


def _header(doc: Document) -> Blocks:
    name = inline(doc.header.title) if doc.header.title else MISSING
    # Status, version and date stand on consecutive lines, as in the template.
    return [heading(1, f"{name} Architecture"), header_lines(doc.header, skip=("title",))]


def _supporting(items: list[SupportingTechnology]) -> Blocks:
    entries = []
    for item in items:
        why = scalar(spec_of(SupportingTechnology, "why"), item.why, 3) or gap(item, "why")
        entries.append(f"- {label(inline(item.category))} {before_dash(item.tool)} - {why}")
    return [join_items(entries)]


def _checklist(items: list[ChecklistItem]) -> Blocks:
    return [checklist((item.done, value(item, "item")) for item in items)]


def _improvements(items: list[Improvement]) -> Blocks:
    entries = []
    for item in items:
        head = f"[{'x' if item.done else ' '}] {before_dash(item.item)} - {value(item, 'timeline')}"
        body = prose(item.description, 3) if item.description else ""
        extra = rest_of(item, ("item", "timeline", "done", "description"), 3)
        content = "\n\n".join([body, *extra]).strip("\n")
        # Below the head, never on its line: run on, a description's first words would read
        # as the end of the timeline.
        entries.append(f"- {head}\n\n{indent(content, 2)}" if content else f"- {head}")
    return [join_items(entries)]


def _observability(doc: Document) -> Blocks:
    obs = doc.observability
    return [
        heading(3, title(Observability, "metrics")),
        *(table_of(obs.metrics, Metric, 3, code_columns=("name",)) if obs.metrics else [gap(obs, "metrics")]),
        heading(3, "Logging"),
        label(title(Observability, "log_format")),
        *value_blocks(obs, spec_of(Observability, "log_format"), 3),
        heading(3, title(Observability, "alerts")),
        *(table_of(obs.alerts, Alert, 3) if obs.alerts else [gap(obs, "alerts")]),
    ]


def _decision_link(titles: dict[int, str], number: int) -> str:
    """A link to decision ``number``'s heading; its number alone if there is no such decision."""
    name = f"Decision {number}"
    if number not in titles:
        return name
    return f"[{name}]({anchor(f'{name}: {titles[number]}')})"


def _options(options: list[Option]) -> str:
    entries = []
    for number, option in enumerate(options, 1):
        marker = f"{number}. "
        head = f"**{inline(option.name)}**"
        body = [prose(option.description, 3)] if option.description else []
        subs = details(option, [spec_of(Option, "pros"), spec_of(Option, "cons")], 3)
        more = rest_of(option, ("name", "description", "pros", "cons"), 3)
        content = "\n\n".join([*body, join_items(subs), *more])
        entries.append(list_item(marker, head, content))
    return join_items(entries)


def _decision(decision: Decision, titles: dict[int, str], later_ones: dict[int, list[int]]) -> Blocks:
    number = decision.number or 0
    lines = [f"{label(title(Decision, 'status'))} {value(decision, 'status')}"]
    if decision.date:
        lines.append(f"{label(title(Decision, 'date'))} {decision.date.isoformat()}")
    if decision.supersedes:
        lines.append(
            f"{label(title(Decision, 'supersedes'))} "
            + ", ".join(_decision_link(titles, other) for other in decision.supersedes)
        )
    later = later_ones.get(number, [])
    if later:
        lines.append(
            f"{label('Superseded by')} " + ", ".join(_decision_link(titles, other) for other in later)
        )
    out = [heading(3, f"Decision {number}: {inline(decision.title)}"), "\\\n".join(lines)]
    if decision.context:
        out += field_after_label(decision, "context", 3)
    out += [
        label(title(Decision, "options")),
        _options(decision.options) if decision.options else gap(decision, "options"),
        *field_after_label(decision, "decision", 3),
        *field_after_label(decision, "rationale", 3),
    ]
    if decision.consequences or decision.is_not_applicable("consequences"):
        out += field_after_label(decision, "consequences", 3)
    shown = ("title", "number", "status", "date", "context", "options", "decision", "rationale")
    return out + rest_of(decision, (*shown, "consequences", "supersedes"), 3)


def _decisions(doc: Document) -> Blocks:
    # Looked up once: per decision, a scan of all the others would grow with the square.
    titles = {item.number: item.title for item in doc.decisions if item.number is not None}
    later_ones: dict[int, list[int]] = {}
    for item in doc.decisions:
        for other in item.supersedes:
            if item.number is not None:
                later_ones.setdefault(other, []).append(item.number)
    parts = [block for item in doc.decisions for block in _decision(item, titles, later_ones)]
    return parts or [gap(doc, "decisions")]


def _future(doc: Document) -> Blocks:
    special = {
        "improvements": _improvements,
        "limitations": lambda items: [numbered_items(items, 3)],
    }
    return subsections(doc.future, 3, special)


def _references(doc: Document) -> Blocks:
    special = {name: (lambda items: links(items, 3)) for name in type(doc.references).model_fields}
    return subsections(doc.references, 3, special)


def _footer(doc: Document) -> Blocks:
    # A thematic break, then owner and review lines together, as in the template.
    return ["---", *(_skipped(doc, "review") or [header_lines(doc.review)])]


def _groups(key: str, special: dict[str, Callable[[Any], Blocks]] | None = None) -> Part:
    return _section(key, lambda doc: subsections(getattr(doc, key), 3, special))


# The template's parts in its order, each with the section it belongs to. The diagrams are
# split between "High-Level Architecture" and "Detailed Design", around the components;
# a section's notes and extra sections follow its last part.
_LAYOUT: tuple[tuple[str, Part], ...] = (
    ("header", _header),
    (
        "summary",
        _section("summary", lambda doc: value_blocks(doc.summary, spec_of(type(doc.summary), "text"), 2)),
    ),
    ("context", _groups("context")),
    ("goals", _section("goals", lambda doc: [numbered_items(doc.goals, 2)] if doc.goals else [MISSING])),
    ("diagrams", design.high_level),
    ("components", design.components),
    ("diagrams", design.detailed_flows),
    ("entities", design.entities),
    ("endpoints", design.endpoints),
    (
        "tech_stack",
        _groups(
            "tech_stack",
            {"core": lambda rows: table_of(rows, CoreTechnology, 3), "supporting": _supporting},
        ),
    ),
    ("scalability", _groups("scalability")),
    (
        "performance",
        _groups(
            "performance",
            {
                "targets": lambda rows: table_of(rows, PerformanceTarget, 3),
                "strategies": lambda items: [numbered_items(items, 3)],
            },
        ),
    ),
    ("security", _groups("security", {"checklist": _checklist})),
    ("reliability", _groups("reliability")),
    ("observability", _section("observability", _observability)),
    ("deployment", _groups("deployment", {"pipeline": lambda steps: numbered_steps(steps, 3)})),
    ("testing", _groups("testing", {"environments": lambda rows: table_of(rows, TestEnvironment, 3)})),
    ("operations", _groups("operations", {"runbooks": lambda items: links(items, 3)})),
    ("decisions", _section("decisions", _decisions)),
    ("future", _section("future", _future)),
    ("references", _section("references", _references)),
    ("review", _footer),
)

_LAST = {key: index for index, (key, _) in enumerate(_LAYOUT)}
