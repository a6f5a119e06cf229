"""Render a Document as a filled-in instance of the architecture template.

One function per part of the template, in its order. Labels, column headers
and subsection titles come from the model's field titles, so the words a user
sees in the wizard are the words in the document. Everything a user typed goes
through ``escape`` before it reaches the page.
"""

from collections.abc import Callable

from wizard.markdown import design
from wizard.markdown.blocks import (
    MISSING,
    block,
    bullets,
    checklist,
    code,
    heading,
    label,
    labelled,
    lines,
    numbered,
)
from wizard.markdown.design import architecture, detailed_design
from wizard.markdown.escape import inline, paragraphs
from wizard.markdown.pieces import (
    Blocks,
    detail,
    labelled_lines,
    links,
    numbered_code,
    numbered_of,
    prose_after_label,
    section,
    subsections,
    table_of,
    title,
    value,
)
from wizard.model import Document
from wizard.model.decisions import Decision, Improvement, Option
from wizard.model.delivery import TestEnvironment
from wizard.model.quality import (
    Alert,
    CoreTechnology,
    Metric,
    Observability,
    PerformanceTarget,
    SupportingTechnology,
)


def render_markdown(doc: Document) -> str:
    out: Blocks = []
    for part in _PARTS:
        out.extend(part(doc))
    return "\n\n".join(map(block, out)) + "\n"


def render_section(doc: Document, key: str) -> str:
    """The Markdown of one wizard section alone, for a preview: the same blocks the document holds."""
    return "\n\n".join(block(text) for part in _SECTION_PARTS[key] for text in part(doc)) + "\n"


def _header(doc: Document) -> Blocks:
    name = inline(doc.header.title) if doc.header.title else MISSING
    # Status, version and date stand on consecutive lines, as in the template.
    return [heading(1, f"{name} Architecture"), lines(labelled_lines(doc.header)[1:])]


def _summary(doc: Document) -> Blocks:
    return [section("summary"), *(paragraphs(doc.summary.text) or [MISSING])]


def _context(doc: Document) -> Blocks:
    return [section("context"), *subsections(doc.context)]


def _goals(doc: Document) -> Blocks:
    return [section("goals"), *numbered_of(doc.goals, "name")]


def _supporting(items: list[SupportingTechnology]) -> Blocks:
    return [
        bullets(
            [
                labelled(inline(item.category), f"{inline(item.tool)} - {value(item.why) or MISSING}")
                for item in items
            ]
        )
    ]


def _tech_stack(doc: Document) -> Blocks:
    return [
        section("tech_stack"),
        *subsections(
            doc.tech_stack, {"core": lambda rows: table_of(rows, CoreTechnology), "supporting": _supporting}
        ),
    ]


def _scalability(doc: Document) -> Blocks:
    return [section("scalability"), *subsections(doc.scalability)]


def _performance(doc: Document) -> Blocks:
    special = {
        "targets": lambda rows: table_of(rows, PerformanceTarget),
        "strategies": lambda items: numbered_of(items, "name"),
    }
    return [section("performance"), *subsections(doc.performance, special)]


def _security(doc: Document) -> Blocks:
    special = {"checklist": lambda items: [checklist((item.done, value(item.item)) for item in items)]}
    return [section("security"), *subsections(doc.security, special)]


def _reliability(doc: Document) -> Blocks:
    return [section("reliability"), *subsections(doc.reliability)]


def _observability(doc: Document) -> Blocks:
    observability = doc.observability
    return [
        section("observability"),
        heading(3, title(Observability, "metrics")),
        *table_of(observability.metrics, Metric, code_columns=["name"]),
        heading(3, "Logging"),
        label(title(Observability, "log_format")),
        code(observability.log_format, "json"),
        heading(3, title(Observability, "alerts")),
        *table_of(observability.alerts, Alert),
    ]


def _deployment(doc: Document) -> Blocks:
    return [section("deployment"), *subsections(doc.deployment, {"pipeline": numbered_code})]


def _testing(doc: Document) -> Blocks:
    special = {"environments": lambda rows: table_of(rows, TestEnvironment)}
    return [section("testing"), *subsections(doc.testing, special)]


def _operations(doc: Document) -> Blocks:
    return [section("operations"), *subsections(doc.operations, {"runbooks": links})]


def _option(option: Option) -> str:
    pros = detail(Option, "pros", value(option.pros))
    cons = detail(Option, "cons", value(option.cons))
    return f"{inline(option.name)} - {pros}; {cons}"


def _decision(number: int, decision: Decision) -> Blocks:
    return [
        heading(3, f"Decision {number}: {inline(decision.title)}"),
        labelled(title(Decision, "status"), decision.status),
        label(title(Decision, "options")),
        numbered([_option(option) for option in decision.options]),
        labelled(title(Decision, "decision"), value(decision.decision)),
        *prose_after_label(title(Decision, "rationale"), decision.rationale),
    ]


def _decisions(doc: Document) -> Blocks:
    decisions = [block for number, item in enumerate(doc.decisions, 1) for block in _decision(number, item)]
    return [section("decisions"), *(decisions or [MISSING])]


def _improvements(items: list[Improvement]) -> Blocks:
    return [
        checklist((item.done, f"{inline(item.item)} - {value(item.timeline) or MISSING}") for item in items)
    ]


def _future(doc: Document) -> Blocks:
    special = {"improvements": _improvements, "limitations": lambda items: numbered_of(items, "name")}
    return [section("future"), *subsections(doc.future, special)]


def _references(doc: Document) -> Blocks:
    special = {name: links for name in type(doc.references).model_fields}
    return [section("references"), *subsections(doc.references, special)]


def _footer(doc: Document) -> Blocks:
    # A thematic break, then owner and review lines together, as in the template.
    return ["---", lines(labelled_lines(doc.review))]


_PARTS = (
    _header,
    _summary,
    _context,
    _goals,
    architecture,
    detailed_design,
    _tech_stack,
    _scalability,
    _performance,
    _security,
    _reliability,
    _observability,
    _deployment,
    _testing,
    _operations,
    _decisions,
    _future,
    _references,
    _footer,
)

# The wizard's sections do not map one-to-one onto the template's parts: the
# diagrams are split between "High-Level Architecture" and "Detailed Design".
_SECTION_PARTS: dict[str, tuple[Callable[[Document], Blocks], ...]] = {
    "header": (_header,),
    "summary": (_summary,),
    "context": (_context,),
    "goals": (_goals,),
    "diagrams": (design.high_level, design.flows),
    "components": (design.components,),
    "entities": (design.entities,),
    "endpoints": (design.endpoints,),
    "tech_stack": (_tech_stack,),
    "scalability": (_scalability,),
    "performance": (_performance,),
    "security": (_security,),
    "reliability": (_reliability,),
    "observability": (_observability,),
    "deployment": (_deployment,),
    "testing": (_testing,),
    "operations": (_operations,),
    "decisions": (_decisions,),
    "future": (_future,),
    "references": (_references,),
    "review": (_footer,),
}
