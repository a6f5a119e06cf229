"""The opening of the document: header, summary, context, goals and diagrams."""

from datetime import date
from typing import Annotated

from wizard.model.base import EXTRA, Model, Url, Version, choice, field
from wizard.text import Line, Name, OptionalName, Prose, code

Status = choice("Proposed", "Active", "Deprecated")
DiagramFormat = choice("text", "mermaid", "plantuml", "dot", "d2", "image")


class Header(Model):
    title: OptionalName = field(
        "System name",
        "The system or component this document describes; the title reads '<name> Architecture'.",
        "Payments Platform",
    )
    status: Status | None = field(  # type: ignore[valid-type]
        "Status",
        "Where the architecture stands: Proposed, Active or Deprecated.",
        "Active",
        default=None,
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
    business_requirements: list[Prose] = field(
        "Business Requirements",
        "What the business needs from the system, one requirement per item.",
        "Merchants are paid out within one business day",
        default_factory=list,
    )
    technical_constraints: list[Prose] = field(
        "Technical Constraints",
        "Limits the design must live within: platforms, regulations, legacy systems.",
        "Card data must stay inside the PCI-DSS zone",
        default_factory=list,
    )
    assumptions: list[Prose] = field(
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
    target: Prose = field(
        "Target", "A specific, measurable metric for the goal.", "99.95% monthly availability"
    )
    why: Prose = field(
        "Why",
        "The rationale: what happens if the goal is missed.",
        "Every minute of downtime loses merchant revenue",
    )


class Diagram(Model):
    title: Annotated[OptionalName, EXTRA] = field(
        "Title", "What the diagram shows; may be left empty.", "Container view"
    )
    format: DiagramFormat = field(  # type: ignore[valid-type]
        "Format",
        "How it is written: text (ASCII art), mermaid, plantuml, dot (Graphviz), d2, or image.",
        "mermaid",
        default="text",
    )
    source: Annotated[code("text", language_field="format"), EXTRA] = field(  # type: ignore[valid-type]
        "Source",
        "The diagram's source in its format; leave empty for an image.",
        "flowchart LR\n    Client --> API",
    )
    image: Annotated[Url, EXTRA] = field(
        "Image", "For an image: its path (relative to the document) or https URL.", "docs/img/context.png"
    )
    alt: Annotated[Line, EXTRA] = field(
        "Alt text",
        "For an image: what it shows, for readers who cannot see it.",
        "Context: merchants, the API and the bank",
    )
    description: Annotated[Prose, EXTRA] = field(
        "Description",
        "What a reader should take from it (Markdown).",
        "Every request enters through the API.",
    )


class Diagrams(Model):
    high_level: list[Diagram] = field(
        "High-Level Architecture",
        "Diagrams of the main parts and how they connect, each in its format.",
        default_factory=list,
    )
    data_flow: list[Prose] = field(
        "Data Flow",
        "The steps a request takes through the system, in order, one step per item (Markdown).",
        "Client Request → API Gateway",
        default_factory=list,
    )
    interactions: list[Diagram] = field(
        "Component Interactions",
        "Diagrams of how the components talk to each other, e.g. mermaid sequence diagrams.",
        default_factory=list,
    )
