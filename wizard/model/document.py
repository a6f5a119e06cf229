"""The whole architecture document: one field per wizard section, in the template's order."""

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    StrictInt,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from wizard.model.base import SCHEMA_VERSION, Model, choice, field
from wizard.model.decisions import Decision, Future, References, Review
from wizard.model.delivery import Deployment, Operations, Testing
from wizard.model.design import Component, Endpoint, Entity
from wizard.model.overview import Context, Diagrams, Goal, Header, Summary
from wizard.model.quality import (
    Observability,
    Performance,
    Reliability,
    Scalability,
    Security,
    TechStack,
)
from wizard.text import Name, Prose


@dataclass(frozen=True)
class UniqueBy:
    """Items of a list that must differ in these fields, because each heads its own section."""

    fields: tuple[str, ...]
    what: str  # how a message names the key, e.g. "entity name"
    item: str  # how it names one item, e.g. "entity"

    def key(self, item: Any, model: type[BaseModel]) -> tuple[Any, ...] | None:
        """The item's key, from a validated item or from raw spec data (None if unusable)."""
        values = []
        for name in self.fields:
            if isinstance(item, BaseModel):
                value = getattr(item, name)
            elif isinstance(item, dict):
                value = item.get(name, model.model_fields[name].default)
            else:
                return None
            if value is None:
                return None  # not given yet (a decision's number): nothing to clash with
            values.append(value.strip() if isinstance(value, str) else value)
        return tuple(values)

    def duplicates(self, items: Any, model: type[BaseModel]) -> Iterator[tuple[int, int, str]]:
        """(index, index of the first item with the same key, the key as text) per repeat."""
        seen: dict[Any, int] = {}
        for index, item in enumerate(items if isinstance(items, list) else []):
            key = self.key(item, model)
            if key is None or not all(isinstance(part, Hashable) for part in key):
                continue
            first = seen.setdefault(key, index)
            if first != index:
                yield index, first, " ".join(map(str, key))


UNIQUE: dict[str, tuple[UniqueBy, type[BaseModel]]] = {
    "entities": (UniqueBy(("name",), "entity name", "entity"), Entity),
    "endpoints": (UniqueBy(("method", "path"), "endpoint", "endpoint"), Endpoint),
    "decisions": (UniqueBy(("number",), "decision number", "decision"), Decision),
}


def duplicate_message(rule: UniqueBy, name: str, first: int) -> str:
    """Counted as people count (the 1st), not as the 0-based paths in messages are."""
    nth = first + 1
    suffix = "th" if 10 <= nth % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(nth % 10, "th")
    return f"duplicate {rule.what} {name!r}; the {nth}{suffix} {rule.item} has it already"


def duplicate_error(rule: UniqueBy, index: int, first: int, name: str) -> PydanticCustomError:
    # ``at`` lets messages point at the repeated item's field rather than the whole list.
    return PydanticCustomError(
        "duplicate",
        "{message}",
        {"message": duplicate_message(rule, name, first), "at": (index, rule.fields[-1])},
    )


class _Sections(Model):
    """The template's sections, in its order; the Document adds what lives around them."""

    schema_version: StrictInt = field(
        "Schema version",
        "The version of this file format; archwiz writes it, you need not.",
        SCHEMA_VERSION,
        default=SCHEMA_VERSION,
        ge=1,
        # A newer one is refused (and older ones migrated) before validation: the maximum is for editors.
        json_schema_extra={"maximum": SCHEMA_VERSION},
    )
    header: Header = field(
        "Header", "Name, status, version and date of the document.", default_factory=Header
    )
    summary: Summary = field("Executive Summary", "The high-level overview.", default_factory=Summary)
    context: Context = field("Context", "Requirements, constraints and assumptions.", default_factory=Context)
    goals: list[Goal] = field(
        "Architectural Goals",
        "The qualities the design optimises for, each with a target.",
        default_factory=list,
    )
    diagrams: Diagrams = field(
        "Diagrams",
        "The high-level diagram, the data flow and the component interactions.",
        default_factory=Diagrams,
    )
    components: list[Component] = field(
        "Components", "The building blocks and their interfaces.", default_factory=list
    )
    entities: list[Entity] = field(
        "Data Models",
        "The entities, their schemas, relationships and indexes.",
        default_factory=list,
    )
    endpoints: list[Endpoint] = field(
        "API Contracts",
        "The endpoints with their request, response and error bodies.",
        default_factory=list,
    )
    tech_stack: TechStack = field(
        "Technology Stack", "Core and supporting technologies.", default_factory=TechStack
    )
    scalability: Scalability = field("Scalability", "How the system grows.", default_factory=Scalability)
    performance: Performance = field(
        "Performance", "Targets and how they are met.", default_factory=Performance
    )
    security: Security = field(
        "Security", "Authentication, data protection and practices.", default_factory=Security
    )
    reliability: Reliability = field(
        "Reliability", "Availability, recovery and error handling.", default_factory=Reliability
    )
    observability: Observability = field(
        "Observability", "Metrics, logs and alerts.", default_factory=Observability
    )
    deployment: Deployment = field(
        "Deployment", "Infrastructure, release strategy and pipeline.", default_factory=Deployment
    )
    testing: Testing = field(
        "Testing Strategy", "Coverage targets and test environments.", default_factory=Testing
    )
    operations: Operations = field(
        "Monitoring & Operations", "Runbooks and maintenance windows.", default_factory=Operations
    )
    decisions: list[Decision] = field(
        "Trade-offs & Decisions",
        "Each significant choice with the options weighed.",
        default_factory=list,
    )
    future: Future = field(
        "Future Considerations",
        "Planned improvements and known limitations.",
        default_factory=Future,
    )
    references: References = field(
        "References",
        "Internal docs, external resources and related ADRs.",
        default_factory=References,
    )
    review: Review = field(
        "Ownership & Review",
        "Who owns the document and when it is next reviewed.",
        default_factory=Review,
    )


SECTION_KEYS: tuple[str, ...] = tuple(
    info.alias or name
    for name, info in _Sections.model_fields.items()
    if name not in ("schema_version", "not_applicable")
)

SectionNotes = create_model(  # one Markdown field per section, titled as the section is
    "SectionNotes",
    __base__=Model,
    __doc__="Markdown an author adds after a section's template part.",
    **{  # type: ignore[call-overload]
        key: (
            Prose,
            field(
                _Sections.model_fields[key].title or key,
                "Markdown added after this section's template part: a lead-in, context, "
                "anything the template has no place for.",
                "",
            ),
        )
        for key in SECTION_KEYS
    },
)

SectionKey = choice(
    *SECTION_KEYS, also=tuple(_Sections.model_fields[key].title or key for key in SECTION_KEYS)
)


def _section_key(raw: Any) -> Any:
    """A section named by its key or by its title ("Technology Stack" is tech_stack)."""
    if isinstance(raw, str):
        for key in SECTION_KEYS:
            if raw.strip().casefold() == (_Sections.model_fields[key].title or "").casefold():
                return key
    return raw


class ExtraSection(Model):
    title: Name = field("Title", "The section's heading.", "Glossary", default=...)
    after: Annotated[SectionKey, BeforeValidator(_section_key)] = field(  # type: ignore[valid-type]
        "After",
        "The template section it follows, by key or title (e.g. context, Technology Stack).",
        "context",
        default="references",
    )
    body: Prose = field("Body", "The section's text (Markdown).", "**RPO:** how much data may be lost.")


class CheckSettings(Model):
    """How ``archwiz check`` judges this document; kept in the sidecar, never rendered."""

    disable: list[Name] = field(
        "Rules switched off",
        "Rule ids 'archwiz check' skips for this document ('archwiz check --list' names them).",
        "review-due",
        default_factory=list,
    )
    min_complete: Annotated[StrictInt, Field(ge=0, le=100)] | None = field(
        "Minimum completeness",
        "The share of template sections, in percent, that must be complete or marked not "
        "applicable; without it, all of them.",
        80,
        default=None,
    )


# Document fields that are settings, not sections: no front end asks for them.
SETTINGS = frozenset({"check"})


class Document(_Sections):
    notes: SectionNotes = field(  # type: ignore[valid-type]
        "Section Notes",
        "Markdown after any section's template part: lead-ins, context, what the template lacks.",
        default_factory=SectionNotes,
    )
    extra_sections: list[ExtraSection] = field(
        "Extra Sections",
        "Sections the template lacks (glossary, risks, stakeholders), each placed after a section.",
        default_factory=list,
    )
    check: CheckSettings = field(
        "Check settings",
        "How 'archwiz check' judges this document: rules it skips, and how complete it must be.",
        default_factory=CheckSettings,
    )

    @field_validator(*UNIQUE)
    @classmethod
    def _unique_items(cls, items: list[BaseModel], info: ValidationInfo) -> list[BaseModel]:
        rule, model = UNIQUE[str(info.field_name)]
        for index, first, name in rule.duplicates(items, model):
            raise duplicate_error(rule, index, first, name)
        return items

    @model_validator(mode="after")
    def _number_decisions(self) -> "Document":
        """Give each decision without a number the next free one; a number, once given, stays.

        ``supersedes`` may name a decision not written yet (a wizard asks for decisions in
        order); a number no decision has is shown as text rather than as a link."""
        taken = {item.number for item in self.decisions if item.number is not None}
        following = max(taken, default=0)
        for item in self.decisions:
            if item.number is None:
                following += 1
                item.number = following
        return self
