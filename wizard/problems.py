"""Say what is wrong with a document in the words of its fields.

Pydantic's messages are written for programmers ("Input should be a valid
dictionary or instance of Header"); these name the TOML path, the field's label,
an example, and a likely intended key for a typo. The TUI and the prompts use
the same ``describe`` so every front end words an error the same way.
"""

import difflib
from collections.abc import Sequence
from datetime import date, datetime, time

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from wizard.model import Document
from wizard.model.base import NOT_APPLICABLE
from wizard.sections import FieldSpec, fields_of

Loc = tuple[str | int, ...]

_EXPECTED = {
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
    "list_type": "an array",
    "string_type": "a string",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "date_type": "a date like 2026-11-20",
    "date_parsing": "a date like 2026-11-20",
    "date_from_datetime_parsing": "a date like 2026-11-20",
    "date_from_datetime_inexact": "a date like 2026-11-20 (without a time)",
}


# A date in the right shape that names no real day says which part is out of range.
_DATE_RANGES = {
    "day value is outside expected range": ": that month has no such day",
    "month value is outside expected range": ": months go from 01 to 12",
}


def toml_type(value: object) -> str:
    """What a user wrote, in TOML's words."""
    if isinstance(value, bool):
        return "a boolean"
    for kind, name in (
        (str, "a string"),
        (int, "an integer"),
        (float, "a float"),
        (list, "an array"),
        (dict, "a table"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def format_path(loc: Sequence[str | int]) -> str:
    """``("components", 2, "name")`` as ``components[2].name``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _by_key(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """A model's fields by the key a TOML file uses for them, from the section registry."""
    return {spec.key: spec for spec in fields_of(model)}


def model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class of the table at ``loc``, walking down from Document."""
    model: type[BaseModel] | None = Document
    for part in loc:
        if model is None:
            return None
        if isinstance(part, str):
            spec = _by_key(model).get(part)
            model = spec.model if spec else None
    return model


def field_at(loc: Sequence[str | int]) -> FieldSpec | None:
    """The field a location names, if it names one."""
    if not loc or not isinstance(loc[-1], str):
        return None
    owner = model_at(loc[:-1])
    return _by_key(owner).get(loc[-1]) if owner else None


def _unknown_key(loc: Loc) -> str:
    owner = model_at(loc[:-1])
    key = str(loc[-1])
    if owner is None:
        return f"unknown key {key!r}"
    # not_applicable is no field of its own (it marks the others), yet a key of every table.
    known = [*_by_key(owner), NOT_APPLICABLE]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key {key!r}; did you mean {close[0]!r}?"
    return f"unknown key {key!r}; expected one of: {', '.join(known)}"


def _shown(value: object) -> str:
    """A short, escaped rendering of a bad input value, dates as TOML writes them."""
    text = value.isoformat() if isinstance(value, date | time) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _example(loc: Loc) -> str:
    spec = field_at(loc)
    if spec is None:
        return ""
    example = f", e.g. {spec.example!r}" if spec.example is not None else ""
    return f"{spec.label}{example}"


def _choice_hint(loc: Loc, given: object) -> str:
    """'; did you mean 'POST'?' for a choice typed in the wrong case or slightly off."""
    spec = field_at(loc)
    choices = list(spec.choices) if spec else []
    if not isinstance(given, str) or not choices:
        return ""
    # Any letter case is accepted, so only a misspelling gets here: compare without case.
    by_case = {choice.casefold(): choice for choice in choices}
    folded = next(iter(difflib.get_close_matches(given.casefold(), list(by_case), n=1)), None)
    close = by_case.get(given.casefold()) or (by_case[folded] if folded else None)
    return f"; did you mean {close!r}?" if close else ""


def describe(error: ErrorDetails) -> tuple[Loc, str]:
    """The location and a user-facing message for one Pydantic error."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "extra_forbidden":
        return loc, _unknown_key(loc)
    if kind == "missing":
        label = _example(loc)
        return loc, f"required: {label}" if label else "required"
    if kind in ("duplicate", "not_applicable"):  # located at the key it is about
        return loc + tuple(ctx["at"]), error["msg"]
    if kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1:
        label = _example(loc)
        return loc, f"must not be empty: {label}" if label else "must not be empty"
    if kind in ("string_too_long", "too_long") and isinstance(given, str):
        return loc, f"too long: {len(given):,} characters, at most {ctx['max_length']:,} allowed"
    if kind == "value_error":
        return loc, str(ctx.get("error", error["msg"]))
    if kind in _EXPECTED:
        why = _DATE_RANGES.get(str(ctx.get("error", "")).split(" of ")[0], "")
        return loc, f"expected {_EXPECTED[kind]}, got {toml_type(given)} {_shown(given)}{why}"
    if kind == "literal_error":
        return loc, f"{error['msg']}; got {_shown(given)}{_choice_hint(loc, given)}"
    return loc, error["msg"]


def describe_all(error: ValidationError) -> list[tuple[Loc, str]]:
    return [describe(item) for item in error.errors(include_url=False)]
