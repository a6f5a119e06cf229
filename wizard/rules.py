"""The rules ``archwiz check`` holds a document to: each with an id, a severity, the one-line
reason it exists, and the function that finds where it is broken.

A rule looks at the model only and says where, as a path in the sidecar (the line is
looked up afterwards, once, for the findings there are). Rules about the files (the
Markdown beside the sidecar) are in ``wizard.checking``, which runs them all.
"""

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wizard.model import Document
from wizard.names import ARROW, same_name, words
from wizard.sections import TEMPLATE_SECTIONS, SectionState, missing, section_state

Loc = tuple[str | int, ...]
Hit = tuple[Loc, str]  # where in the sidecar, and what is wrong there

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Settings:
    """What a run of the rules is told beyond the document."""

    today: datetime.date
    min_complete: int = 100  # percent of template sections that must be complete


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    rationale: str
    find: Callable[[Document, Settings], Iterator[Hit]] | None  # None: checked elsewhere


# Completeness and review -------------------------------------------------------------------


def _complete(doc: Document, settings: Settings) -> Iterator[Hit]:
    states = [(section, section_state(doc, section)) for section in TEMPLATE_SECTIONS]
    open_ = [(section, state) for section, state in states if state is not SectionState.COMPLETE]
    done = len(states) - len(open_)
    percent = 100 * done // len(states)
    if percent >= settings.min_complete:
        return
    summary = f"{done} of {len(states)} sections complete ({percent}%), {settings.min_complete}% required"
    for section, state in open_:
        lacks = missing(doc, section)
        named = ", ".join(lacks[:3]) + (f" and {len(lacks) - 3} more" if len(lacks) > 3 else "")
        detail = f": {named}" if named else ""
        yield (
            (section.key,),
            (f"{section.title} is {state.value}{detail}; answer it or mark it not applicable ({summary})"),
        )


def _review_due(doc: Document, settings: Settings) -> Iterator[Hit]:
    due = doc.review.next_review
    if due is not None and due < settings.today:
        days = (settings.today - due).days
        yield (
            ("review", "next_review"),
            (f"the review was due on {due} ({days} days ago); review it, then set the next date"),
        )


# Consistency across sections ---------------------------------------------------------------

# In a mermaid sequence diagram: "participant G as API Gateway", "actor M as Merchant".
_PARTICIPANT = re.compile(r"^\s*(participant|actor)\s+(\S+)(?:\s+as\s+(.+?))?\s*$", re.MULTILINE)
# A flowchart node with a label: A[API Gateway], B(Service), C{{Queue}}, D[(Database)].
_NODE = re.compile(
    r"\b[A-Za-z_][\w-]*\s*(?:\[\(|\(\[|\[\[|\(\(|\{\{|\[|\(|\{)\s*\"?([^\]\)\}\"]+?)\"?\s*(?:\)\]|\]\)|\]\]|\)\)|\}\}|\]|\)|\})"
)


def _named_in_flow(step: str) -> list[str]:
    """The names a data-flow step connects: "A → B (why)" gives A and B, the asides dropped."""
    parts = ARROW.split(step)
    if len(parts) < 2:
        return []
    names = []
    for part in parts:
        name = re.split(r"\s*[(,:;]|\s+or\s+|\s+on\s+", part, maxsplit=1)[0].strip(" *_`")
        if name:
            names.append(name)
    return names


def _named_in_diagram(source: str) -> list[str]:
    """Participants of a mermaid sequence diagram and labels of a flowchart's nodes."""
    names = [(match.group(3) or match.group(2)).strip() for match in _PARTICIPANT.finditer(source)]
    if not names:
        names = [match.group(1).strip() for match in _NODE.finditer(source)]
    return names


def _component_mentions(doc: Document) -> Iterator[tuple[Loc, str]]:
    """Where the document names something as a part of the system: (where, the name)."""
    for index, step in enumerate(doc.diagrams.data_flow):
        for name in _named_in_flow(step):
            yield ("diagrams", "data_flow", index), name
    for slot in ("high_level", "interactions"):
        for index, diagram in enumerate(getattr(doc.diagrams, slot)):
            if diagram.format == "mermaid":
                for name in _named_in_diagram(diagram.source):
                    yield ("diagrams", slot, index, "source"), name


def _close(name: str, known: dict[str, str], by_word: dict[str, list[str]]) -> str | None:
    """The component ``name`` was probably meant to be (a rename the text missed), if any.

    Only components sharing a word with it are compared (a rename keeps most words):
    comparing every outside name with a thousand components took most of a check.
    """
    import difflib

    norm = same_name(name)
    shared: dict[str, int] = {}
    for word in set(norm.split()):
        for candidate in by_word.get(word, ()):
            shared[candidate] = shared.get(candidate, 0) + 1
    nearest = sorted(shared, key=shared.__getitem__, reverse=True)[:25]
    # A rename changes a word, not how many there are: "Acquirer Routers API" is some
    # other API, not a misspelt "Acquirer Router".
    nearest = [candidate for candidate in nearest if len(candidate.split()) == len(norm.split())]
    match = difflib.get_close_matches(norm, nearest, n=1, cutoff=0.8)
    return known[match[0]] if match else None


def _component_names(doc: Document, settings: Settings) -> Iterator[Hit]:
    known = {same_name(component.name): component.name for component in doc.components}
    if not known:
        return
    by_word: dict[str, list[str]] = {}
    for norm in known:
        for word in set(norm.split()):
            by_word.setdefault(word, []).append(norm)
    seen: dict[str, str | None] = {}
    for loc, name in _component_mentions(doc):
        norm = same_name(name)
        if not norm or norm in known:
            continue
        if norm not in seen:  # a thousand steps naming the same outsider cost one search
            seen[norm] = _close(name, known, by_word)
        if (meant := seen[norm]) is not None and same_name(meant) != norm:
            yield loc, f"names '{name}', which is not a component: is it '{meant}'?"


def _components_used(doc: Document, settings: Settings) -> Iterator[Hit]:
    if len(doc.components) < 2:
        return  # a single component has nothing to connect to
    mentioned = {same_name(name) for _, name in _component_mentions(doc)}
    texts = [same_name(step) for step in doc.diagrams.data_flow]
    texts += [
        same_name(d.source) for slot in (doc.diagrams.high_level, doc.diagrams.interactions) for d in slot
    ]
    for index, component in enumerate(doc.components):
        name = same_name(component.name)
        if name in mentioned:
            continue
        others = [same_name(f"{c.input} {c.output}") for i, c in enumerate(doc.components) if i != index]
        if not any(f" {name} " in f" {text} " for text in texts + others):
            yield (
                ("components", index, "name"),
                (
                    f"component '{component.name}' appears in no data-flow step, diagram or other "
                    "component's input or output: how does it connect?"
                ),
            )


def _entity_relations(doc: Document, settings: Settings) -> Iterator[Hit]:
    known = {same_name(entity.name) for entity in doc.entities}
    for index, entity in enumerate(doc.entities):
        for kind in ("has_many", "belongs_to"):
            for position, other in enumerate(getattr(entity, kind)):
                if same_name(other) not in known:
                    yield (
                        ("entities", index, kind, position),
                        (f"entity '{entity.name}' relates to '{other}', which Data Models does not list"),
                    )


def _alert_metrics(doc: Document, settings: Settings) -> Iterator[Hit]:
    metrics = [metric.name for metric in doc.observability.metrics]
    for index, alert in enumerate(doc.observability.alerts):
        if not alert.condition:
            continue
        # "acquirer_errors_total" (Prometheus) names "acquirer.errors.total" as well.
        condition = _sep(alert.condition)
        if not any(_sep(metric) in condition for metric in metrics):
            listed = (
                f" (one of: {', '.join(metrics[:5])}{'...' if len(metrics) > 5 else ''})" if metrics else ""
            )
            yield (
                ("observability", "alerts", index, "condition"),
                (
                    f"alert '{alert.name}' fires on '{alert.condition}', which names no metric of the "
                    f"metrics table{listed}"
                ),
            )


def _sep(name: str) -> str:
    return re.sub(r"[._:/-]", "_", name.lower())


_STOP = {"a", "an", "the", "of", "per", "and", "or", "to", "for", "in", "on", "by", "with"}


def _stem(word: str) -> str:
    return word[:5]


def _target_metrics(doc: Document, settings: Settings) -> Iterator[Hit]:
    metrics = doc.observability.metrics
    vocabulary = [{_stem(word) for word in words(f"{m.name} {m.purpose}")} for m in metrics]
    for index, target in enumerate(doc.performance.targets):
        wanted = {_stem(word) for word in words(target.operation) if word not in _STOP}
        if wanted and not any(wanted <= known for known in vocabulary):
            yield (
                ("performance", "targets", index, "operation"),
                (f"no metric measures '{target.operation}' (none names all of its words)"),
            )


def _uptime_recovery(doc: Document, settings: Settings) -> Iterator[Hit]:
    if not doc.reliability.availability.uptime_target:
        return
    recovery = doc.reliability.disaster_recovery
    marked = doc.reliability.disaster_recovery.not_applicable
    wanted = (("rto", "RTO", "how long recovery may take"), ("rpo", "RPO", "how much data may be lost"))
    for key, label, meaning in wanted:
        if not getattr(recovery, key) and key not in marked:
            target = doc.reliability.availability.uptime_target
            yield (
                ("reliability", "disaster_recovery", key),
                f"an uptime target ('{target}') needs an {label}: {meaning}",
            )


def _superseded(doc: Document, settings: Settings) -> Iterator[Hit]:
    numbers = {decision.number for decision in doc.decisions}
    replaced = {number for decision in doc.decisions for number in decision.supersedes}
    for index, decision in enumerate(doc.decisions):
        for position, number in enumerate(decision.supersedes):
            if number not in numbers:
                yield (
                    ("decisions", index, "supersedes", position),
                    (f"decision {decision.number} supersedes decision {number}, which does not exist"),
                )
        if decision.status == "Superseded" and decision.number not in replaced:
            yield (
                ("decisions", index, "status"),
                (
                    f"decision {decision.number} ('{decision.title}') is Superseded, but no decision "
                    "says it supersedes it (its supersedes list)"
                ),
            )


def _tech_in_stack(doc: Document, settings: Settings) -> Iterator[Hit]:
    stack = [same_name(item.technology) for item in doc.tech_stack.core]
    stack += [same_name(item.tool) for item in doc.tech_stack.supporting]
    stack = [name for name in stack if name]

    def listed(tech: str) -> bool:
        name = same_name(tech)
        return any(
            name == known or name.startswith(known + " ") or known.startswith(name + " ") for known in stack
        )

    for index, component in enumerate(doc.components):
        for position, tech in enumerate(component.technologies):
            if not listed(tech):
                yield (
                    ("components", index, "technologies", position),
                    (f"component '{component.name}' uses '{tech}', which the technology stack does not list"),
                )


RULES: tuple[Rule, ...] = (
    Rule(
        "markdown-current",
        ERROR,
        "The Markdown beside the sidecar is exactly what the sidecar renders: readers see the data.",
        None,
    ),
    Rule(
        "complete",
        ERROR,
        "Every template section is answered or marked not applicable (or --min-complete percent of them).",
        _complete,
    ),
    Rule(
        "review-due",
        ERROR,
        "The next review date has not passed: an unreviewed document drifts.",
        _review_due,
    ),
    Rule(
        "component-names",
        ERROR,
        "Data-flow steps and mermaid diagrams name components as Components does (a rename misses none).",
        _component_names,
    ),
    Rule(
        "component-used",
        WARNING,
        "Every component appears in the data flow, a diagram, or another component's input or output.",
        _components_used,
    ),
    Rule(
        "entity-relations",
        ERROR,
        "Every entity a relationship names (has many, belongs to) is an entity in Data Models.",
        _entity_relations,
    ),
    Rule(
        "alert-metric",
        ERROR,
        "Each alert's condition names a metric of the metrics table, so what pages someone is measured.",
        _alert_metrics,
    ),
    Rule(
        "target-metric",
        WARNING,
        "Each performance target has a metric that measures it (by the words of its operation).",
        _target_metrics,
    ),
    Rule(
        "uptime-recovery",
        ERROR,
        "An uptime target comes with an RTO and an RPO (or marks them not applicable).",
        _uptime_recovery,
    ),
    Rule(
        "superseded-by",
        ERROR,
        "A superseded decision is superseded by an existing decision, and supersedes names existing ones.",
        _superseded,
    ),
    Rule(
        "tech-in-stack",
        WARNING,
        "A technology a component uses appears in the technology stack.",
        _tech_in_stack,
    ),
    Rule(
        "unique-numbers",
        ERROR,
        "Decision numbers are unique; checked as the sidecar is read (a duplicate is bad input, exit 2).",
        None,
    ),
    Rule(
        "unique-endpoints",
        ERROR,
        "Endpoint method and path pairs are unique; checked as the sidecar is read (bad input, exit 2).",
        None,
    ),
)

BY_ID = {rule.id: rule for rule in RULES}
