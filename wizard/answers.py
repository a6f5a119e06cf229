"""A section's answers, given one at a time, each checked by the model where it was given.

A front end that asks question by question (the plain prompts) cannot keep
half-typed values in widgets the way the TUI does. It keeps the section here as
raw data instead: an answer is checked by validating the whole section with it,
refused with the model's messages about that very field, and otherwise kept.
The session (and so the draft) takes the section as soon as it is valid as a
whole; until then, only an item still being filled in (a new component with no
name yet) is missing from it.

Locations are relative to the section: ``("horizontal", "api_tier")``,
``(2, "name")`` for the third item of a list section, ``("core", 0, "technology")``.
"""

import copy
from typing import Any

from pydantic import BaseModel

from wizard.gaps import without_mark
from wizard.model.base import NOT_APPLICABLE, is_answered
from wizard.problems import Loc
from wizard.sections import Section, fields_of
from wizard.session import Problems, Session


def _raw(value: Any) -> Any:
    """A validated section or list as the plain data it validates from."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True)
    if isinstance(value, list):
        return [_raw(item) for item in value]
    return value


class SectionAnswers:
    def __init__(self, session: Session, section: Section) -> None:
        self.session = session
        self.key = section.key
        self.raw: Any = _raw(getattr(session.document, section.key))
        self._problems: Problems | None = None  # of ``raw``, once asked

    def value(self, loc: Loc) -> Any:
        node = self.raw
        for part in loc:
            node = node[part]
        return node

    def problems(self, loc: Loc = ()) -> Problems:
        """What the model says about the section as it stands, at ``loc`` and below."""
        found = self.problems_now()
        return [(where[1:], message) for where, message in found if where[1 : len(loc) + 1] == loc]

    def answer(self, loc: Loc, value: Any) -> list[str]:
        """Set the answer at ``loc`` (an index one past a list's end adds to it).

        Returns the model's messages about this answer; then nothing changed.
        """
        candidate = copy.deepcopy(self.raw)
        *path, last = loc
        parent = candidate
        for part in path:
            parent = parent[part]
        if isinstance(parent, list) and last == len(parent):
            parent.append(value)
        else:
            parent[last] = value
            if isinstance(parent, dict) and isinstance(last, str) and is_answered(value):
                without_mark(parent, last)
        validated, found = self.session.trial(self.key, candidate)
        # Refused: what the model says of this answer, and anything new it broke elsewhere (a
        # name made equal to a later item's is reported at that item). What was already wrong
        # (the unanswered rest of an item being filled in) does not count against it.
        before = set(self.problems_now())
        mine = [message for where, message in found if where[1 : len(loc) + 1] == loc]
        mine += [
            message for where, message in found if (where, message) not in before and message not in mine
        ]
        if mine:
            return mine
        self._keep(candidate, validated, found)
        return []

    def marked(self, loc: Loc) -> str | None:
        """The reason the part at ``loc`` is marked not applicable ("" for none), or None."""
        *path, last = loc
        parent = self.value(tuple(path))
        marks = parent.get(NOT_APPLICABLE, {}) if isinstance(parent, dict) else {}
        return marks.get(last) if isinstance(last, str) else None

    def mark_not_applicable(self, loc: Loc, reason: str, blank: Any) -> list[str]:
        """Mark the part at ``loc`` not applicable, its answer cleared to ``blank``."""
        candidate = copy.deepcopy(self.raw)
        *path, last = loc
        parent = candidate
        for part in path:
            parent = parent[part]
        parent[last] = blank
        parent[NOT_APPLICABLE] = {**parent.get(NOT_APPLICABLE, {}), last: reason}
        validated, found = self.session.trial(self.key, candidate)
        mine = [message for where, message in found if where[1 : len(loc)] == tuple(path)]
        if mine:
            return mine
        self._keep(candidate, validated, found)
        return []

    def begin_item(self, loc: Loc, model: type[BaseModel]) -> int:
        """Start a new, unanswered item at the end of the list at ``loc``; its index.

        It reaches the session once its required answers are given.
        """
        items = self.value(loc)
        items.append({spec.key: _raw(spec.default) for spec in fields_of(model)})
        self._problems = None
        return len(items) - 1

    def remove(self, loc: Loc) -> None:
        """Drop the item at ``loc`` (``loc[-1]`` is its index)."""
        candidate = copy.deepcopy(self.raw)
        parent = candidate
        for part in loc[:-1]:
            parent = parent[part]
        del parent[loc[-1]]
        self._keep(candidate, *self.session.trial(self.key, candidate))

    def move(self, loc: Loc, to: int) -> None:
        """Move the item at ``loc`` to position ``to`` of its list."""
        candidate = copy.deepcopy(self.raw)
        parent = candidate
        for part in loc[:-1]:
            parent = parent[part]
        parent.insert(to, parent.pop(loc[-1]))
        self._keep(candidate, *self.session.trial(self.key, candidate))

    def problems_now(self) -> Problems:
        """The model's problems with the section as it stands (locations from the document)."""
        if self._problems is None:
            self._problems = self.session.check(self.key, self.raw)
        return self._problems

    def _keep(self, candidate: Any, validated: Any, problems: Problems) -> None:
        if problems:
            self.raw, self._problems = candidate, problems
            return
        self.session.update(self.key, validated)
        # What the model made of the answers (trimmed, typed) is what is shown next.
        self.raw, self._problems = _raw(validated), []
