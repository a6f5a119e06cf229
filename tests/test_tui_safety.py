"""User text in the wizard is data: never markup, never an action, never a raw terminal control."""

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import NASTY, examples
from textual import events
from textual.widgets import DataTable, Markdown, TextArea
from tui import drive, row, row_input, screen_text, section, static_text

from screens.tui.dialogs import ConfirmDialog
from screens.tui.section import SectionScreen
from screens.tui.text import literal, one_line_text
from wizard.chars import printable
from wizard.model import Document
from wizard.model.design import Component
from wizard.model.overview import Header
from wizard.session import Session

HOSTILE = [
    "[/]",
    "[bold]x",
    "[@click=app.quit]q[/]",
    '[link="file:///etc/passwd"]x[/link]',
    "[$error]red[/]",
]
CONTROLS = "a\x1b[31mb\x1b]0;pwned\x07\x9bc\x00d\u202ee\u2066f\x07g"


def hostile_session() -> Session:
    return Session(Document(components=[Component(name=name, input=name) for name in HOSTILE]))


def test_markup_in_names_shows_literally_in_list_rows_and_dialogs() -> None:
    async def scenario(app, pilot):
        app.show_section(section("components"))
        await pilot.pause()
        text = screen_text(app)
        for name in HOSTILE:
            assert name[:30] in text, name  # long names are cut to the column, with an ellipsis
        await pilot.press("ctrl+home", "down", "down", "delete")  # the third: "[@click=app.quit]q[/]"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert static_text(app, ".dialog-title") == "Delete component 3, [@click=app.quit]q[/]?"
        await pilot.press("escape")
        await pilot.press("e")  # the edit dialog shows the raw name in its input
        await pilot.pause()
        assert row_input(app, "name").value == "[@click=app.quit]q[/]"
        await pilot.press("escape")
        await pilot.pause()

    app = drive(scenario, hostile_session())
    assert [c.name for c in app.session.document.components] == HOSTILE


def test_clicking_a_name_that_looks_like_an_action_does_nothing() -> None:
    async def scenario(app, pilot):
        app.show_section(section("components"))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        region = table.region
        for y in range(region.y + 1, region.y + 1 + len(HOSTILE)):
            await pilot.click(offset=(region.x + 6, y))
            await pilot.pause()
            if not isinstance(app.screen, SectionScreen):
                await pilot.press("escape")  # a click on a row opens it for editing
                await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, SectionScreen)

    drive(scenario, hostile_session())


def test_markup_in_the_preview_stays_literal() -> None:
    async def scenario(app, pilot):
        app.show_section(section("components"))
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause(0.2)
        preview = app.screen.query_one("#preview", Markdown)
        assert preview.display
        text = screen_text(app)
        assert "Component 1: [/]" in text  # shown as typed: not markup, not Markdown
        assert "Component 3: \\[@click=app.quit\\]q\\[/\\]" in preview.source

    drive(scenario, hostile_session())


def test_pasted_terminal_controls_never_reach_the_screen_or_the_model() -> None:
    session = Session(Document())

    async def scenario(app, pilot):
        title = row_input(app, "title")
        title.focus()
        title.post_message(events.Paste(CONTROLS))
        await pilot.pause()
        assert title.value == "abdefg"
        app.show_section(section("summary"))
        await pilot.pause()
        summary = row(app, "text").editor
        assert isinstance(summary, TextArea)
        summary.focus()
        summary.post_message(events.Paste("line one\r\n" + CONTROLS))
        await pilot.pause()
        assert summary.text == "line one\nabdefg"
        assert not any(char in screen_text(app) for char in "\x1b\x9b\x00\u202e\u2066\x07")

    drive(scenario, session)
    assert session.document.header.title == "abdefg"
    assert session.document.summary.text == "line one\nabdefg"


FORBIDDEN = set(chr(c) for c in range(0x20)) - {"\n"} | set(chr(c) for c in range(0x7F, 0xA0))


@given(st.one_of(st.sampled_from(NASTY + HOSTILE + [CONTROLS]), st.text(max_size=200)))
def test_any_text_shown_as_a_row_or_label_is_literal_and_control_free(text: str) -> None:
    for content in (literal(text), one_line_text(text)):
        plain = content.plain
        assert not FORBIDDEN & set(plain)
        assert not set(plain) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    # Nothing was taken as markup: the text is exactly the input, controls spelled out.
    assert literal(text).plain == printable(text)


@settings(max_examples=examples(8), deadline=None)
@given(st.one_of(st.sampled_from(NASTY + HOSTILE + [CONTROLS]), st.text(max_size=80)))
def test_any_pasted_name_ends_in_the_model_or_in_a_message_never_both(text: str) -> None:
    session = Session(Document())

    async def scenario(app, pilot):
        title = row_input(app, "title")
        title.focus()
        title.post_message(events.Paste(text))
        await pilot.pause()
        error = row(app, "title").query_one(".field-error")
        shown = str(error.render()) if row(app, "title").has_class("-invalid") else ""
        value = title.value
        if shown:
            assert session.document.header.title == ""
        else:  # as the model normalises it (surrounding spaces go)
            assert session.document.header.title == Header(title=value).title
        screen = screen_text(app)
        assert not FORBIDDEN & set(screen)

    drive(scenario, session)
    assert not (set(session.document.header.title) & FORBIDDEN)
