"""The section registry: the wizard's sections and their fields, read off the model.

Nothing here is written twice: the order is the Document's field order (the
template's), titles and help are the fields' metadata, and each field's kind
says which widget or prompt edits it. The TUI, the plain prompts and the docs
all walk this registry instead of keeping lists of their own.
"""

import enum
import functools
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from wizard.model import Document
from wizard.model.base import is_answered
from wizard.text import Text, text_marker


class FieldKind(enum.Enum):
    TEXT = "text"  # a string; ``text`` says which kind
    TEXT_LIST = "text list"  # a list of strings
    CHOICE = "choice"  # one of ``choices``
    DATE = "date"
    FLAG = "flag"  # yes / no
    NUMBER = "number"
    GROUP = "group"  # a nested table of fields (``model``)
    ITEMS = "items"  # a list of ``model`` items


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the attribute on the model
    key: str  # the key in TOML (differs when the name is reserved in Python)
    label: str
    help: str
    example: Any
    kind: FieldKind
    required: bool
    text: Text | None = None
    choices: tuple[str, ...] = ()
    model: type[BaseModel] | None = None
    item_type: Any = None  # a text list's item type, to validate one item on its own
    default: Any = None  # what a new, unanswered field holds ("" for a required text)


class SectionState(enum.Enum):
    EMPTY = "empty"
    PARTIAL = "partly filled"
    COMPLETE = "complete"
    INVALID = "has errors"  # only a front end knows: the model never holds an invalid answer


@dataclass(frozen=True)
class Section:
    number: int  # 1-based, as shown to the user ("section 3 of 21")
    key: str
    title: str
    help: str
    model: type[BaseModel]  # the section's model, or the item model of a list section
    is_list: bool

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        return fields_of(self.model)

    @property
    def spec(self) -> "FieldSpec":
        """The Document field holding this section."""
        return next(spec for spec in fields_of(Document) if spec.key == self.key)


def _kind(annotation: Any, info: FieldInfo) -> tuple[FieldKind, dict[str, Any]]:
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return FieldKind.ITEMS, {"model": item}
        return FieldKind.TEXT_LIST, {
            "text": text_marker(list(getattr(item, "__metadata__", ()))),
            "item_type": item,
        }
    if origin is typing.Literal:
        return FieldKind.CHOICE, {"choices": typing.get_args(annotation)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldKind.GROUP, {"model": annotation}
    if annotation == date | None or annotation is date:
        return FieldKind.DATE, {}
    if annotation is bool:
        return FieldKind.FLAG, {}
    if annotation is int:
        return FieldKind.NUMBER, {}
    marker = text_marker(info.metadata)
    if annotation is str and marker is not None:
        return FieldKind.TEXT, {"text": marker}
    raise TypeError(f"no front end knows how to edit {annotation!r}")


def _blank(info: FieldInfo) -> Any:
    default = info.get_default(call_default_factory=True)
    return "" if default is PydanticUndefined else default


@functools.cache
def fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    specs = []
    for name, info in model.model_fields.items():
        kind, extra = _kind(info.annotation, info)
        specs.append(
            FieldSpec(
                name=name,
                key=info.alias or name,
                label=info.title or name,
                help=info.description or "",
                example=info.examples[0] if info.examples else None,
                kind=kind,
                required=info.is_required(),
                default=_blank(info),
                **extra,
            )
        )
    return tuple(specs)


def _sections() -> tuple[Section, ...]:
    out: list[Section] = []
    for spec in fields_of(Document):
        if spec.kind not in (FieldKind.GROUP, FieldKind.ITEMS):
            continue  # schema_version is bookkeeping, not a section
        assert spec.model is not None
        out.append(
            Section(len(out) + 1, spec.key, spec.label, spec.help, spec.model, spec.kind is FieldKind.ITEMS)
        )
    return tuple(out)


SECTIONS: tuple[Section, ...] = _sections()


def _answers(obj: BaseModel) -> tuple[int, int]:
    """(answered, answerable) over the fields that can be left empty."""
    answered = total = 0
    for spec in fields_of(type(obj)):
        value = getattr(obj, spec.name)
        if spec.kind is FieldKind.GROUP:
            sub_answered, sub_total = _answers(value)
            answered, total = answered + sub_answered, total + sub_total
        elif spec.kind in (FieldKind.TEXT, FieldKind.TEXT_LIST, FieldKind.ITEMS, FieldKind.DATE):
            total += 1
            answered += is_answered(value)
    return answered, total


def section_state(doc: Document, sec: Section) -> SectionState:
    value = getattr(doc, sec.key)
    items = value if sec.is_list else [value]
    if not items:
        return SectionState.EMPTY
    counts = [_answers(item) for item in items]
    answered = sum(count[0] for count in counts)
    total = sum(count[1] for count in counts)
    if answered == total:
        return SectionState.COMPLETE
    return SectionState.PARTIAL if answered or sec.is_list else SectionState.EMPTY


def progress(doc: Document) -> tuple[int, int]:
    """(complete sections, all sections)."""
    states = [section_state(doc, sec) for sec in SECTIONS]
    return states.count(SectionState.COMPLETE), len(SECTIONS)
