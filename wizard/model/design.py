"""The parts of the system: components, data models and API contracts."""

from typing import Annotated

from pydantic import Field, Strict

from wizard.model.base import EXTRA, Model, choice, field
from wizard.text import Language, Line, Name, Prose, code

HttpMethod = choice("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
Body = code("json", language_field="body_language")
Schema = code("python", language_field="schema_language")


class Component(Model):
    name: Name = field("Name", "What the component is called.", "API Gateway", default=...)
    responsibility: Prose = field(
        "Responsibility",
        "What this component does, and what it deliberately does not do.",
        "Terminates TLS, authenticates callers and routes requests to the services.",
    )
    technologies: list[Name] = field(
        "Technologies",
        "Its tech stack, one technology per item.",
        "Envoy 1.31",
        default_factory=list,
    )
    input: Prose = field("Input", "What it receives.", "HTTPS requests from merchants")
    output: Prose = field("Output", "What it produces.", "gRPC calls to the payment service")


class Entity(Model):
    name: Name = field("Entity", "The entity's name, as in the code.", "Payment", default=...)
    description: Annotated[Prose, EXTRA] = field(
        "Description", "What the entity stands for (Markdown).", "A payment a merchant asked for."
    )
    schema_: Schema = field(  # type: ignore[valid-type]
        "Schema",
        "The entity's fields, as code: a Python class, SQL, a YAML descriptor...",
        "class Payment(BaseModel):\n    id: UUID\n    amount_minor: int",
        alias="schema",
    )
    schema_language: Language = field(
        "Schema language", "The schema's language for highlighting (default python).", "sql"
    )
    has_many: list[Name] = field(
        "Has many", "Entities this one owns, one per item.", "Refund", default_factory=list
    )
    belongs_to: list[Name] = field(
        "Belongs to",
        "Entities that own this one, one per item.",
        "Merchant",
        default_factory=list,
    )
    primary_index: Line = field("Primary", "The primary key.", "id")
    unique_indexes: list[Line] = field(
        "Unique",
        "Unique indexes, one per item.",
        "(tenant_id, idempotency_key)",
        default_factory=list,
    )
    indexes: list[Line] = field(
        "Index", "Other indexed columns, one per item.", "created_at", default_factory=list
    )


StatusCode = Annotated[int, Strict(), Field(ge=100, le=599)]
ErrorCode = Annotated[int, Strict(), Field(ge=400, le=599)]


class ErrorResponse(Model):
    status: ErrorCode = field("Status", "The HTTP error status code.", 400, default=400)
    description: Annotated[Prose, EXTRA] = field(
        "Description",
        "When the error happens and what the caller should do (Markdown).",
        "The amount is negative.",
    )
    body: code("json", language_field="body_language") = field(  # type: ignore[valid-type]
        "Body", "The error body, in the endpoint's body language.", '{"error": "Validation error"}'
    )
    body_language: Language = field("Body language", "The body's language (default json).", "json")


class Endpoint(Model):
    method: HttpMethod = field("Method", "The HTTP method.", "POST", default="GET")  # type: ignore[valid-type]
    path: Name = field("Path", "The URL path, with parameters in braces.", "/api/v1/payments", default=...)
    description: Annotated[Prose, EXTRA] = field(
        "Description", "What the endpoint does (Markdown).", "Creates a payment."
    )
    request: Body = field(  # type: ignore[valid-type]
        "Request",
        "The request body, as JSON; leave empty when there is none.",
        '{"amount_minor": 1999, "currency": "EUR"}',
    )
    response_status: StatusCode = field(
        "Response status", "The HTTP status of a successful response.", 201, default=200
    )
    response: Body = field(  # type: ignore[valid-type]
        "Response", "The successful response body, as JSON.", '{"id": "pay_123", "status": "pending"}'
    )
    body_language: Language = field(
        "Body language", "The language of the request and response bodies (default json).", "json"
    )
    errors: list[ErrorResponse] = field(
        "Error responses",
        "Each error status the endpoint returns, with its body.",
        default_factory=list,
    )
