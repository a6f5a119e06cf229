"""Mermaid diagrams drawn from the answers: the components and how they connect, the
entities and their relationships, the data flow as a sequence.

A user asks for one in a diagram slot and gets a diagram item of format mermaid whose
source is then theirs to edit, like any text they typed. Names are user text: inside
the diagram each is a quoted label with every character that could end the label, the
statement or the diagram written as a mermaid entity code (``#34;``), so quotes,
brackets, arrows, ``end`` and ``%%`` stay text; letters of any script stay as they are.
Identifiers are generated (``c1``, ``e2``), never taken from user text.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from wizard.model import Document
from wizard.names import ARROW, same_name


def label(text: str) -> str:
    """``text`` as the inside of a quoted mermaid label: letters, digits and spaces as they
    are, every other character as an entity code (mermaid decodes ``#NNN;``)."""
    text = " ".join(text.split())  # a label is one line
    return "".join(ch if ch.isalnum() or ch == " " else f"#{ord(ch)};" for ch in text)


def _steps(doc: Document) -> list[tuple[str, str, str]]:
    """Data-flow steps of the form "A → B (how)": (A, B, how)."""
    found = []
    for step in doc.diagrams.data_flow:
        parts = ARROW.split(step.strip(), maxsplit=1)
        if len(parts) != 2:
            continue
        source = parts[0].strip(" *_`")
        head, _, how = parts[1].partition("(")
        # "B, or C on failure": B is the target; what follows it says how, if nothing in
        # parentheses does.
        comma = re.search(r"\s*[,;:]\s*", head)
        target, rest = (head[: comma.start()], head[comma.end() :]) if comma else (head, "")
        target = target.strip(" *_`")
        how = how.rstrip(") ").strip() or rest.strip()
        if source and target:
            found.append((source, target, how))
    return found


def component_flowchart(doc: Document) -> str:
    """``flowchart LR``: a node per component, an edge per data-flow step between two of them
    and per component whose input or output names another."""
    ids = {same_name(component.name): f"c{n}" for n, component in enumerate(doc.components, 1)}
    lines = ["flowchart LR"]
    lines += [f'    {ids[same_name(c.name)]}["{label(c.name)}"]' for c in doc.components]
    edges: dict[tuple[str, str], str] = {}
    for source, target, how in _steps(doc):
        a, b = ids.get(same_name(source)), ids.get(same_name(target))
        if a and b and a != b:
            edges.setdefault((a, b), how)
    for component in doc.components:
        me = ids[same_name(component.name)]
        for other in doc.components:
            them = ids[same_name(other.name)]
            if them == me:
                continue
            name = f" {same_name(other.name)} "
            if name in f" {same_name(component.output)} ":
                edges.setdefault((me, them), "")
            if name in f" {same_name(component.input)} ":
                edges.setdefault((them, me), "")
    for (a, b), how in edges.items():
        lines.append(f'    {a} -->|"{label(how)}"| {b}' if how else f"    {a} --> {b}")
    return "\n".join(lines)


def entity_diagram(doc: Document) -> str:
    """``erDiagram``: each entity, and each relationship its Data Models entry states."""
    ids = {same_name(entity.name): f"e{n}" for n, entity in enumerate(doc.entities, 1)}
    lines = ["erDiagram"]
    lines += [f'    {ids[same_name(e.name)]}["{label(e.name)}"]' for e in doc.entities]
    seen = set()
    for entity in doc.entities:
        me = ids[same_name(entity.name)]
        for other in entity.has_many:
            if (them := ids.get(same_name(other))) and (me, them) not in seen:
                seen.add((me, them))
                lines.append(f'    {me} ||--o{{ {them} : "has many"')
        for other in entity.belongs_to:
            if (them := ids.get(same_name(other))) and (them, me) not in seen:
                seen.add((them, me))
                lines.append(f'    {them} ||--o{{ {me} : "has many"')
    return "\n".join(lines)


def flow_sequence(doc: Document) -> str:
    """``sequenceDiagram``: a participant per name the data flow connects, a message per step."""
    steps = _steps(doc)
    ids: dict[str, str] = {}
    lines = ["sequenceDiagram"]
    for source, target, _ in steps:
        for name in (source, target):
            if same_name(name) not in ids:
                ids[same_name(name)] = f"p{len(ids) + 1}"
                lines.append(f"    participant {ids[same_name(name)]} as {label(name)}")
    for source, target, how in steps:
        lines.append(f"    {ids[same_name(source)]}->>{ids[same_name(target)]}: {label(how) or 'then'}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Generator:
    key: str
    slot: str  # the list of Diagrams it adds to
    title: str  # the new diagram's title
    description: str  # what it is drawn from, for the offer
    draw: Callable[[Document], str]
    needs: Callable[[Document], bool]  # whether the answers hold enough to draw it


GENERATORS: tuple[Generator, ...] = (
    Generator(
        "components",
        "high_level",
        "Components and their connections",
        "the components, connected by the data flow and by inputs and outputs that name them",
        component_flowchart,
        lambda doc: bool(doc.components),
    ),
    Generator(
        "entities",
        "high_level",
        "Entities and relationships",
        "the entities of Data Models and their has-many and belongs-to relationships",
        entity_diagram,
        lambda doc: bool(doc.entities),
    ),
    Generator(
        "data-flow",
        "interactions",
        "Data flow",
        "the data-flow steps written as 'A → B (how)'",
        flow_sequence,
        lambda doc: bool(_steps(doc)),
    ),
)
BY_KEY = {generator.key: generator for generator in GENERATORS}


def generated(doc: Document, key: str) -> dict[str, str]:
    """A new diagram item (raw, as a front end hands one to the session) drawn by ``key``."""
    generator = BY_KEY[key]
    return {"title": generator.title, "format": "mermaid", "source": generator.draw(doc)}
