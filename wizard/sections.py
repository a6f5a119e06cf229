"""The section registry: the wizard's sections and their fields, read off the model.

Nothing here is written twice: the order is the Document's field order (the
template's), titles and help are the fields' metadata, and each field's kind
says which widget or prompt edits it. The TUI, the plain prompts and the docs
all walk this registry instead of keeping lists of their own.
"""

import dataclasses
import enum
import functools
import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from wizard.model import Document
from wizard.model.base import NOT_APPLICABLE, Extra, is_answered
from wizard.model.document import SECTION_KEYS, SETTINGS
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


# The kinds short enough to sum up a list item on one line.
_SUMMARY_KINDS = (FieldKind.TEXT, FieldKind.CHOICE, FieldKind.NUMBER, FieldKind.DATE, FieldKind.FLAG)


def _none() -> Any:
    return None


def _empty_text() -> str:
    return ""


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
    # Builds what a new, unanswered field holds ("" for a required text). Built when asked,
    # not when the registry is: a section's default is a model instance, and building all
    # of them at import built every model's validators (~60 ms of every start).
    blank: Callable[[], Any] = _none
    extra: bool = False  # adds to the template (a description); never counted as missing

    @property
    def default(self) -> Any:
        """What a new, unanswered field holds: a fresh object on every call."""
        return self.blank()

    # How every front end names, shows and reads a field: one wording for the TUI and the prompts.

    @property
    def multiline(self) -> bool:
        return bool(self.kind is FieldKind.TEXT and self.text and self.text.multiline)

    @property
    def example_text(self) -> str:
        """The example as a user would type it ("" when there is none)."""
        if self.example is None:
            return ""
        if isinstance(self.example, bool):
            return "yes" if self.example else "no"
        return str(self.example)

    @property
    def noun(self) -> str:
        """'component', 'error response', 'item': what one entry of a list is called."""
        if self.model is None:
            return "item"
        return re.sub(r"(?<!^)(?=[A-Z])", " ", self.model.__name__).lower()

    @property
    def a_noun(self) -> str:
        return f"{'an' if self.noun[0] in 'aeiou' else 'a'} {self.noun}"

    def count(self, number: int) -> str:
        """'1 component', '2 entities'."""
        noun = self.noun
        if number != 1:
            if noun.endswith("y") and noun[-2:-1] not in "aeiou":
                noun = noun[:-1] + "ie"
            noun += "es" if noun.endswith(("s", "x", "ch", "sh")) else "s"
        return f"{number} {noun}"

    @property
    def summary_fields(self) -> "tuple[FieldSpec, ...]":
        """What a list shows of each item: its first field and up to two more short ones."""
        if self.model is None:
            return ()
        short = [spec for spec in fields_of(self.model) if spec.kind in _SUMMARY_KINDS and not spec.multiline]
        return tuple(short[:3])

    def item_field(self) -> "FieldSpec":
        """A text list's item as a field of its own, so it is edited like any other text."""
        # Kept on the (frozen) instance: a large document asks for it once per list entry.
        cached = self.__dict__.get("_item_field")
        if cached is None:
            cached = dataclasses.replace(
                self,
                name="value",
                key="value",
                kind=FieldKind.TEXT,
                required=True,
                item_type=None,
                blank=_empty_text,
            )
            self.__dict__["_item_field"] = cached
        return cached

    def as_text(self, value: Any) -> str:
        """A value of this field as the user edits it in a one-line answer."""
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def parse(self, raw: str) -> Any:
        """A typed answer as the model expects it; what cannot be parsed goes in raw, to be refused."""
        if self.kind is FieldKind.DATE or (self.kind is FieldKind.CHOICE and self.default is None):
            return raw.strip() or None  # an optional choice left blank is unanswered
        if self.kind is FieldKind.NUMBER:
            if not raw.strip() and self.default is None:
                return None
            try:
                return int(raw)
            except ValueError:
                return raw
        return raw


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
    # The template's sections are the document's skeleton; the others (notes, extra
    # sections) hold what an author adds, are never "missing" and count for no progress.
    in_template: bool = True

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
    optional = _without_none(annotation)
    if optional is not None and typing.get_origin(optional) is typing.Literal:
        return FieldKind.CHOICE, {"choices": typing.get_args(optional)}  # may be left unanswered
    if optional is int:
        return FieldKind.NUMBER, {}
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


def _without_none(annotation: Any) -> Any:
    """``X`` of ``X | None``; None for any other annotation."""
    args = typing.get_args(annotation)
    if type(None) in args and len(args) == 2:
        inner = next(arg for arg in args if arg is not type(None))
        return typing.get_args(inner)[0] if typing.get_origin(inner) is typing.Annotated else inner
    return None


def _blank(info: FieldInfo) -> Any:
    default = info.get_default(call_default_factory=True)
    return "" if default is PydanticUndefined else default


def _blank_of(info: FieldInfo) -> Callable[[], Any]:
    return functools.partial(_blank, info)


@functools.cache
def fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    specs = []
    for name, info in model.model_fields.items():
        if name == NOT_APPLICABLE:
            continue  # marks on the other fields, edited with them, never a field of its own
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
                blank=_blank_of(info),
                extra=any(isinstance(item, Extra) for item in info.metadata),
                **extra,
            )
        )
    return tuple(specs)


def _sections() -> tuple[Section, ...]:
    out: list[Section] = []
    for spec in fields_of(Document):
        if spec.kind not in (FieldKind.GROUP, FieldKind.ITEMS) or spec.key in SETTINGS:
            continue  # schema_version is bookkeeping, and settings are not sections
        assert spec.model is not None
        out.append(
            Section(
                len(out) + 1,
                spec.key,
                spec.label,
                spec.help,
                spec.model,
                spec.kind is FieldKind.ITEMS,
                in_template=spec.key in SECTION_KEYS,
            )
        )
    return tuple(out)


SECTIONS: tuple[Section, ...] = _sections()


def _parts(obj: BaseModel, where: str = "", top: str = "") -> Iterator[tuple[str, bool, str]]:
    """Each part of ``obj`` that can be left empty: its label (within ``where``), whether it
    is answered, and the field of the outermost model that holds it. A part marked not
    applicable is answered."""
    gaps = getattr(obj, NOT_APPLICABLE, {})
    for spec in fields_of(type(obj)):
        value = getattr(obj, spec.name)
        label = f"{where}{spec.label}"
        holder = top or spec.name
        if spec.key in gaps:
            yield label, True, holder
        elif spec.kind is FieldKind.GROUP:
            yield from _parts(value, f"{label}: ", holder)
        elif spec.kind in (FieldKind.TEXT, FieldKind.TEXT_LIST, FieldKind.ITEMS, FieldKind.DATE) or (
            spec.kind is FieldKind.CHOICE and spec.default is None
        ):
            if spec.extra or (spec.text is not None and spec.text.detail):
                continue
            yield label, is_answered(value), holder


def _answers(obj: BaseModel) -> tuple[int, int]:
    """(answered, answerable) over the fields that can be left empty."""
    answered = total = 0
    for _, done, _ in _parts(obj):
        total += 1
        answered += done
    return answered, total


def first_missing(doc: Document, sec: Section) -> str:
    """The name of the first field of a (non-list) section still empty, where a user sent
    to finish it starts; "" when there is none, or for a list section."""
    if sec.is_list or sec.key in doc.not_applicable:
        return ""
    return next((field for _, done, field in _parts(getattr(doc, sec.key)) if not done), "")


def missing(doc: Document, sec: Section) -> list[str]:
    """What is still empty in a section, as a user finds it: field labels, and for a list
    the item's number and name ("Component 2 (Cache): Technologies")."""
    if sec.key in doc.not_applicable or not sec.in_template:
        return []  # the author's own notes and sections are never "to do"
    value = getattr(doc, sec.key)
    if not sec.is_list:
        return [label for label, done, _ in _parts(value) if not done]
    if not value:
        return [f"no {sec.spec.noun} yet"]
    found = []
    # A choice names nothing alone ("Endpoint 1 (POST)"): the field after it goes with it.
    shown = list(sec.spec.summary_fields[:1])
    if shown and shown[0].kind is FieldKind.CHOICE:
        shown = list(sec.spec.summary_fields[:2])
    for number, item in enumerate(value, 1):
        name = " ".join(str(getattr(item, spec.name)) for spec in shown if getattr(item, spec.name))
        title = f"{sec.spec.noun.capitalize()} {number}" + (f" ({name})" if name else "")
        found += [f"{title}: {label}" for label, done, _ in _parts(item) if not done]
    return found


def section_state(doc: Document, sec: Section) -> SectionState:
    if sec.key in doc.not_applicable:
        return SectionState.COMPLETE
    value = getattr(doc, sec.key)
    if not sec.in_template:
        return SectionState.COMPLETE if _has_content(value) else SectionState.EMPTY
    items = value if sec.is_list else [value]
    if not items:
        return SectionState.EMPTY
    counts = [_answers(item) for item in items]
    answered = sum(count[0] for count in counts)
    total = sum(count[1] for count in counts)
    if answered == total:
        return SectionState.COMPLETE
    return SectionState.PARTIAL if answered or sec.is_list else SectionState.EMPTY


def _has_content(value: Any) -> bool:
    if isinstance(value, BaseModel):
        return any(_has_content(getattr(value, spec.name)) for spec in fields_of(type(value)))
    return is_answered(value)


TEMPLATE_SECTIONS: tuple[Section, ...] = tuple(sec for sec in SECTIONS if sec.in_template)


def progress(doc: Document) -> tuple[int, int]:
    """(complete template sections, all template sections)."""
    states = [section_state(doc, sec) for sec in TEMPLATE_SECTIONS]
    return states.count(SectionState.COMPLETE), len(TEMPLATE_SECTIONS)
