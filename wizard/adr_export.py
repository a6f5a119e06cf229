"""``archwiz adr export DIR``: each decision as a MADR file, and an index of them.

A file is ``NNNN-title-slug.md`` in the MADR layout: YAML front matter (status, date),
the title, "Context and Problem Statement", "Considered Options", "Decision Outcome"
with its rationale and consequences, "Pros and Cons of the Options", and "More
Information" (the decisions it supersedes, and those superseding it). Names are
literal; prose is the author's Markdown, made safe below its heading as in the
document. Each file carries archwiz's stamp, so only files archwiz wrote and nobody
edited are replaced, and a file whose content is unchanged is not written at all.

``wizard.adr_import`` reads this layout back (and Nygard's, and older MADR).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from wizard.markdown.escape import inline
from wizard.markdown.pieces import prose
from wizard.model import Document
from wizard.model.decisions import Decision, Option

INDEX = "README.md"
# What a pro or con starts with in MADR, and what the importer strips again.
GOOD, BAD = "Good, because", "Bad, because"
_SLUG = re.compile(r"[\W_]+")  # letters of any script stay; the rest becomes dashes


def file_name(decision: Decision) -> str:
    slug = _SLUG.sub("-", decision.title.lower()).strip("-")[:60].rstrip("-") or "decision"
    return f"{decision.number or 0:04d}-{slug}.md"


def _because(kind: str, text: str, marker: str) -> str:
    """A pro or con as a MADR bullet; prose of several blocks goes on below the words."""
    body = prose(text, 3)
    lines = body.split("\n")
    if len(lines) == 1 and not re.match(r"[\s#>*+\-|`~<=\d]", body):
        return f"{marker} {kind} {body}"
    return f"{marker} {kind}\n\n" + "\n".join(f"  {line}" if line else "" for line in lines)


def _option(option: Option) -> list[str]:
    out = [f"### {inline(option.name)}"]
    marker = "*"
    if option.description:
        out.append(prose(option.description, 3))
        # A "*" list ending the description would run on into the pros and cons.
        marker = "-" if out[-1].rsplit("\n", 1)[-1].lstrip().startswith("*") else "*"
    bullets = [_because(GOOD, pro, marker) for pro in option.pros]
    bullets += [_because(BAD, con, marker) for con in option.cons]
    if bullets:
        out.append("\n".join(bullets) if all("\n" not in b for b in bullets) else "\n\n".join(bullets))
    return out


def _ref(number: int, names: dict[int, str]) -> str:
    return f"[ADR-{number:04d}]({names[number]})" if number in names else f"ADR-{number:04d}"


def adr_markdown(decision: Decision, names: dict[int, str], superseded_by: list[int]) -> str:
    """One decision as a MADR file (before the stamp)."""
    front = ["---"]
    if decision.status:
        front.append(f"status: {str(decision.status).lower()}")
    if decision.date:
        front.append(f"date: {decision.date.isoformat()}")
    front.append("---")
    blocks = ["\n".join(front) if len(front) > 2 else "", f"# {inline(decision.title)}"]
    if decision.context:
        blocks += ["## Context and Problem Statement", prose(decision.context, 2)]
    if decision.options:
        blocks += [
            "## Considered Options",
            "\n".join(f"* {inline(option.name)}" for option in decision.options),
        ]
    if decision.decision or decision.rationale or decision.consequences:
        blocks.append("## Decision Outcome")
        if decision.decision:
            blocks.append(prose(decision.decision, 2))
        if decision.rationale:
            blocks += ["### Rationale", prose(decision.rationale, 3)]
        if decision.consequences:
            blocks += ["### Consequences", prose(decision.consequences, 3)]
    if any(option.description or option.pros or option.cons for option in decision.options):
        blocks.append("## Pros and Cons of the Options")
        for option in decision.options:
            blocks += _option(option)
    links = [f"* Supersedes {_ref(number, names)}" for number in decision.supersedes]
    links += [f"* Superseded by {_ref(number, names)}" for number in superseded_by]
    if links:
        blocks += ["## More Information", "\n".join(links)]
    if decision.notes:
        blocks += ["## Notes", prose(decision.notes, 2)]
    return "\n\n".join(block for block in blocks if block) + "\n"


def _index(document: Document, names: dict[int, str]) -> str:
    rows = ["| Number | Decision | Status | Date |", "| --- | --- | --- | --- |"]
    for decision in document.decisions:
        number = decision.number or 0
        cell = inline(decision.title, table_cell=True).replace("|", "\\|")
        rows.append(
            f"| {number:04d} | [{cell}]({names[number]}) | {decision.status or ''} | "
            f"{decision.date.isoformat() if decision.date else ''} |"
        )
    title = inline(document.header.title) if document.header.title else "Architecture"
    return f"# {title}: decision records\n\n" + "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Export:
    files: list[tuple[Path, bytes]]  # every file of the export, with its stamped bytes


def export_files(document: Document, folder: Path) -> Export:
    """The files ``archwiz adr export`` would write into ``folder``."""
    from wizard.ownership import stamp_markdown

    names = {decision.number or 0: file_name(decision) for decision in document.decisions}
    later: dict[int, list[int]] = {}
    for decision in document.decisions:
        for number in decision.supersedes:
            later.setdefault(number, []).append(decision.number or 0)
    files = [
        (
            folder / names[decision.number or 0],
            adr_markdown(decision, names, later.get(decision.number or 0, [])),
        )
        for decision in document.decisions
    ]
    files.append((folder / INDEX, _index(document, names)))
    return Export([(path, stamp_markdown(text)) for path, text in files])
