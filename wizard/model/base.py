"""The base every model class shares, and the one way fields get their label, help and example."""

import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from wizard.text import Line, OptionalName, add_text_patterns

SCHEMA_VERSION = 2

UNANSWERED: tuple[object, ...] = ("", [], None, {})
"""What a field holds when nobody has filled it in; every optional field defaults to one."""


def is_answered(value: object) -> bool:
    return value not in UNANSWERED


NOT_APPLICABLE = "not_applicable"
"""The field of every model that names its parts the author marked as not applying."""


class Model(BaseModel):
    """Unknown keys are errors: a typo in a spec must not vanish silently.

    Every model can mark any of its own fields as not applicable, with an optional reason
    (``not_applicable = { sharding = "one small database" }``): the document then says so
    instead of showing a gap, and progress counts the part as answered. On the Document
    the keys are whole sections.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        # A few TOML keys are Python names BaseModel already uses ("schema"):
        # the field gets another name and the key lives on as its alias.
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        json_schema_extra=add_text_patterns,
        defer_build=True,
    )

    not_applicable: dict[str, Line] = Field(
        default_factory=dict,
        title="Not applicable",
        description="Parts that do not apply here, each with an optional reason.",
        examples=[{"sharding": "One small database; nothing to shard."}],
    )

    @model_validator(mode="after")
    def _gaps_name_fields(self) -> Self:
        for key in self.not_applicable:
            info = type(self).model_fields.get(key) or next(
                (f for f in type(self).model_fields.values() if f.alias == key), None
            )
            if info is None or key == NOT_APPLICABLE:
                names = ", ".join(
                    f.alias or n for n, f in type(self).model_fields.items() if n != NOT_APPLICABLE
                )
                raise _gap_error(
                    key, f"not_applicable names {key!r}, which is not a part here; expected one of {names}"
                )
            name = next(n for n, f in type(self).model_fields.items() if f is info)
            if is_answered(getattr(self, name)) and not _is_empty_model(getattr(self, name)):
                raise _gap_error(
                    key, f"{key!r} is answered and also marked not applicable; keep one of the two"
                )
        return self

    def is_not_applicable(self, name: str) -> bool:
        if not self.not_applicable:
            return False  # nearly every part: asked once per rendered field
        info = type(self).model_fields[name]
        return name in self.not_applicable or (info.alias is not None and info.alias in self.not_applicable)

    def not_applicable_reason(self, name: str) -> str:
        info = type(self).model_fields[name]
        return str(self.not_applicable.get(name, self.not_applicable.get(info.alias or name, "")))


def _gap_error(key: str, message: str) -> PydanticCustomError:
    # "at" points the message at the key's own line, not at its table's header.
    return PydanticCustomError(
        "not_applicable", "{message}", {"message": message, "at": (NOT_APPLICABLE, key)}
    )


def _is_empty_model(value: object) -> bool:
    """A group nobody filled in; a section may be marked not applicable only while it is."""
    if not isinstance(value, BaseModel):
        return False
    return all(
        name == NOT_APPLICABLE
        or not is_answered(getattr(value, name))
        or _is_empty_model(getattr(value, name))
        for name in type(value).model_fields
    )


class Extra:
    """Marks a field that adds to the template (a description, a note): left empty, nothing is
    missing, so progress never asks for it. Carried in ``Annotated`` metadata."""


EXTRA = Extra()


def field(label: str, help: str, example: Any = None, **kwargs: Any) -> Any:
    """A model field with the label, help text and example every front end reads.

    Lists and sub-models take ``default_factory``; everything else defaults to
    empty so that an unanswered field is simply absent from the sidecar.
    """
    if "default_factory" not in kwargs:
        kwargs.setdefault("default", "")
    examples = None if example is None else [example]
    return Field(title=label, description=help, examples=examples, **kwargs)


_VERSION = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?")


def _check_version(value: str) -> str:
    if value and not _VERSION.fullmatch(value):
        raise ValueError("must be a version like 1.4.0 (X.Y.Z)")
    return value


# The pattern is for editors validating against the JSON Schema; archwiz checks it itself.
Version = Annotated[
    OptionalName,
    AfterValidator(_check_version),
    Field(json_schema_extra={"pattern": f"^({_VERSION.pattern})?$"}),
]

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


# An entity as CommonMark decodes one in a link target (the semicolon is required).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _check_url(value: str) -> str:
    if any(char.isspace() for char in value):
        raise ValueError("a link must not contain spaces (encode them as %20)")
    if "&" in value and _ENTITY.search(value):
        # Markdown decodes entities in a link target: "&#47;/host" is "//host" on the page, and
        # "jav&#97;script:" a script. An address has no need of them.
        raise ValueError("a link must not contain HTML entities such as &#47; (write the character itself)")
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
        raise ValueError(
            f"links may use http, https or mailto, or be a relative path; not {scheme.group(1)}:"
        )
    if value[:2].replace("\\", "/") == "//":
        # "//host/x" (and "\\host", which browsers read the same) leaves the site: it is no relative path.
        raise ValueError(
            "a link to another host needs https:// (or http://); a relative path starts otherwise"
        )
    return value


Url = Annotated[Line, AfterValidator(_check_url)]


def _any_case(word: str) -> str:
    """A regex matching ``word`` in any letter case, in the syntax every JSON Schema tool reads
    (ECMA-262 has no inline case-insensitive flag)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def choice(*values: str, also: tuple[str, ...] = ()) -> Any:
    """One of ``values``, matched in any letter case ("accepted" is "Accepted"); ``also`` are
    other spellings a validator before this one maps to a value (the JSON Schema allows them)."""
    by_fold = {value.casefold(): value for value in values}

    def canonical(raw: Any) -> Any:
        return by_fold.get(raw.strip().casefold(), raw) if isinstance(raw, str) else raw

    # Editors complete from the enum; the pattern accepts what archwiz accepts.
    pattern = "^\\s*(?:" + "|".join(_any_case(word) for word in (*values, *also)) + ")\\s*$"
    schema = {"anyOf": [{"type": "string", "enum": list(values)}, {"type": "string", "pattern": pattern}]}
    return Annotated[Literal[values], BeforeValidator(canonical), WithJsonSchema(schema)]


Flag = StrictBool
"""A yes/no answer; strict so that a stray string like "no" is an error, not True."""
