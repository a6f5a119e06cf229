"""The review screen as a daily tool: at once usable, it remembers where to write."""

from textual.widgets import Input, Markdown
from tui import drive

from wizard.session import Session


def _session() -> Session:
    return Session(section="header")


def test_the_review_offers_again_the_path_typed_there() -> None:
    session = _session()

    async def scenario(app, pilot):
        await pilot.press("ctrl+r")
        await pilot.pause()
        path = app.screen.query_one("#review-path", Input)
        path.value = "docs/URL.md"
        await pilot.press("escape", "ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#review-path", Input).value == "docs/URL.md"
        assert not app.screen.active_bindings.get("f1") or not app.screen.active_bindings["f1"].enabled

    drive(scenario, session)


def test_the_review_is_usable_before_its_document_is_drawn() -> None:
    # The document preview is built after the screen is up (seconds for a long document):
    # the path field has focus at once, and what is typed meanwhile lands there.
    session = _session()

    async def scenario(app, pilot):
        await pilot.press(*"Shortener")
        app.action_review()
        await pilot.pause(0)
        review = app.screen
        path = review.query_one("#review-path", Input)
        assert app.focused is path
        await pilot.press("ctrl+u", *"docs/URL.md")
        await pilot.pause()
        assert path.value == "docs/URL.md"
        document = review.query_one("#review-document", Markdown)
        await pilot.pause(0.2)
        assert "Shortener Architecture" in document.source

    drive(scenario, session)


def test_a_section_chosen_in_the_review_opens_at_its_first_empty_field() -> None:
    from textual.widgets import OptionList, TextArea
    from tui import row

    session = _session()
    session.update("header", {"title": "Shortener", "version": "1.0.0"})

    async def scenario(app, pilot):
        await pilot.press("ctrl+r")
        await pilot.pause()
        todo = app.screen.query_one("#review-missing", OptionList)
        todo.focus()
        todo.highlighted = 0  # "1 Header / Empty: Status, Last Updated"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.section.key == "header"
        assert row(app, "status") in app.focused.ancestors_with_self  # not the filled title
        await pilot.press("ctrl+r")
        await pilot.pause()
        todo = app.screen.query_one("#review-missing", OptionList)
        todo.focus()
        todo.highlighted = 1  # Executive Summary
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)

    drive(scenario, session)
