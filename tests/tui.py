"""Helpers for driving the Textual wizard in tests: real keys, a real app, no terminal."""

import asyncio
import io
import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from screens.tui.app import ArchwizApp
from screens.tui.form import FieldRow
from screens.tui.section import SectionScreen
from wizard.model import Document
from wizard.sections import SECTIONS, Section
from wizard.session import Session

SIZE = (80, 24)

Scenario = Callable[[ArchwizApp, Pilot[list[Path]]], Awaitable[None]]


def drive(
    scenario: Scenario,
    session: Session | None = None,
    size: tuple[int, int] = SIZE,
    app: ArchwizApp | None = None,
) -> ArchwizApp:
    """Run the app (``app``, or one on ``session``) headless at ``size``, play ``scenario``, return it."""

    async def main() -> ArchwizApp:
        nonlocal app
        app = app or ArchwizApp(session)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)
            await pilot.pause()
        return app

    return asyncio.run(main())


async def eventually(pilot: Pilot[list[Path]], check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until ``check()`` holds (a timer or a save thread is involved), at most ``timeout``.

    The caller asserts afterwards, so a condition that never comes still fails.
    """
    end = asyncio.get_running_loop().time() + timeout
    while not check() and asyncio.get_running_loop().time() < end:
        await pilot.pause(0.05)


def load_document(path: Path) -> Document:
    return Document.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))


def section(key: str) -> Section:
    return next(sec for sec in SECTIONS if sec.key == key)


def section_screen(app: ArchwizApp) -> SectionScreen:
    screen = app.screen
    assert isinstance(screen, SectionScreen), f"expected a section screen, got {screen!r}"
    return screen


def row(app: ArchwizApp, name: str) -> FieldRow:
    """The field row of ``name`` on the current section screen."""
    return next(r for r in app.screen.query(FieldRow) if r.spec.name == name)


def row_input(app: ArchwizApp, name: str) -> Input:
    editor = row(app, name).editor
    assert isinstance(editor, Input)
    return editor


def error_text(field_row: FieldRow) -> str:
    error = field_row.query_one(".field-error", Static)
    return str(error.render()) if error.display and field_row.has_class("-invalid") else ""


def static_text(app: ArchwizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def screen_text(app: ArchwizApp) -> str:
    """Everything on screen as plain text, as a user reads it (the SVG exporter's way, minus the SVG)."""
    console = Console(
        width=app.size.width, height=app.size.height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


async def type_ahead(app: ArchwizApp, pilot: Pilot[list[Path]], *keys: str) -> None:
    """Send ``keys`` (characters of text, or key names such as "tab") as real key events,
    queued at once as a fast typist's keys arrive, then wait for the app to take them.
    ``pilot.press`` waits for idle after every key (~80-250 ms each), which makes typing
    whole sentences into every field too slow to test."""
    from textual import events
    from textual.keys import _character_to_key

    driver = app._driver
    assert driver is not None
    for text in keys:
        for key, char in [(text, None)] if len(text) > 1 else [(text, text)]:
            if char is not None and not char.isalnum():
                key = _character_to_key(char)
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)
    await pilot.pause()
