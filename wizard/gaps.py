"""Parts marked not applicable survive every edit that does not answer them.

Front ends edit the fields they show; ``not_applicable`` is not one of them (it marks
the others). So an edited section or item comes back without its marks, and setting it
as it is would drop them silently. Every change goes through ``keep_marks``: the marks
of the part as it was carry over to the part as edited, less any part now answered
(answering a part is how a user says it applies after all).
"""

from typing import Any

from pydantic import BaseModel

from wizard.model.base import NOT_APPLICABLE, Model, is_answered


def holds_answer(value: Any) -> bool:
    """Whether ``value`` (raw data or a model) holds any answer, its marks aside."""
    return _answered(value)


def _answered(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_answered(item) for key, item in value.items() if key != NOT_APPLICABLE)
    if isinstance(value, BaseModel):
        return any(
            _answered(getattr(value, name)) for name in type(value).model_fields if name != NOT_APPLICABLE
        )
    return is_answered(value)


def keep_marks(old: Any, new: Any) -> Any:
    """``new`` (raw data from a front end) with the marks of ``old`` that still hold."""
    if not isinstance(old, Model):
        if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
            return [keep_marks(before, after) for before, after in zip(old, new, strict=True)]
        return new
    if not isinstance(new, dict):
        return new  # a validated model carries its own marks
    fields = type(old).model_fields
    keys = {info.alias or name: name for name, info in fields.items()}
    out = {
        key: keep_marks(getattr(old, keys[key]), value) if key in keys else value
        for key, value in new.items()
    }
    if NOT_APPLICABLE not in new and old.not_applicable:
        out[NOT_APPLICABLE] = {
            key: reason
            for key, reason in old.not_applicable.items()
            if not _answered(new.get(key, new.get(keys.get(key, key))))
        }
    return out


def without_mark(data: dict[str, Any], key: str) -> None:
    """Answering ``key`` of raw ``data`` takes back its not-applicable mark."""
    marks = data.get(NOT_APPLICABLE)
    if isinstance(marks, dict) and key in marks:
        data[NOT_APPLICABLE] = {name: reason for name, reason in marks.items() if name != key}
