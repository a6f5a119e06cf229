"""The archwiz Textual app: a thin shell that owns the session and moves between screens.

Section screens are built the first time they are shown and then kept, so going
back and forth is instant and each keeps its cursor and scroll position.

The start screen needs neither the model nor the renderer, so those (about a
third of a second of imports) load in a background thread once it is drawn:
the first screen appears sooner and is ready by the time a choice is made.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from screens.start import StartScreen

if TYPE_CHECKING:
    from wizard.sections import Section
    from wizard.session import Session

_PRELOAD = ("screens.section", "screens.review", "screens.dialogs")


class ArchwizApp(App[list[Path]]):
    """Returns the paths it wrote, if any, for the command line to report."""

    CSS_PATH = "app.tcss"
    TITLE = "archwiz"
    ENABLE_COMMAND_PALETTE = False
    # Below this width the section list folds away; F2 brings it back.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    BINDINGS = [
        Binding("f1", "field_help", "Help"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self.session = session
        self.written: list[Path] = []
        self._written_at = 0  # session.edits when the files were last written
        self.current = 0  # index of the section on screen

    def on_mount(self) -> None:
        if self.session is None:
            self.push_screen(StartScreen(), self._started)
            self.call_after_refresh(self.run_worker, _preload, thread=True, exclusive=True)
        else:
            self.show_section(self._section(0))

    def _started(self, session: Session | None) -> None:
        if session is None:
            self.exit(self.written)
            return
        self.session = session
        self.show_section(self._section(0))

    @staticmethod
    def _section(index: int) -> Section:
        from wizard.sections import SECTIONS

        return SECTIONS[index]

    def show_section(self, section: Section) -> None:
        from screens.section import SectionScreen

        assert self.session is not None
        self.current = section.number - 1
        if not self.is_screen_installed(section.key):
            self.install_screen(SectionScreen(section, self.session), section.key)
        if isinstance(self.screen, SectionScreen):
            self.switch_screen(section.key)
        else:
            self.push_screen(section.key)

    def action_next_section(self) -> None:
        from wizard.sections import SECTIONS

        if self.current + 1 == len(SECTIONS):
            self.action_review()
        else:
            self.show_section(SECTIONS[self.current + 1])

    def action_previous_section(self) -> None:
        if self.current > 0:
            self.show_section(self._section(self.current - 1))

    def action_review(self) -> None:
        from screens.review import ReviewScreen

        if self.session is not None:
            self.push_screen(ReviewScreen(self.session), self._reviewed)

    def _reviewed(self, written: list[Path] | None) -> None:
        if written and self.session is not None:
            self.written = written
            self._written_at = self.session.edits

    def action_field_help(self) -> None:
        from screens.dialogs import HelpDialog
        from screens.form import FieldRow
        from screens.section import SectionScreen

        focused = self.focused
        for node in focused.ancestors_with_self if focused else ():
            if isinstance(node, FieldRow):
                self.push_screen(HelpDialog(node.spec))
                return
        if isinstance(self.screen, SectionScreen):
            self.push_screen(HelpDialog(self.screen.section.spec))

    async def action_quit(self) -> None:
        from screens.dialogs import ConfirmDialog

        if self.session is None or self.session.edits == self._written_at:
            self.exit(self.written)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(self.written)

        question = "Quit without writing? Changes since the last write are not saved yet."
        self.push_screen(ConfirmDialog(Content(question), "Quit"), answered)


def _preload() -> None:
    for module in _PRELOAD:
        importlib.import_module(module)
