"""ctrl+z and ctrl+y in the full-screen wizard: real keys, the session's one history."""

from textual.widgets import DataTable, Input, TextArea
from tui import drive, row_input, section, section_screen

from screens.tui.dialogs import ItemDialog
from wizard.history import History
from wizard.session import Session


def _session() -> Session:
    session = Session(section="header")
    session.history = History(pause=-1.0)  # pilot keys come faster than any pause: one change each
    return session


def _notices(app: object) -> list[str]:
    return [str(note.message) for note in app._notifications]  # type: ignore[attr-defined]


def test_undo_and_redo_a_typed_field_by_key() -> None:
    session = _session()
    session.history = History()  # typing is one change, as for a user

    async def scenario(app, pilot):
        await pilot.press(*"Shortener")
        await pilot.pause()
        assert session.document.header.title == "Shortener"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.document.header.title == ""
        assert row_input(app, "title").value == ""  # the field shows it, focused
        assert app.focused is row_input(app, "title")
        assert "Undone: Header: System name" in _notices(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert session.document.header.title == "Shortener"
        assert row_input(app, "title").value == "Shortener"

    drive(scenario, session)


def test_undo_takes_the_user_back_to_the_section_of_the_change() -> None:
    session = _session()

    async def scenario(app, pilot):
        app.show_section(section("goals"))
        await pilot.pause()
        await pilot.press("a", *"Latency", "tab", *"p99 < 300 ms", "ctrl+s")
        await pilot.pause()
        assert [goal.name for goal in session.document.goals] == ["Latency"]
        app.show_section(section("summary"))
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press("ctrl+z")  # in a text editor: the document's undo, not the editor's
        await pilot.pause()
        assert section_screen(app).section.key == "goals"
        assert session.document.goals == []
        assert section_screen(app).query_one(DataTable).row_count == 0
        assert "Undone: Architectural Goals: added goal 1" in _notices(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [goal.name for goal in session.document.goals] == ["Latency"]
        assert section_screen(app).query_one(DataTable).row_count == 1

    drive(scenario, session)


def test_in_an_item_dialog_undo_belongs_to_the_dialogs_own_fields() -> None:
    session = _session()

    async def scenario(app, pilot):
        app.show_section(section("goals"))
        await pilot.pause()
        await pilot.press("a", *"Reliability", "ctrl+s")
        await pilot.pause()
        await pilot.press("a", *"Latency")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        await pilot.press("ctrl+z")  # the unsaved item is not in the document: nothing to undo there
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        assert [goal.name for goal in session.document.goals] == ["Reliability"]
        assert isinstance(app.focused, Input) and app.focused.value == "Latency"

    drive(scenario, session)


def test_nothing_to_undo_is_said() -> None:
    session = _session()

    async def scenario(app, pilot):
        await pilot.press("ctrl+z", "ctrl+y")
        await pilot.pause()
        assert {"Nothing to undo", "Nothing to redo"} <= set(_notices(app))

    drive(scenario, session)
