"""Undo and redo for a whole editing session, whatever screen or prompt made the change.

Every change reaches the document through the Session, which records here the part of
the document it replaced (a section, or the document's own not-applicable marks) before
and after. Models are never changed in place, so keeping the old object is a snapshot that
costs one reference: a history of hundreds of changes to a 1,000-component list holds the
components once.

Typing is many changes to one field; a run of them, with no pause longer than
``PAUSE_SECONDS``, is undone as one, as a text editor undoes a burst of typing.
"""

import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

from wizard.sections import FieldKind, Section, fields_of

LIMIT = 500  # changes kept; the oldest go first
PAUSE_SECONDS = 1.0


@dataclass(frozen=True)
class Change:
    part: str  # the Document attribute replaced: a section's key, or "not_applicable"
    section: str  # the section the user made it in, where undo takes them back to
    before: Any
    after: Any
    what: str  # how the user would name it: "Header: System name", "Components: added component 3"
    typed: str = ""  # the one text field it typed into; "" for any other change
    place: str = ""  # the one field it changed, where undo puts the focus ("" when several)
    at: float = field(default_factory=time.monotonic)


class History:
    def __init__(self, limit: int = LIMIT, pause: float = PAUSE_SECONDS) -> None:
        self.pause = pause
        self._done: deque[Change] = deque(maxlen=limit)
        self._undone: list[Change] = []

    def record(self, change: Change) -> None:
        last = self._done[-1] if self._done else None
        if (
            last is not None
            and change.typed
            and not self._undone
            and (last.part, last.typed) == (change.part, change.typed)
            and change.at - last.at <= self.pause
        ):
            # The same burst of typing: one change from before the first key to now.
            self._done[-1] = replace(change, before=last.before)
        else:
            self._done.append(change)
        self._undone.clear()

    def undo(self) -> Change | None:
        if not self._done:
            return None
        change = self._done.pop()
        self._undone.append(change)
        return change

    def redo(self) -> Change | None:
        if not self._undone:
            return None
        change = self._undone.pop()
        self._done.append(replace(change, at=0.0))  # a redone change never joins later typing
        return change

    def next_undo(self) -> Change | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Change | None:
        return self._undone[-1] if self._undone else None


def describe(section: Section, before: Any, after: Any) -> tuple[str, str, str]:
    """How a user would name the change from ``before`` to ``after`` in ``section``, the one
    text field it typed into ("" when it is not typing), and the one field it changed."""
    if section.is_list:
        return f"{section.title}: {_list_change(section.spec.noun, before, after)}", "", ""
    changed = [
        spec for spec in fields_of(section.model) if getattr(before, spec.name) != getattr(after, spec.name)
    ]
    if len(changed) == 1:
        spec = changed[0]
        if spec.kind is FieldKind.TEXT_LIST or spec.kind is FieldKind.ITEMS:
            detail = _list_change(
                spec.noun if spec.model else "entry", getattr(before, spec.name), getattr(after, spec.name)
            )
            return f"{section.title}: {spec.label}, {detail}", "", spec.name
        typing = spec.kind is FieldKind.TEXT or spec.kind is FieldKind.NUMBER
        return f"{section.title}: {spec.label}", spec.name if typing else "", spec.name
    if not changed:
        return f"{section.title}: not applicable marks", "", ""
    return f"{section.title}: {len(changed)} fields", "", ""


def _list_change(noun: str, before: list[Any], after: list[Any]) -> str:
    if len(after) == len(before) + 1:
        at = next(
            (i for i, (old, new) in enumerate(zip(before, after, strict=False)) if old != new), len(before)
        )
        return f"added {noun} {at + 1}"
    if len(after) == len(before) - 1:
        at = next(
            (i for i, (old, new) in enumerate(zip(before, after, strict=False)) if old != new), len(after)
        )
        return f"deleted {noun} {at + 1}"
    differ = (
        [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        if len(before) == len(after)
        else []
    )
    if len(differ) == 2 and before[differ[0]] == after[differ[1]] and before[differ[1]] == after[differ[0]]:
        return f"moved {noun} {differ[0] + 1}"
    if len(differ) == 1:
        return f"edited {noun} {differ[0] + 1}"
    return f"changed {len(differ) or 'the'} {noun}s" if differ else "changed the list"
