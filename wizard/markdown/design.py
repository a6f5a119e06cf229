"""The design parts of the template: high-level architecture and detailed design."""

from http import HTTPStatus

from wizard.markdown.blocks import MISSING, bullets, code, heading, label, labelled
from wizard.markdown.escape import code_or_text, inline
from wizard.markdown.pieces import Blocks, detail, numbered_code, prose_after_label, title, value
from wizard.model import Document
from wizard.model.design import Component, Endpoint, Entity

_BODILESS_METHODS = {"GET", "HEAD", "DELETE", "OPTIONS"}
_BODILESS_STATUSES = {204, 304}
NO_BODY = "No body."


def _component(number: int, component: Component) -> Blocks:
    technologies = title(Component, "technologies")
    interfaces = [detail(Component, name, value(getattr(component, name))) for name in ("input", "output")]
    return [
        heading(4, f"Component {number}: {inline(component.name)}"),
        *prose_after_label(title(Component, "responsibility"), component.responsibility),
        *(
            [label(technologies), bullets([inline(tech) for tech in component.technologies])]
            if component.technologies
            else [labelled(technologies, "")]
        ),
        label("Interfaces"),
        bullets(interfaces),
    ]


def high_level(doc: Document) -> Blocks:
    diagrams = doc.diagrams
    return [
        heading(2, title(type(diagrams), "high_level")),
        code(diagrams.high_level, diagrams.high_level_format),
    ]


def components(doc: Document) -> Blocks:
    parts = [block for number, item in enumerate(doc.components, 1) for block in _component(number, item)]
    return [heading(3, title(Document, "components")), *(parts or [MISSING])]


def architecture(doc: Document) -> Blocks:
    return high_level(doc) + components(doc)


def _entity(entity: Entity) -> Blocks:
    def names(items: list[str]) -> str:
        return ", ".join(inline(item) for item in items)

    def columns(items: list[str]) -> str:
        return ", ".join(code_or_text(item) for item in items if item)

    return [
        heading(4, f"{title(Entity, 'name')}: {inline(entity.name)}"),
        label(title(Entity, "schema_")),
        code(entity.schema_, "python"),
        label("Relationships"),
        bullets(
            [
                detail(Entity, "has_many", names(entity.has_many)),
                detail(Entity, "belongs_to", names(entity.belongs_to)),
            ]
        ),
        label("Indexes"),
        bullets(
            [
                detail(Entity, "primary_index", columns([entity.primary_index])),
                detail(Entity, "unique_indexes", columns(entity.unique_indexes)),
                detail(Entity, "indexes", columns(entity.indexes)),
            ]
        ),
    ]


def _with_status(text: str, status: int) -> str:
    """``Response (201 Created)``, as the template names a response by its status."""
    try:
        return f"{text} ({status} {HTTPStatus(status).phrase})"
    except ValueError:
        return f"{text} ({status})"


def _body(text: str, empty: str) -> str:
    return code(text, "json") if text else empty


def _endpoint(endpoint: Endpoint) -> Blocks:
    request_empty = NO_BODY if endpoint.method in _BODILESS_METHODS else MISSING
    response_empty = NO_BODY if endpoint.response_status in _BODILESS_STATUSES else MISSING
    out = [
        heading(4, f"Endpoint: {code_or_text(f'{endpoint.method} {endpoint.path}')}"),
        label(title(Endpoint, "request")),
        _body(endpoint.request, request_empty),
        label(_with_status(title(Endpoint, "response"), endpoint.response_status)),
        _body(endpoint.response, response_empty),
    ]
    for error in endpoint.errors:
        out += [label(_with_status("Error Response", error.status)), _body(error.body, MISSING)]
    if not endpoint.errors:
        out.append(labelled("Error Response", ""))
    return out


def flows(doc: Document) -> Blocks:
    diagrams = doc.diagrams
    return [
        heading(3, title(type(diagrams), "data_flow")),
        *numbered_code(diagrams.data_flow),
        heading(3, title(type(diagrams), "interactions")),
        code(diagrams.interactions, "mermaid"),
    ]


def entities(doc: Document) -> Blocks:
    parts = [block for entity in doc.entities for block in _entity(entity)]
    return [heading(3, title(Document, "entities")), *(parts or [MISSING])]


def endpoints(doc: Document) -> Blocks:
    parts = [block for endpoint in doc.endpoints for block in _endpoint(endpoint)]
    return [heading(3, title(Document, "endpoints")), *(parts or [MISSING])]


def detailed_design(doc: Document) -> Blocks:
    return [heading(2, "Detailed Design"), *flows(doc), *entities(doc), *endpoints(doc)]
