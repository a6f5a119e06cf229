"""Choices and what comes next: decisions, future work, references and ownership."""

from datetime import date
from typing import Literal

from wizard.model.base import Flag, Model, field
from wizard.model.delivery import Link
from wizard.text import Line, Name, Prose

DecisionStatus = Literal["Proposed", "Accepted", "Superseded"]


class Option(Model):
    name: Name = field("Option", "An option that was considered.", "PostgreSQL", default=...)
    pros: Line = field("Pros", "What speaks for it.", "ACID transactions, team knows it")
    cons: Line = field("Cons", "What speaks against it.", "Write scaling needs sharding")


class Decision(Model):
    title: Name = field("Decision title", "The technology or pattern choice.", "Ledger database", default=...)
    status: DecisionStatus = field(
        "Status", "Proposed, Accepted or Superseded.", "Accepted", default="Proposed"
    )
    options: list[Option] = field(
        "Options Considered", "Each option with its pros and cons.", default_factory=list
    )
    decision: Line = field("Decision", "The chosen option.", "PostgreSQL")
    rationale: Prose = field(
        "Rationale", "Why this option was chosen.", "Consistency matters more than write scale here."
    )


class Improvement(Model):
    item: Name = field("Improvement", "A planned improvement.", "Multi-region active-active", default=...)
    timeline: Line = field("Timeline", "When it is planned.", "Q3 2027")
    done: Flag = field("Done", "Whether it has been delivered.", False, default=False)


class Limitation(Model):
    name: Name = field("Limitation", "A known limitation.", "Single-region writes", default=...)
    impact: Line = field("Impact", "What is affected.", "A region outage stops new payments")
    mitigation: Line = field("Mitigation", "The current workaround.", "Warm standby in a second region")
    fix: Line = field("Fix", "The planned solution.", "Active-active ledger")


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
    next_review: date | None = field(
        "Next Review", "When it is next reviewed (YYYY-MM-DD).", "2027-02-20", default=None
    )
