"""One editing session: the document being written, where it came from and where it goes.

Every interactive front end edits the document through a Session, so the rules
for applying an answer, remembering which sections hold input the model refused,
and writing the results live in one place. The model only ever holds valid
answers; what the user typed that is not valid yet stays in the front end.
"""

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wizard.autosave import Autosave, PendingSave
from wizard.drafts import Draft
from wizard.errors import InputError
from wizard.gaps import holds_answer, keep_marks
from wizard.history import Change, History, describe
from wizard.model import Document
from wizard.outputs import DEFAULT_OUTPUT
from wizard.ownership import is_sidecar
from wizard.problems import Loc, describe_all
from wizard.sections import SECTIONS, Section, SectionState, fields_of, section_state
from wizard.writing import write_document

Problems = list[tuple[Loc, str]]
_SECTION = {section.key: section for section in SECTIONS}


def _name(owner: Any, key: str) -> str:
    """The attribute of ``owner`` whose TOML key is ``key`` (they differ for ``schema``)."""
    fields: dict[str, Any] = type(owner).model_fields
    return next((name for name, info in fields.items() if (info.alias or name) == key), key)


def _part_label(section: Section, path: tuple[str, ...]) -> str:
    """How the user knows the part at ``path``: its fields' labels ("Horizontal Scaling,
    Database Tier"), not their keys."""
    if not path:
        return "the section"
    labels: list[str] = []
    model: type[BaseModel] | None = section.model
    for part in path:
        specs = fields_of(model) if model is not None else ()
        spec = next((spec for spec in specs if part in (spec.key, spec.name)), None)
        labels.append(spec.label if spec else part)
        model = spec.model if spec else None
    return ", ".join(labels)


@dataclass
class Session:
    document: Document = field(default_factory=Document)
    source: Path | None = None  # the sidecar being edited, if any
    invalid: dict[str, int] = field(default_factory=dict)  # section key -> refused answers
    edits: int = 0  # accepted changes; front ends compare it to know when to save or redraw
    section: str = ""  # the key of the section being edited, recorded in the draft
    autosave: Autosave = field(default_factory=Autosave)  # the draft, and how its last save went
    written_edits: int = 0  # ``edits`` when the Markdown and sidecar were last written
    backups: list[Path] = field(default_factory=list)  # old files kept aside by the last write
    output: Path | None = None  # where the user last chose to write the document
    # Section states, dropped when their section changes: a 1,000-item list costs
    # milliseconds to assess, and the section list asks on every move.
    _states: dict[str, SectionState] = field(default_factory=dict, repr=False)
    history: History = field(default_factory=History, repr=False)

    def update(self, key: str, value: Any) -> Problems:
        """Set a section from its editor's raw values; the problems come back located.

        When some answers are invalid, the valid ones are still kept, so an
        error in one field never holds back (or loses) the rest of the section.
        """
        before = getattr(self.document, key)
        value = keep_marks(before, value)
        self._states.pop(key, None)
        try:
            setattr(self.document, key, value)
        except ValidationError as error:
            problems = describe_all(error)
        else:
            self.invalid.pop(key, None)
            self._recorded(key, before)
            return []
        if isinstance(value, dict):
            self._keep_valid(key, value, {loc[1] for loc, _ in problems if len(loc) > 1})
            self._recorded(key, before)
        self.invalid[key] = len(problems)
        return problems

    def _recorded(self, key: str, before: Any) -> None:
        """Count a real change to section ``key`` and keep it for undo. Widgets report their
        initial values too: only a value that differs is an edit."""
        after = getattr(self.document, key)
        if after is before or after == before:
            return
        self.edits += 1
        section = _SECTION[key]
        what, typed, place = describe(section, before, after)
        self.history.record(Change(key, key, before, after, what, typed, place))

    def _keep_valid(self, key: str, value: dict[str, Any], bad: set[str | int]) -> None:
        current = getattr(self.document, key)
        names = {info.alias or name: name for name, info in type(current).model_fields.items()}
        bad_names = {names.get(str(part), part) for part in bad}
        kept = {name: getattr(current, name) if name in bad_names else raw for name, raw in value.items()}
        with contextlib.suppress(ValidationError):  # a rule across fields failed: keep the last valid section
            setattr(self.document, key, kept)

    def _owner_of(self, key: str, path: tuple[str, ...]) -> tuple[Any, str]:
        """The model that holds the part at ``path`` of section ``key``, and the part's key
        there (``()`` is the whole section, held by the document)."""
        owner: Any = self.document
        for part in (key, *path[:-1]) if path else ():
            owner = getattr(owner, _name(owner, part))
        return owner, path[-1] if path else key

    def not_applicable_reason(self, key: str, path: tuple[str, ...]) -> str | None:
        """Why the part at ``path`` of section ``key`` does not apply ("" for no reason given),
        or None when it is not marked."""
        owner, last = self._owner_of(key, path)
        reason = owner.not_applicable.get(last)
        return None if reason is None else str(reason)

    def mark_not_applicable(self, key: str, path: tuple[str, ...], reason: str | None) -> str:
        """Mark the part at ``path`` of section ``key`` (``()``: the whole section) as not
        applicable with ``reason``, or take the mark back (``reason`` None).

        A part that holds an answer is not marked: the answer would have to go, and
        what a user typed is never dropped by a side effect. Returns why it was not
        done, or "".
        """
        owner, last = self._owner_of(key, path)
        if reason is not None and holds_answer(getattr(owner, _name(owner, last))):
            return "it has an answer; clear it first: a part that does not apply has none"
        marks = dict(owner.not_applicable)
        if reason is None:
            marks.pop(last, None)
        else:
            marks[last] = reason
        if marks == owner.not_applicable:
            return ""
        # Changed in a copy, never in place: undo keeps the section as it was.
        part = key if path else "not_applicable"
        before = getattr(self.document, part)
        changed = before.model_copy(deep=True) if path else marks
        if path:
            owner = changed
            for name in path[:-1]:
                owner = getattr(owner, _name(owner, name))
        try:
            if path:
                owner.not_applicable = marks
            setattr(self.document, part, changed)
        except ValidationError as error:
            return "; ".join(message for _, message in describe_all(error))
        self._states.pop(key, None)
        self.edits += 1
        section = _SECTION[key]
        where = f"{section.title}: {_part_label(section, path)}"
        what = f"{where} marked not applicable" if reason is not None else f"{where}, mark taken back"
        place = path[0] if path else ""
        self.history.record(Change(part, key, before, getattr(self.document, part), what, place=place))
        return ""

    def undo(self) -> Change | None:
        """Take back the last change, wherever it was made; None when there is none."""
        change = self.history.undo()
        if change is not None:
            self._restore(change, change.before)
        return change

    def redo(self) -> Change | None:
        """Make the last undone change again; None when there is none."""
        change = self.history.redo()
        if change is not None:
            self._restore(change, change.after)
        return change

    def _restore(self, change: Change, value: Any) -> None:
        setattr(self.document, change.part, value)
        # What a front end still held as refused input for that section is replaced too.
        self.invalid.pop(change.section, None)
        self._states.clear()
        self.edits += 1

    def check(self, key: str, value: Any) -> Problems:
        """The problems ``value`` would have as the section ``key``, changing nothing."""
        return self.trial(key, value)[1]

    def trial(self, key: str, value: Any) -> tuple[Any, Problems]:
        """``value`` validated as the section ``key``, changing nothing: (the validated
        section, []) or (None, its problems). Given to ``update``, the validated section
        is taken without being validated field by field again."""
        trial = self.document.model_copy()
        value = keep_marks(getattr(self.document, key), value)
        try:
            setattr(trial, key, value)
        except ValidationError as error:
            return None, describe_all(error)
        return getattr(trial, key), []

    @classmethod
    def resumed(cls, draft: Draft) -> "Session":
        """Pick up a draft where it was left: its document, its file, its section."""
        return cls(
            draft.document, section=draft.section, autosave=Autosave(draft.path, saved_section=draft.section)
        )

    @property
    def unsaved(self) -> bool:
        """The draft lags behind: an edit, or a move to another section (resume returns there)."""
        return self.autosave.lags(self.edits, self.section)

    def save(self) -> bool:
        """Save the draft if anything changed; False (with ``autosave.error`` set) when it failed.

        A failure (full disk, read-only folder) is not fatal: editing goes on in
        memory and the next save tries again.
        """
        pending = self.prepare_save()
        if pending is None:
            return self.autosave.path is not None or not self.unsaved
        return self.autosave.finish(pending, pending.write())

    def prepare_save(self) -> PendingSave | None:
        """The draft's bytes as the document stands, to write now or on another thread."""
        return self.autosave.prepare(self.document, self.edits, self.section)

    def state(self, section: Section) -> SectionState:
        if self.invalid.get(section.key):
            return SectionState.INVALID
        if section.key not in self._states:
            self._states[section.key] = section_state(self.document, section)
        return self._states[section.key]

    def default_output(self) -> Path:
        """Where the user last chose to write it; else beside the sidecar being edited, else
        ARCHITECTURE.md in the current folder.

        A spec of the user's own (``archwiz init``'s, or hand-written: comments, their
        layout) is not a sidecar to be rewritten, so its document goes to ARCHITECTURE.md
        in its folder, whose sidecar is then archwiz's.
        """
        if self.output is not None:
            return self.output  # the user's own choice, for the rest of the session
        if self.source is None:
            return Path(DEFAULT_OUTPUT)
        if is_sidecar(self.source):
            return self.source.with_suffix(".md")
        return self.source.with_name(DEFAULT_OUTPUT)

    def write(self, markdown_path: Path, *, force: bool = False) -> tuple[Path, Path]:
        """Write the Markdown and its sidecar atomically, as ``archwiz --from`` would.

        Raises WouldReplace when a file in the way is not archwiz's unchanged output:
        a front end asks, then calls again with ``force`` (the old file is kept).
        """
        sidecar_path = markdown_path.with_suffix(".toml")
        targets = {os.path.abspath(markdown_path), os.path.abspath(sidecar_path)}
        draft = self.autosave.path
        if draft is not None and os.path.abspath(draft) in targets:
            raise InputError(f"{draft} is where this session's draft is saved; name the document otherwise")
        self.backups = write_document(self.document, markdown_path, source=self.source, force=force)
        self.written_edits = self.edits
        self.output = markdown_path
        return markdown_path, sidecar_path

    @property
    def at_risk(self) -> bool:
        """Accepted answers that are neither in a saved draft nor in written files."""
        return self.edits not in (self.autosave.saved_edits, self.written_edits)
