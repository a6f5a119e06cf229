"""Screen snapshots at 80x24, kept under snapshots/tui. Review each SVG before accepting it:
`pytest tests/test_tui_snapshots.py --snapshot-update` writes whatever is on screen, bugs included."""

import pytest
from conftest import COMPLETE
from textual.pilot import Pilot
from tui import load_document, row_input, section

from screens.tui.app import ArchwizApp
from wizard.model import Document
from wizard.sections import SECTIONS
from wizard.session import Session


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors do not blink in a snapshot: whether one is drawn would depend on how long
    the screen took to appear, so a loaded machine would see another picture."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


def complete_app() -> ArchwizApp:
    return ArchwizApp(Session(load_document(COMPLETE)))


@pytest.mark.parametrize("key", [sec.key for sec in SECTIONS])
def test_each_section_screen_filled_in(snap_compare, key: str) -> None:
    app = complete_app()

    async def open_section(pilot: Pilot) -> None:
        app.show_section(section(key))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_section)


def test_start_screen(snap_compare) -> None:
    assert snap_compare(ArchwizApp(), terminal_size=(80, 24))


def test_a_blank_first_section_with_a_validation_error(snap_compare) -> None:
    app = ArchwizApp(Session(Document()))

    async def bad_version(pilot: Pilot) -> None:
        row_input(app, "version").focus()
        await pilot.press(*"1.x")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=bad_version)


def test_the_list_editor_item_dialog(snap_compare) -> None:
    app = complete_app()

    async def edit_second_endpoint(pilot: Pilot) -> None:
        app.show_section(section("endpoints"))
        await pilot.pause()
        await pilot.press("down", "e")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=edit_second_endpoint)


def test_the_delete_confirmation(snap_compare) -> None:
    app = complete_app()

    async def delete_goal(pilot: Pilot) -> None:
        app.show_section(section("goals"))
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=delete_goal)


def test_field_help(snap_compare) -> None:
    app = ArchwizApp(Session(Document()))
    assert snap_compare(app, press=["f1"], terminal_size=(80, 24))


def test_the_live_preview(snap_compare) -> None:
    app = complete_app()

    async def preview_goals(pilot: Pilot) -> None:
        app.show_section(section("goals"))
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=preview_goals)


def test_the_review_screen(snap_compare) -> None:
    session = Session(load_document(COMPLETE))
    session.document.goals = []
    assert snap_compare(ArchwizApp(session), press=["ctrl+r"], terminal_size=(80, 24))


def test_a_narrow_terminal_with_the_section_list_opened(snap_compare) -> None:
    assert snap_compare(ArchwizApp(Session(Document())), press=["f2"], terminal_size=(60, 24))


HOLDER = "archwiz pid 4242 on build-host since 2026-11-20T09:30:05+00:00"


def locked_app() -> ArchwizApp:
    from pathlib import Path

    from wizard.drafts import Draft, Locked

    draft = Draft(Path(".archwiz-draft.toml"), load_document(COMPLETE), "header", None)
    return ArchwizApp(None, draft_path=draft.path, draft=Locked(draft, HOLDER))


def test_a_draft_held_by_another_archwiz_is_offered_read_only(snap_compare) -> None:
    assert snap_compare(locked_app(), terminal_size=(80, 24))


def test_the_read_only_draft(snap_compare) -> None:
    assert snap_compare(locked_app(), press=["enter"], terminal_size=(80, 24))


# The same screens on a small terminal (60x20): the section list folds away, dialogs fit
# their Save and Cancel on screen, and the footer still shows ^q Quit and F1 Help first.
SMALL = (60, 20)


async def _at(pilot: Pilot, key: str, *keys: str) -> None:
    pilot.app.show_section(section(key))  # type: ignore[attr-defined]
    await pilot.pause()
    if keys:
        await pilot.press(*keys)
        await pilot.pause()


@pytest.mark.parametrize(
    ("key", "keys"),
    [
        ("header", ()),  # a form of one-line fields
        ("summary", ()),  # prose editors grow with the screen
        ("components", ()),  # a list: one Tab stop, its keys in the footer
        ("components", ("e",)),  # the tallest item dialog
        ("tech_stack", ()),  # text lists
    ],
    ids=["form", "prose", "list", "item-dialog", "text-lists"],
)
def test_small_terminal(snap_compare, key: str, keys: tuple[str, ...]) -> None:
    async def go(pilot: Pilot) -> None:
        await _at(pilot, key, *keys)

    assert snap_compare(complete_app(), terminal_size=SMALL, run_before=go)


def test_small_terminal_review(snap_compare) -> None:
    session = Session(load_document(COMPLETE))
    session.document.goals = []
    assert snap_compare(ArchwizApp(session), press=["ctrl+r"], terminal_size=SMALL)
