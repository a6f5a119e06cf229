"""The base every model class shares, and the one way fields get their label, help and example."""

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool

from wizard.text import Line, OptionalName, add_text_patterns

SCHEMA_VERSION = 1

UNANSWERED: tuple[object, ...] = ("", [], None)
"""What a field holds when nobody has filled it in; every optional field defaults to one."""


def is_answered(value: object) -> bool:
    return value not in UNANSWERED


class Model(BaseModel):
    """Unknown keys are errors: a typo in a spec must not vanish silently."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        # A few TOML keys are Python names BaseModel already uses ("schema"):
        # the field gets another name and the key lives on as its alias.
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        json_schema_extra=add_text_patterns,
    )


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


def _check_url(value: str) -> str:
    if any(char.isspace() for char in value):
        raise ValueError("a link must not contain spaces (encode them as %20)")
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

Flag = StrictBool
"""A yes/no answer; strict so that a stray string like "no" is an error, not True."""
