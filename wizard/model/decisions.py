"""Choices and what comes next: decisions, future work, references and ownership."""

import datetime
from typing import Annotated

from pydantic import Field, Strict

from wizard.model.base import EXTRA, Flag, Model, choice, field
from wizard.model.delivery import Link
from wizard.text import Line, Name, Prose

DecisionStatus = choice("Proposed", "Accepted", "Rejected", "Deprecated", "Superseded")
DecisionNumber = Annotated[int, Strict(), Field(ge=1, le=999_999)]


class Option(Model):
    name: Name = field("Option", "An option that was considered.", "PostgreSQL", default=...)
    description: Annotated[Prose, EXTRA] = field(
        "Description", "What the option is (Markdown).", "A relational database."
    )
    pros: list[Prose] = field(
        "Pros", "What speaks for it, one point per item.", "ACID transactions", default_factory=list
    )
    cons: list[Prose] = field(
        "Cons",
        "What speaks against it, one point per item.",
        "Write scaling needs sharding",
        default_factory=list,
    )


class Decision(Model):
    title: Name = field("Decision title", "The technology or pattern choice.", "Ledger database", default=...)
    number: DecisionNumber | None = field(
        "Number",
        "The decision's stable number (ADR-7 is 7); archwiz assigns the next free one, once.",
        7,
        default=None,
    )
    status: DecisionStatus | None = field(  # type: ignore[valid-type]
        "Status", "Proposed, Accepted, Rejected, Deprecated or Superseded.", "Accepted", default=None
    )
    date: datetime.date | None = field(
        "Date", "When it was decided (YYYY-MM-DD).", "2026-03-02", default=None
    )
    context: Prose = field(
        "Context",
        "The forces at play: what made a decision necessary (Markdown).",
        "Payments must never be lost.",
    )
    options: list[Option] = field(
        "Options Considered", "Each option with its pros and cons.", default_factory=list
    )
    decision: Prose = field("Decision", "The chosen option, and what it means in practice.", "PostgreSQL")
    rationale: Prose = field(
        "Rationale", "Why this option was chosen.", "Consistency matters more than write scale here."
    )
    consequences: Prose = field(
        "Consequences",
        "What becomes easier or harder because of it (Markdown).",
        "Sharding is left for later.",
    )
    # Not strict: a number typed into a list item arrives as text ("3").
    supersedes: Annotated[list[Annotated[int, Field(ge=1, le=999_999)]], EXTRA] = field(
        "Supersedes", "The numbers of the decisions this one replaces.", 3, default_factory=list
    )
    notes: Annotated[Prose, EXTRA] = field(
        "Notes",
        "Anything else about the decision (Markdown): what an imported ADR held that has no "
        "field here (decision drivers, who decided) is kept here, never dropped.",
        "Decision drivers: auditability, team skills.",
    )


class Improvement(Model):
    item: Name = field("Improvement", "A planned improvement.", "Multi-region active-active", default=...)
    timeline: Line = field("Timeline", "When it is planned.", "Q3 2027")
    description: Annotated[Prose, EXTRA] = field(
        "Description", "What it involves (Markdown).", "A second ledger region."
    )
    done: Flag = field("Done", "Whether it has been delivered.", False, default=False)


class Limitation(Model):
    name: Name = field("Limitation", "A known limitation.", "Single-region writes", default=...)
    impact: Prose = field("Impact", "What is affected.", "A region outage stops new payments")
    mitigation: Prose = field("Mitigation", "The current workaround.", "Warm standby in a second region")
    fix: Prose = field("Fix", "The planned solution.", "Active-active ledger")


class Future(Model):
    improvements: list[Improvement] = field(
        "Planned Improvements", "What is planned, with a timeline.", default_factory=list
    )
    limitations: list[Limitation] = field(
        "Known Limitations", "What the design does not handle yet.", default_factory=list
    )


class References(Model):
    internal: list[Link] = field(
        "Internal Documentation",
        "Related architecture docs, API references, guides.",
        default_factory=list,
    )
    external: list[Link] = field(
        "External Resources", "Standards, papers and best-practice guides.", default_factory=list
    )
    adrs: list[Link] = field(
        "Related ADRs (Architecture Decision Records)",
        "ADRs, e.g. 'ADR-001: Decision Title'.",
        default_factory=list,
    )


class Review(Model):
    owner: Line = field("Architecture Owner", "The person or team who owns this.", "Payments Core team")
    cycle: Line = field("Review Cycle", "How often it is reviewed, e.g. Quarterly.", "Quarterly")
    next_review: datetime.date | None = field(
        "Next Review", "When it is next reviewed (YYYY-MM-DD).", "2027-02-20", default=None
    )
