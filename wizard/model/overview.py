"""The opening of the document: header, summary, context, goals and diagrams."""

from datetime import date
from typing import Literal

from wizard.model.base import Model, Version, field
from wizard.text import Line, Name, OptionalName, Prose, code

Status = Literal["Proposed", "Active", "Deprecated"]
DiagramFormat = Literal["text", "mermaid"]


class Header(Model):
    title: OptionalName = field(
        "System name",
        "The system or component this document describes; the title reads '<name> Architecture'.",
        "Payments Platform",
    )
    status: Status = field(
        "Status",
        "Where the architecture stands: Proposed, Active or Deprecated.",
        "Active",
        default="Proposed",
    )
    version: Version = field("Version", "Version of this document, as X.Y.Z.", "1.0.0")
    last_updated: date | None = field(
        "Last Updated",
        "Date of the last change to this document (YYYY-MM-DD).",
        "2026-11-20",
        default=None,
    )


class Summary(Model):
    text: Prose = field(
        "Summary",
        "1-2 paragraph high-level overview of the architecture: what the system does, "
        "for whom, and the shape of the solution.",
        "The Payments Platform accepts card and bank payments for merchants and settles them daily.",
    )


class Context(Model):
    business_requirements: list[Line] = field(
        "Business Requirements",
        "What the business needs from the system, one requirement per item.",
        "Merchants are paid out within one business day",
        default_factory=list,
    )
    technical_constraints: list[Line] = field(
        "Technical Constraints",
        "Limits the design must live within: platforms, regulations, legacy systems.",
        "Card data must stay inside the PCI-DSS zone",
        default_factory=list,
    )
    assumptions: list[Line] = field(
        "Assumptions",
        "What the design takes as true without proof; revisit these when they change.",
        "Peak load is 20x the daily average, on Black Friday",
        default_factory=list,
    )


class Goal(Model):
    name: Name = field(
        "Goal",
        "The quality this architecture optimises for, e.g. Scalability.",
        "Reliability",
        default=...,
    )
    target: Line = field(
        "Target", "A specific, measurable metric for the goal.", "99.95% monthly availability"
    )
    why: Line = field(
        "Why",
        "The rationale: what happens if the goal is missed.",
        "Every minute of downtime loses merchant revenue",
    )


class Diagrams(Model):
    high_level: code("text") = field(  # type: ignore[valid-type]
        "High-Level Architecture",
        "An ASCII or mermaid diagram of the main parts and how they connect.",
        "┌────────┐     ┌─────┐\n│ Client │────▶│ API │\n└────────┘     └─────┘",
    )
    high_level_format: DiagramFormat = field(
        "Diagram format",
        "How the high-level diagram is written: text (ASCII) or mermaid.",
        "text",
        default="text",
    )
    data_flow: list[Line] = field(
        "Data Flow",
        "The steps a request takes through the system, in order, one step per item.",
        "Client Request → API Gateway",
        default_factory=list,
    )
    interactions: code("mermaid") = field(  # type: ignore[valid-type]
        "Component Interactions",
        "A mermaid sequence diagram of how the components talk to each other.",
        "sequenceDiagram\n    Client->>API: Request\n    API-->>Client: Response",
    )
