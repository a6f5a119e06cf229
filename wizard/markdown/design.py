"""The design parts of the template: high-level architecture and detailed design."""

from http import HTTPStatus

from wizard.markdown.blocks import MISSING, bullets, code, heading, label
from wizard.markdown.escape import code_or_text, in_list, inline
from wizard.markdown.fields import details, gap, join_items, language, not_applicable, rest_of
from wizard.markdown.pieces import (
    Blocks,
    field_after_label,
    labelled_block,
    numbered_steps,
    prose,
    spec_of,
    title,
    url,
)
from wizard.model import Document
from wizard.model.design import Component, Endpoint, Entity, ErrorResponse
from wizard.model.overview import Diagram, Diagrams

_BODILESS_METHODS = {"GET", "HEAD", "DELETE", "OPTIONS"}
_BODILESS_STATUSES = {204, 304}
NO_BODY = "No body."


def _section_gap(doc: Document, key: str) -> Blocks | None:
    """A whole section the author marked not applicable, in place of its body."""
    if key in doc.not_applicable:
        return [not_applicable(doc.not_applicable[key])]
    return None


def _component(number: int, component: Component) -> Blocks:
    technologies = title(Component, "technologies")
    interfaces = join_items(
        details(component, [spec_of(Component, "input"), spec_of(Component, "output")], 4)
    )
    return [
        heading(4, f"Component {number}: {inline(component.name)}"),
        *field_after_label(component, "responsibility", 4),
        *(
            [label(technologies), bullets([inline(tech) for tech in component.technologies])]
            if component.technologies
            else [f"{label(technologies)} {gap(component, 'technologies')}"]
        ),
        label("Interfaces"),
        interfaces,
        *rest_of(component, ("name", "responsibility", "technologies", "input", "output"), 4),
    ]


def _diagram(diagram: Diagram, level: int) -> Blocks:
    """Its title, the image and/or the source, and what a reader should take from it."""
    out: Blocks = []
    if diagram.title:
        out.append(label(inline(diagram.title)))
    if diagram.image:
        out.append(f"![{inline(diagram.alt, mid_line=True)}]({url(diagram.image)})")
    if diagram.source:
        out.append(code(diagram.source, language(diagram, spec_of(Diagram, "source")) or "text"))
    if not (diagram.image or diagram.source):
        out.append(gap(diagram, "image" if diagram.format == "image" else "source"))
    if diagram.description:
        out.append(prose(diagram.description, level))
    return out + rest_of(diagram, ("title", "format", "source", "image", "alt", "description"), level)


def diagrams(doc: Document, name: str, level: int) -> Blocks:
    items = getattr(doc.diagrams, name)
    if not items:
        return [gap(doc.diagrams, name)]
    return [block for item in items for block in _diagram(item, level)]


def high_level(doc: Document) -> Blocks:
    heading_ = heading(2, title(Diagrams, "high_level"))
    return [heading_, *(_section_gap(doc, "diagrams") or diagrams(doc, "high_level", 2))]


def components(doc: Document) -> Blocks:
    parts = [block for number, item in enumerate(doc.components, 1) for block in _component(number, item)]
    return [
        heading(3, title(Document, "components")),
        *(_section_gap(doc, "components") or parts or [MISSING]),
    ]


def _names(entity: Entity, name: str) -> str:
    items: list[str] = getattr(entity, name)
    return ", ".join(in_list(item) for item in items) or gap(entity, name)


def _columns(entity: Entity, name: str) -> str:
    raw = getattr(entity, name)
    items = [raw] if isinstance(raw, str) else raw
    # A column written as text (no code span can show it) has its commas escaped, as names do.
    shown = (code_or_text(item) for item in items if item)
    return ", ".join(text if text.startswith("`") else text.replace(",", "\\,") for text in shown) or gap(
        entity, name
    )


def _entity(entity: Entity) -> Blocks:
    return [
        heading(4, f"{title(Entity, 'name')}: {inline(entity.name)}"),
        *([prose(entity.description, 4)] if entity.description else []),
        label(title(Entity, "schema_")),
        code(entity.schema_, language(entity, spec_of(Entity, "schema_"))) or gap(entity, "schema_"),
        label("Relationships"),
        join_items(
            [
                f"- {title(Entity, 'has_many')}: {_names(entity, 'has_many')}",
                f"- {title(Entity, 'belongs_to')}: {_names(entity, 'belongs_to')}",
            ]
        ),
        label("Indexes"),
        join_items(
            [
                f"- {title(Entity, name)}: {_columns(entity, name)}"
                for name in ("primary_index", "unique_indexes", "indexes")
            ]
        ),
        *rest_of(
            entity,
            (
                "name",
                "description",
                "schema_",
                "has_many",
                "belongs_to",
                "primary_index",
                "unique_indexes",
                "indexes",
            ),
            4,
        ),
    ]


def _with_status(text: str, status: int) -> str:
    """``Response (201 Created)``, as the template names a response by its status."""
    try:
        return f"{text} ({status} {HTTPStatus(status).phrase})"
    except ValueError:
        return f"{text} ({status})"


def _body(owner: Endpoint | ErrorResponse, name: str, empty: str, fallback: str = "json") -> str:
    text = getattr(owner, name)
    if not text:
        return empty if not owner.is_not_applicable(name) else gap(owner, name)
    return code(text, owner.body_language or fallback)


def _endpoint(endpoint: Endpoint) -> Blocks:
    request_empty = NO_BODY if endpoint.method in _BODILESS_METHODS else MISSING
    response_empty = NO_BODY if endpoint.response_status in _BODILESS_STATUSES else MISSING
    out = [
        heading(4, f"Endpoint: {code_or_text(f'{endpoint.method} {endpoint.path}')}"),
        *([prose(endpoint.description, 4)] if endpoint.description else []),
        label(title(Endpoint, "request")),
        _body(endpoint, "request", request_empty),
        label(_with_status(title(Endpoint, "response"), endpoint.response_status)),
        _body(endpoint, "response", response_empty),
    ]
    for error in endpoint.errors:
        out.append(label(_with_status("Error Response", error.status)))
        if error.description:
            out.append(prose(error.description, 4))
        out.append(_body(error, "body", MISSING, endpoint.body_language or "json"))
        out.extend(rest_of(error, ("status", "description", "body", "body_language"), 4))
    if not endpoint.errors:
        out.extend(labelled_block("Error Response", gap(endpoint, "errors")))
    shown = (
        "method",
        "path",
        "description",
        "request",
        "response_status",
        "response",
        "body_language",
        "errors",
    )
    return out + rest_of(endpoint, shown, 4)


def flows(doc: Document) -> Blocks:
    skipped = _section_gap(doc, "diagrams")
    data_flow = doc.diagrams.data_flow
    return [
        heading(3, title(Diagrams, "data_flow")),
        *(skipped or (numbered_steps(data_flow, 3) if data_flow else [gap(doc.diagrams, "data_flow")])),
        heading(3, title(Diagrams, "interactions")),
        *(skipped or diagrams(doc, "interactions", 3)),
    ]


def entities(doc: Document) -> Blocks:
    parts = [block for entity in doc.entities for block in _entity(entity)]
    return [heading(3, title(Document, "entities")), *(_section_gap(doc, "entities") or parts or [MISSING])]


def endpoints(doc: Document) -> Blocks:
    parts = [block for endpoint in doc.endpoints for block in _endpoint(endpoint)]
    return [heading(3, title(Document, "endpoints")), *(_section_gap(doc, "endpoints") or parts or [MISSING])]


def detailed_flows(doc: Document) -> Blocks:
    """The opening of "Detailed Design": the data flow and the interactions."""
    return [heading(2, "Detailed Design"), *flows(doc)]
