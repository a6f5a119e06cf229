"""The whole architecture document: one field per wizard section, in the template's order."""

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from pydantic import field_validator
from pydantic_core import PydanticCustomError

from wizard.model.base import SCHEMA_VERSION, Model, field
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

Item = TypeVar("Item")


def reject_duplicates(
    items: Sequence[Item], key: Callable[[Item], Hashable], what: str, field_name: str
) -> Sequence[Item]:
    """Refuse two items that would render the same heading.

    The error carries ``at`` (index, field) in its context so that messages can
    point at the second item rather than at the whole list.
    """
    seen: dict[Hashable, int] = {}
    for index, item in enumerate(items):
        first = seen.setdefault(key(item), index)
        if first != index:
            raise PydanticCustomError(
                "duplicate",
                "duplicate {what} {name}: item {first} already uses it",
                {"what": what, "name": str(key(item)), "first": first, "at": (index, field_name)},
            )
    return items


class Document(Model):
    schema_version: int = field(
        "Schema version",
        "The version of this file format; archwiz writes it, you need not.",
        SCHEMA_VERSION,
        default=SCHEMA_VERSION,
        ge=1,
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

    @field_validator("entities")
    @classmethod
    def _unique_entities(cls, entities: list[Entity]) -> list[Entity]:
        reject_duplicates(entities, lambda entity: entity.name, "entity name", "name")
        return entities

    @field_validator("endpoints")
    @classmethod
    def _unique_endpoints(cls, endpoints: list[Endpoint]) -> list[Endpoint]:
        reject_duplicates(
            endpoints, lambda endpoint: f"{endpoint.method} {endpoint.path}", "endpoint", "path"
        )
        return endpoints


SECTION_FIELDS: tuple[str, ...] = tuple(name for name in Document.model_fields if name != "schema_version")
