"""The Textual wizard, driven with real key presses through Textual's Pilot."""

from datetime import date
from pathlib import Path

from conftest import COMPLETE, GOLDEN, run_archwiz
from textual.widgets import Checkbox, DataTable, Input, Markdown, OptionList, Select, TextArea
from tui import (
    drive,
    error_text,
    eventually,
    load_document,
    row,
    row_input,
    screen_text,
    section,
    section_screen,
    static_text,
)

from screens.tui.app import ArchwizApp
from screens.tui.dialogs import ConfirmDialog, HelpDialog, ItemDialog
from screens.tui.list_editor import ListEditor
from screens.tui.review import ReviewScreen
from screens.tui.section import SectionScreen
from screens.tui.sidebar import SectionList
from screens.tui.start import StartScreen
from wizard.autosave import Autosave
from wizard.model import Document
from wizard.model.design import Component, Entity
from wizard.model.overview import Goal
from wizard.sections import SECTIONS, FieldKind, SectionState
from wizard.session import Session


def new_session() -> Session:
    return Session(Document())


def test_start_screen_starts_a_new_document_at_the_first_section() -> None:
    async def scenario(app, pilot):
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = section_screen(app)
        assert screen.section.key == "header"
        assert isinstance(app.focused, Input)  # ready to type the system name

    app = drive(scenario)
    assert app.session is not None


def test_typing_fills_the_model_field_by_field() -> None:
    session = new_session()

    async def scenario(app, pilot):
        await pilot.press(*"Payments Platform")
        # Status starts "Not answered": down to Proposed, down to Active.
        await pilot.press("tab", "enter", "down", "down", "enter")
        await pilot.press("tab", *"1.2.0", "tab", *"2026-11-20")
        await pilot.pause()

    drive(scenario, session)
    header = session.document.header
    assert (header.title, header.status, header.version, header.last_updated) == (
        "Payments Platform",
        "Active",
        "1.2.0",
        date(2026, 11, 20),
    )


def test_a_validation_error_appears_while_typing_and_clears_when_fixed() -> None:
    session = new_session()

    async def scenario(app, pilot):
        row_input(app, "version").focus()
        await pilot.press(*"1.x")
        await pilot.pause()
        version = row(app, "version")
        assert "must be a version like 1.4.0" in error_text(version)
        assert session.state(section("header")) is SectionState.INVALID
        assert session.document.header.version == ""  # the model never holds an invalid answer
        assert "✗ 1 Header" in screen_text(app)
        await pilot.press("backspace", *"0.0")
        await pilot.pause()
        assert error_text(version) == ""
        assert session.document.header.version == "1.0.0"
        assert session.state(section("header")) is not SectionState.INVALID

    drive(scenario, session)


def test_valid_answers_are_kept_while_another_field_is_invalid() -> None:
    session = new_session()

    async def scenario(app, pilot):
        row_input(app, "last_updated").focus()
        await pilot.press(*"2026-13-01")  # no 13th month
        row_input(app, "title").focus()
        await pilot.press(*"Ledger")
        await pilot.pause()
        assert "date" in error_text(row(app, "last_updated"))

    drive(scenario, session)
    assert session.document.header.title == "Ledger"
    assert session.document.header.last_updated is None


def test_next_back_and_jump_by_key_and_by_button() -> None:
    async def scenario(app, pilot):
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert section_screen(app).section.key == "summary"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert section_screen(app).section.key == "header"
        await pilot.press("f2")  # the section list, then down to "6 Components"
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert section_screen(app).section.key == "components"
        await pilot.click("#next")
        await pilot.pause()
        assert section_screen(app).section.key == "entities"
        await pilot.click("#back")
        await pilot.pause()
        assert section_screen(app).section.key == "components"

    drive(scenario, new_session())


def test_next_from_the_last_section_opens_the_review() -> None:
    async def scenario(app, pilot):
        app.show_section(SECTIONS[-1])
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert section_screen(app).section.key == SECTIONS[-1].key

    drive(scenario, new_session())


def test_list_editor_adds_edits_reorders_and_deletes_items() -> None:
    session = new_session()

    async def scenario(app, pilot):
        app.show_section(section("goals"))
        await pilot.pause()
        assert isinstance(app.focused, DataTable)
        for name, target in (("Reliability", "99.95%"), ("Latency", "p99 < 300 ms")):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ItemDialog)
            await pilot.press(*name, "tab", *target, "ctrl+s")
            await pilot.pause()
        assert [goal.name for goal in session.document.goals] == ["Reliability", "Latency"]
        # The cursor is on the new item; edit it.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab", *"Checkout feels instant", "ctrl+s")
        await pilot.pause()
        assert session.document.goals[1].why == "Checkout feels instant"
        await pilot.press("left_square_bracket")  # move it up
        await pilot.pause()
        assert [goal.name for goal in session.document.goals] == ["Latency", "Reliability"]
        await pilot.press("d", "y")  # letters never delete: the Delete key does, after asking
        await pilot.pause()
        assert len(session.document.goals) == 2 and not isinstance(app.screen, ConfirmDialog)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y", "enter")  # "y" is no answer; Enter presses Cancel, which has focus
        await pilot.pause()
        assert len(session.document.goals) == 2 and not isinstance(app.screen, ConfirmDialog)
        await pilot.press("delete", "shift+tab", "enter")  # the Delete button, chosen on purpose
        await pilot.pause()
        assert [goal.name for goal in session.document.goals] == ["Reliability"]
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1

    drive(scenario, session)


def test_the_item_dialog_refuses_an_invalid_item_and_cancel_adds_nothing() -> None:
    session = new_session()

    async def scenario(app, pilot):
        app.show_section(section("components"))
        await pilot.pause()
        await pilot.press("a", "ctrl+s")  # no name
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        assert "must not be empty" in error_text(row(app, "name"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)

    drive(scenario, session)
    assert session.document.components == []


def test_a_duplicate_entity_name_is_refused_in_the_dialog() -> None:
    session = Session(Document(entities=[Entity(name="Payment")]))

    async def scenario(app, pilot):
        app.show_section(section("entities"))
        await pilot.pause()
        await pilot.press("a", *"Payment", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        assert "duplicate entity name 'Payment'" in error_text(row(app, "name"))

    drive(scenario, session)
    assert len(session.document.entities) == 1


def test_a_text_list_item_is_added_with_a_then_enter_or_ctrl_s_for_markdown() -> None:
    session = new_session()

    async def scenario(app, pilot):
        app.show_section(section("context"))
        await pilot.pause()
        # Focus is on the first list (Business Requirements): its items are Markdown, so
        # Enter starts a new line in the item and ctrl+s saves it.
        await pilot.press("a", *"Merchants are paid daily", "enter", *"- within a day", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)

    drive(scenario, session)
    assert session.document.context.business_requirements == ["Merchants are paid daily\n- within a day"]


def test_every_section_screen_is_generated_with_a_widget_per_field_kind() -> None:
    widget_for = {
        FieldKind.CHOICE: Select,
        FieldKind.FLAG: Checkbox,
        FieldKind.ITEMS: ListEditor,
        FieldKind.TEXT_LIST: ListEditor,
        FieldKind.DATE: Input,
        FieldKind.NUMBER: Input,
    }

    async def scenario(app, pilot):
        for sec in SECTIONS:
            app.show_section(sec)
            await pilot.pause()
            screen = section_screen(app)
            assert screen.section is sec
            if sec.is_list:
                assert isinstance(screen.editor, ListEditor)
                continue
            for spec in sec.fields:
                editor = row(app, spec.name).editor
                if spec.kind in widget_for:
                    assert isinstance(editor, widget_for[spec.kind]), (sec.key, spec.name)
                elif spec.kind is FieldKind.TEXT and spec.text and spec.text.multiline:
                    assert isinstance(editor, TextArea), (sec.key, spec.name)

    drive(scenario, new_session())


def test_help_shows_the_focused_fields_help_and_example_from_the_model() -> None:
    async def scenario(app, pilot):
        row_input(app, "version").focus()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = screen_text(app)
        assert "Version of this document, as X.Y.Z." in text
        assert "1.0.0" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)

    drive(scenario, new_session())


def test_the_preview_shows_the_section_and_follows_typing() -> None:
    async def scenario(app, pilot):
        await pilot.press("f3")
        await pilot.pause()
        preview = app.screen.query_one("#preview", Markdown)
        assert preview.display
        await pilot.press(*"Ledger")
        await eventually(pilot, lambda: "Ledger Architecture" in screen_text(app))
        assert "Ledger Architecture" in screen_text(app)
        assert preview.source.startswith("# Ledger Architecture")
        await pilot.press("f3")
        await pilot.pause()
        assert not preview.display

    drive(scenario, new_session())


def test_the_review_writes_the_same_bytes_as_archwiz_from(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    target = tmp_path / "docs" / "ARCH.md"
    target.parent.mkdir()

    async def scenario(app, pilot):
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        path = app.screen.query_one("#review-path", Input)
        path.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "Wrote" in screen_text(app)
        await pilot.press("escape", "ctrl+q")  # written: quitting does not ask
        await pilot.pause()

    app = drive(scenario, session)
    assert app.return_value == [target, target.with_suffix(".toml")]
    expected = tmp_path / "expected.md"
    result = run_archwiz("--from", str(COMPLETE), "-o", str(expected))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == expected.read_bytes()
    assert target.with_suffix(".toml").read_bytes() == expected.with_suffix(".toml").read_bytes()


def test_a_document_typed_by_keys_renders_like_its_sidecar(tmp_path: Path) -> None:
    session = new_session()
    target = tmp_path / "ARCHITECTURE.md"

    async def scenario(app, pilot):
        await pilot.press(*"Ledger", "tab", "tab", *"0.1.0")
        await pilot.press("ctrl+n", *"Keeps the books.", "ctrl+n", "ctrl+n")
        await pilot.press("a", *"Correctness", "tab", *"Zero lost entries", "ctrl+s")
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one("#review-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()

    drive(scenario, session)
    again = tmp_path / "again.md"
    result = run_archwiz("--from", str(target.with_suffix(".toml")), "-o", str(again))
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == target.read_bytes()
    assert "# Ledger Architecture" in target.read_text()
    assert "Zero lost entries" in target.read_text()


def test_the_review_reports_a_write_error_without_leaving(tmp_path: Path) -> None:
    session = new_session()

    async def scenario(app, pilot):
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one("#review-path", Input).value = str(tmp_path / "A.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "name the Markdown file" in static_text(app, "#review-result")

    drive(scenario, session)
    assert list(tmp_path.iterdir()) == []


def test_quit_asks_first_when_changes_are_not_written() -> None:
    async def scenario(app, pilot):
        await pilot.press(*"x", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("ctrl+q", "shift+tab", "enter")
        await pilot.pause()

    app = drive(scenario, new_session())
    assert app.return_value == []


def test_quit_asks_first_when_an_answer_is_not_valid_yet_even_with_a_saved_draft(tmp_path: Path) -> None:
    session = Session(Document(), autosave=Autosave(tmp_path / "draft.toml"))

    async def scenario(app, pilot):
        row_input(app, "version").focus()
        await pilot.press(*"1.x", "ctrl+q")  # refused by the model: only the field holds it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "1 answer is not valid yet, so not saved" in screen_text(app)
        await pilot.press("escape", "backspace", "0", ".", "0", "ctrl+q")  # fixed: 1.0.0 is saved
        await pilot.pause()

    app = drive(scenario, session)
    assert app.return_value == []  # quit without asking again
    assert session.document.header.version == "1.0.0"


def test_the_start_screen_opens_a_sidecar_and_reports_a_broken_one(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[header]\nversion = "one"\n')

    async def scenario(app, pilot):
        await pilot.press("down", "enter")
        await pilot.pause()
        app.screen.query_one("#open-path", Input).value = str(broken)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        text = static_text(app, "#open-error")
        assert "broken.toml:2: header.version: must be a version like 1.4.0" in text
        app.screen.query_one("#open-path", Input).value = str(COMPLETE)
        await pilot.press("enter")
        await pilot.pause()
        assert section_screen(app).section.key == "header"

    app = drive(scenario)
    assert app.session is not None
    assert app.session.document.header.title == "Tillpoint Payments Platform"
    # A spec of the user's own is not rewritten as a sidecar: the document goes beside it.
    assert app.session.default_output() == COMPLETE.with_name("ARCHITECTURE.md")


def test_the_section_list_shows_state_and_progress() -> None:
    session = Session(load_document(COMPLETE))
    session.document.goals = []

    async def scenario(app, pilot):
        text = screen_text(app)
        assert "20 of 21 complete" in text
        assert "○ 4 Architectural Goals" in text
        assert "● 1 Header" in text
        sidebar = app.screen.query_one(SectionList)
        assert sidebar.query_one(OptionList).highlighted == 0

    drive(scenario, session)


def test_a_narrow_terminal_folds_the_section_list_away_until_f2() -> None:
    async def scenario(app, pilot):
        sidebar = app.screen.query_one(SectionList)
        assert not sidebar.display or sidebar.region.width == 0
        await pilot.press("f2")
        await pilot.pause()
        assert sidebar.region.width > 0
        await pilot.press("down", "enter")
        await pilot.pause()
        assert section_screen(app).section.key == "summary"

    drive(scenario, new_session(), size=(60, 24))


def test_components_with_a_thousand_items_stay_usable() -> None:
    session = Session(Document(components=[Component(name=f"Service {n}") for n in range(1000)]))

    async def scenario(app, pilot):
        app.show_section(section("components"))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1000
        await pilot.press("ctrl+end", "delete", "shift+tab", "enter")
        await pilot.pause()

    drive(scenario, session)
    assert len(session.document.components) == 999
    assert session.document.components[-1].name == "Service 998"


def test_goal_items_round_trip_through_the_dialog_unchanged() -> None:
    goal = Goal(name="Reliability", target="99.95%", why="Downtime costs money")
    session = Session(Document(goals=[goal]))

    async def scenario(app, pilot):
        app.show_section(section("goals"))
        await pilot.pause()
        await pilot.press("e", "ctrl+s")
        await pilot.pause()

    drive(scenario, session)
    assert session.document.goals == [goal]


def test_a_multi_line_paste_keeps_its_lines_or_joins_them_in_a_one_line_field() -> None:
    from textual import events

    session = new_session()

    async def scenario(app, pilot):
        title = row_input(app, "title")
        title.focus()
        title.post_message(events.Paste("Payments\r Platform\n"))  # terminals send line ends as CR
        await pilot.pause()
        app.show_section(section("summary"))
        await pilot.pause()
        summary = row(app, "text").editor
        summary.focus()
        summary.post_message(events.Paste("First line.\rSecond line.\r\nThird."))
        await pilot.pause()

    drive(scenario, session)
    assert session.document.header.title == "Payments Platform"
    assert session.document.summary.text == "First line.\nSecond line.\nThird."


def test_spaces_around_a_pasted_word_are_kept() -> None:
    """A word pasted between two others keeps the spaces that separate them (a newcomer saw
    " and " pasted into "Beta Gamma" glue the words together)."""
    from textual import events

    session = new_session()

    async def scenario(app, pilot):
        title = row_input(app, "title")
        title.focus()
        await pilot.press(*"BetaGamma")
        title.cursor_position = 4
        title.post_message(events.Paste(" and "))
        await pilot.pause()
        title.cursor_position = len(title.value)
        title.post_message(events.Paste(" two\n lines "))  # joined, the outer spaces kept
        await pilot.pause()

    drive(scenario, session)
    assert session.document.header.title == "Beta and Gamma two lines"


def test_ctrl_q_right_after_typing_still_asks() -> None:
    session = new_session()

    async def scenario(app, pilot):
        await pilot.press(*"Unsaved", "ctrl+q")  # one burst, as a fast typist does
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)

    drive(scenario, session)
    assert session.document.header.title == "Unsaved"


def test_cancelling_an_item_with_changes_asks_first() -> None:
    session = new_session()

    async def scenario(app, pilot):
        app.show_section(section("goals"))
        await pilot.pause()
        await pilot.press("a", "escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("a", *"Reliability", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        await pilot.press("ctrl+q")  # an unsaved item is work too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()

    drive(scenario, session)
    assert [goal.name for goal in session.document.goals] == ["Reliability"]


def test_a_failed_item_save_takes_the_cursor_to_the_problem() -> None:
    async def scenario(app, pilot):
        app.show_section(section("components"))
        await pilot.pause()
        await pilot.press("a", *("x" * 410), "tab", "tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        name = row(app, "name")
        assert "too long: 410 characters, at most 400" in error_text(name)
        assert app.focused is name.editor

    drive(scenario, new_session())


def test_the_first_screen_needs_no_model() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom screens.tui.app import ArchwizApp\nfrom screens.tui.start import StartScreen\n"
        "list(StartScreen()._options())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'wizard.model'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"  # the model loads in the background, after the first screen


def test_a_held_draft_is_shown_read_only_and_nothing_can_be_written(tmp_path: Path) -> None:
    from wizard.drafts import Draft, Locked

    draft = Draft(tmp_path / "draft.toml", load_document(COMPLETE), "header", None)
    holder = "archwiz pid 4242 on build-host since 2026-11-20T09:30:05+00:00"

    async def scenario(app, pilot):
        assert "is being edited by archwiz pid 4242 on build-host" in screen_text(app)
        await pilot.press("enter")  # "Read the draft (read-only)"
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "Read-only · 21 of 21 sections complete" in text
        assert "Tillpoint Payments Platform Architecture" in text
        assert not app.screen.query_one("#review-write").display
        await pilot.press("ctrl+s")  # no write from a read-only view
        await pilot.press("escape", "down", "enter")  # back, then "Quit"
        await pilot.pause()

    app = drive(scenario, app=ArchwizApp(None, draft_path=draft.path, draft=Locked(draft, holder)))
    assert app.session is None
    assert list(tmp_path.iterdir()) == []


def test_a_held_drafts_to_do_list_goes_nowhere(tmp_path: Path) -> None:
    """Read-only, the sections are another archwiz's: Enter on what is still to do once
    tried to open one (with no session) and crashed."""
    from wizard.drafts import Draft, Locked

    draft = Draft(tmp_path / "draft.toml", Document(), "header", None)

    async def scenario(app, pilot):
        await pilot.press("enter")  # "Read the draft (read-only)"
        await pilot.pause()
        assert "Enter goes there" not in screen_text(app)
        app.screen.query_one("#review-missing").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape", "down", "enter")  # back, then "Quit"

    app = drive(scenario, app=ArchwizApp(None, draft_path=draft.path, draft=Locked(draft, "someone")))
    assert app.return_code in (0, None) and app.session is None


def test_the_review_asks_before_replacing_a_hand_written_file_and_keeps_it(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    target = tmp_path / "ARCHITECTURE.md"
    target.write_text("# my own notes\n")

    async def scenario(app, pilot):
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one("#review-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = static_text(app, ".dialog-title")
        assert "ARCHITECTURE.md was not written by archwiz; not replacing it.\n" in question
        assert "- # my own notes" in question and question.endswith("as ARCHITECTURE.md.bak?")
        await pilot.press(*"yes")  # letters never confirm a replacement
        await pilot.pause()
        assert target.read_text() == "# my own notes\n"
        await pilot.press("escape")  # no
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "not replacing it" in static_text(app, "#review-result")
        assert target.read_text() == "# my own notes\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # the Replace button, chosen on purpose
        await pilot.pause()
        assert "Kept the old file as" in static_text(app, "#review-result")

    drive(scenario, session)
    assert (tmp_path / "ARCHITECTURE.md.bak").read_text() == "# my own notes\n"
    assert target.read_bytes() == (GOLDEN / "payments-platform.md").read_bytes()
