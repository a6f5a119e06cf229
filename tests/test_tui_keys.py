"""The key rules a user can guess: Enter moves on, and saves on a dialog's last field."""

from textual import events
from textual.widgets import DataTable, Input, Select, Static, TextArea
from tui import drive, row, row_input, section

from screens.tui.dialogs import ItemDialog
from screens.tui.list_editor import ListEditor
from wizard.session import Session


def test_enter_in_a_one_line_field_goes_to_the_next_field() -> None:
    session = Session(section="header")

    async def scenario(app, pilot):
        await pilot.press(*"Shortener", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Select)  # status, the next field
        assert session.document.header.title == "Shortener"
        await pilot.press("tab", *"1.0.0", "enter")
        await pilot.pause()
        assert app.focused is not row_input(app, "version") and session.document.header.version == "1.0.0"

    drive(scenario, session)


def test_the_footer_says_what_enter_does_in_a_one_line_field() -> None:
    session = Session(section="header")

    def enter_says(app) -> str:
        return app.screen.active_bindings["enter"].binding.description

    async def scenario(app, pilot):
        assert isinstance(app.focused, Input)
        assert enter_says(app) == "Next"
        app.show_section(section("components"))
        await pilot.pause()
        await pilot.press("a", "tab", "tab", "a")  # a component, then a technology: one field
        await pilot.pause()
        assert isinstance(app.focused, Input) and enter_says(app) == "Save"
        await pilot.press(*"Go", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog) and app.screen.query_one(ListEditor).items == ["Go"]

    drive(scenario, session)


def test_enter_walks_a_dialog_and_saves_on_its_last_field() -> None:
    session = Session(section="header")

    async def scenario(app, pilot):
        app.show_section(section("goals"))
        await pilot.pause()
        await pilot.press("a", *"Latency", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)  # not saved yet: Enter went to the next field
        assert isinstance(app.focused, TextArea)  # the target, where Enter is a new line
        await pilot.press(*"p99 < 300 ms", "ctrl+s")
        await pilot.pause()
        assert [(goal.name, goal.target) for goal in session.document.goals] == [("Latency", "p99 < 300 ms")]

    drive(scenario, session)


def test_lines_pasted_on_a_list_of_texts_become_one_entry_each() -> None:
    session = Session(section="context")

    async def scenario(app, pilot):
        await pilot.press("tab")  # the second list: technical constraints
        await pilot.pause()
        constraints = app.focused
        assert isinstance(constraints, DataTable)
        constraints.post_message(
            events.Paste("Create a code for any URL\r\n\r\n  Redirect fast  \nScale out")
        )
        await pilot.pause()
        assert session.document.context.technical_constraints == [
            "Create a code for any URL",
            "Redirect fast",
            "Scale out",
        ]
        await pilot.press("shift+tab", "ctrl+z")  # one paste, one change, undone from elsewhere
        await pilot.pause()
        assert session.document.context.technical_constraints == []
        assert isinstance(app.focused, DataTable) and app.focused.row_count == 0
        assert row(app, "technical_constraints") in app.focused.ancestors  # focus where it was

    drive(scenario, session)


def test_a_refused_pasted_line_adds_nothing_and_says_which() -> None:
    session = Session(section="components")

    async def scenario(app, pilot):
        await pilot.press("a", *"Api", "enter")  # to the responsibility editor
        await pilot.press("tab")  # the technologies list
        app.focused.post_message(events.Paste("Go\nbad\x1b[31m\n" + "x" * 500))
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ItemDialog)
        editor = dialog.query_one(ListEditor)
        assert editor.items == []
        assert "pasted line 3 was refused" in str(editor.query_one(".field-error", Static).render())

    drive(scenario, session)


def test_enter_on_a_sections_last_field_goes_on_to_the_next_section() -> None:
    session = Session(section="header")

    async def scenario(app, pilot):
        await pilot.press(*"Shortener", "enter", "tab", *"1.0.0", "enter")
        await pilot.pause()
        assert app.focused is row_input(app, "last_updated")
        assert app.screen.active_bindings["enter"].binding.description == "Next section"
        await pilot.press(*"2026-01-02", "enter")
        await pilot.pause()
        assert app.screen.section.key == "summary"
        assert str(session.document.header.last_updated) == "2026-01-02"

    drive(scenario, session)


def test_keys_typed_fast_on_a_list_open_one_dialog_and_the_rest_is_its_text() -> None:
    """A paste the terminal sends as keys ("a", "a", ...) once stacked a dialog per "a"."""
    from tui import type_ahead

    session = Session(section="goals")

    async def scenario(app, pilot):
        assert isinstance(app.focused, DataTable)
        await type_ahead(app, pilot, *"a cat and a dog")
        await pilot.pause()
        dialogs = [screen for screen in app.screen_stack if isinstance(screen, ItemDialog)]
        assert len(dialogs) == 1
        await pilot.press("escape")  # typed text in it: asks before discarding
        await pilot.pause()
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert not any(isinstance(screen, ItemDialog) for screen in app.screen_stack)
        assert session.document.goals == []

    drive(scenario, session)


def test_f1_explains_a_dialogs_field_and_a_question_shows_its_own_keys() -> None:
    from screens.tui.dialogs import ConfirmDialog, HelpDialog

    session = Session(section="components")

    async def scenario(app, pilot):
        await pilot.press("a", *"Api", "enter")  # on the responsibility editor of the dialog
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog) and app.screen.spec.name == "responsibility"
        await pilot.press("escape", "escape")  # closes the help, then asks about the typed name
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        footer = " ".join(str(key.description) for key in app.screen.query("FooterKey"))
        assert "Cancel" in footer and "Save item" not in footer and "Help" not in footer

    drive(scenario, session)


def test_a_list_tabbed_to_in_a_dialog_is_shown_whole() -> None:
    """Tab onto a dialog's list scrolled only its header into view: a paste said "Added 2
    entries." while the entries stayed below the dialog's edge."""
    session = Session(section="components")

    async def scenario(app, pilot):
        await pilot.press("a", *"Api", "enter", "tab")  # the technologies list
        await pilot.pause()
        table = app.focused
        assert isinstance(table, DataTable)
        table.post_message(events.Paste("Go\nRedis"))
        await pilot.pause()
        await pilot.pause()
        body = app.screen.query_one(".dialog-body")
        assert table.row_count == 2
        assert body.region.y <= table.region.y and table.region.bottom <= body.region.bottom

    drive(scenario, session)


def test_after_a_refused_save_a_dialogs_marks_follow_the_fields_as_typed() -> None:
    """A newcomer fixed a refused status (2019 to 201) and the error stayed until the next save."""
    from tui import error_text

    session = Session(section="endpoints")

    async def scenario(app, pilot):
        await pilot.press("a", *"/api/v1/links")
        status = row_input(app, "response_status")
        status.value = "2019"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        assert "599" in error_text(row(app, "response_status"))
        status.value = "201"
        await pilot.pause()
        assert error_text(row(app, "response_status")) == ""  # fixed: the mark is gone, unsaved
        assert isinstance(app.screen, ItemDialog) and session.document.endpoints == []
        status.value = "20x"
        await pilot.pause()
        assert error_text(row(app, "response_status"))  # a new mistake is marked at once

    drive(scenario, session)
