"""Undo and redo: every change through the session can be taken back and made again, exactly."""

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from strategies import examples

from wizard.history import Change, History
from wizard.model import Document
from wizard.session import Session


def _session(pause: float = 1.0) -> Session:
    session = Session()
    session.history = History(pause=pause)
    return session


def test_a_burst_of_typing_in_one_field_is_undone_at_once() -> None:
    session = _session()
    for typed in ("U", "UR", "URL", "URL shortener"):
        assert session.update("header", {"title": typed}) == []
    change = session.undo()
    assert change is not None and change.what == "Header: System name"
    assert session.document.header.title == ""
    assert session.undo() is None  # nothing before it
    assert session.redo() is not None
    assert session.document.header.title == "URL shortener"


def test_a_pause_or_another_field_starts_a_new_change() -> None:
    session = _session(pause=-1.0)  # every keystroke is after a "pause"
    session.update("header", {"title": "a"})
    session.update("header", {"title": "ab"})
    session.undo()
    assert session.document.header.title == "a"
    session = _session()
    session.update("header", {"title": "a"})
    session.update("header", {"title": "a", "version": "1.0.0"})
    session.update("header", {"title": "ab", "version": "1.0.0"})
    session.undo()
    assert (session.document.header.title, session.document.header.version) == ("a", "1.0.0")


def test_initial_values_and_refused_input_are_not_changes() -> None:
    session = _session()
    session.update("header", {"title": ""})  # a widget reporting what it was given
    assert session.history.next_undo() is None and session.edits == 0
    problems = session.update("header", {"title": "ok", "last_updated": "not a date"})
    assert problems and session.document.header.title == "ok"  # the valid answer is kept...
    assert session.undo() is not None and session.document.header.title == ""  # ...and undoable


def test_list_changes_say_what_happened_to_which_item() -> None:
    session = _session()
    names = ["Api", "Store", "Worker"]
    for count in range(1, 4):
        session.update("components", [{"name": name} for name in names[:count]])
    session.update("components", [{"name": "Api"}, {"name": "Worker"}, {"name": "Store"}])
    session.update("components", [{"name": "Api"}, {"name": "Worker"}])
    whats = []
    while (change := session.undo()) is not None:
        whats.append(change.what)
    assert whats == [
        "Components: deleted component 3",
        "Components: moved component 2",
        "Components: added component 3",
        "Components: added component 2",
        "Components: added component 1",
    ]
    assert session.document.components == []


def test_marks_are_undone_without_touching_earlier_history() -> None:
    session = _session()
    session.update("scalability", {"horizontal": {"api_tier": "add pods"}})
    assert session.mark_not_applicable("scalability", ("horizontal", "database_tier"), "one node") == ""
    assert session.mark_not_applicable("security", (), "internal tool") == ""
    marked = session.document.model_copy(deep=True)
    assert (change := session.undo()) is not None and "security" not in session.document.not_applicable
    assert change.what == "Security: the section marked not applicable"
    assert (
        change := session.undo()
    ) is not None and not session.document.scalability.horizontal.not_applicable
    # Named as the user knows the part: its label, not its key.
    assert change.what == "Scalability: Horizontal Scaling, Database Tier marked not applicable"
    assert session.undo() is not None and session.document.scalability.horizontal.api_tier == ""
    for _ in range(3):
        session.redo()
    assert session.document == marked


def test_a_new_change_after_undo_drops_what_could_be_redone() -> None:
    session = _session()
    session.update("header", {"title": "one"})
    session.undo()
    session.update("summary", {"text": "two"})
    assert session.redo() is None
    assert session.document.header.title == "" and session.document.summary.text == "two"


def test_history_is_bounded() -> None:
    history = History(limit=3, pause=-1.0)
    for number in range(5):
        history.record(Change("header", "header", number, number + 1, str(number)))
    undone = [change.what for change in iter(history.undo, None)]
    assert undone == ["4", "3", "2"]


_names = st.text(alphabet="abcdefgh ", min_size=1, max_size=6).map(str.strip).filter(bool)


class EditsAndUndo(RuleBasedStateMachine):
    """Random edits, undos and redos: the document is always exactly one it has been."""

    @initialize()
    def start(self) -> None:
        self.session = _session(pause=-1.0)
        self.timeline: list[Document] = [Document()]  # every state, the current one at `at`
        self.at = 0

    def _edited(self) -> None:
        if self.session.document != self.timeline[self.at]:
            del self.timeline[self.at + 1 :]
            self.timeline.append(self.session.document.model_copy(deep=True))
            self.at += 1

    @rule(title=_names)
    def type_a_title(self, title: str) -> None:
        self.session.update("header", {**self.session.document.header.model_dump(), "title": title})
        self._edited()

    @rule(text=_names)
    def write_the_summary(self, text: str) -> None:
        self.session.update("summary", {"text": text})
        self._edited()

    @rule(name=_names)
    def add_a_component(self, name: str) -> None:
        items: list[Any] = list(self.session.document.components)
        if name not in [item.name for item in items]:
            self.session.update("components", [*items, {"name": name}])
            self._edited()

    @precondition(lambda self: len(self.session.document.components) > 1)
    @rule(data=st.data())
    def move_or_delete_a_component(self, data: st.DataObject) -> None:
        items = list(self.session.document.components)
        at = data.draw(st.integers(0, len(items) - 2))
        if data.draw(st.booleans()):
            items[at], items[at + 1] = items[at + 1], items[at]
        else:
            del items[at]
        self.session.update("components", items)
        self._edited()

    @rule(reason=st.one_of(st.none(), _names))
    def mark_security(self, reason: str | None) -> None:
        self.session.mark_not_applicable("security", (), reason)
        self._edited()

    @rule()
    def undo(self) -> None:
        if self.session.undo() is not None:
            self.at -= 1

    @rule()
    def redo(self) -> None:
        if self.session.redo() is not None:
            self.at += 1

    @invariant()
    def the_document_is_the_one_at_this_point_of_its_history(self) -> None:
        if hasattr(self, "session"):
            assert self.session.document == self.timeline[self.at]


EditsAndUndo.TestCase.settings = settings(max_examples=examples(60), stateful_step_count=30, deadline=None)
test_edits_undo_and_redo = EditsAndUndo.TestCase
