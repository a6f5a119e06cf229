"""The archwiz Textual app: a thin shell that owns the session and moves between screens.

Section screens are built the first time they are shown and then kept, so going
back and forth is instant and each keeps its cursor and scroll position.
"""

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from screens.dialogs import ConfirmDialog, HelpDialog
from screens.form import FieldRow
from screens.review import ReviewScreen
from screens.section import SectionScreen
from screens.start import StartScreen
from wizard.model import Document
from wizard.sections import SECTIONS, Section
from wizard.session import Session


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
        self.current: Section = SECTIONS[0]

    def on_mount(self) -> None:
        if self.session is None:
            self.push_screen(StartScreen(), self._started)
        else:
            self.show_section(SECTIONS[0])

    def _started(self, session: Session | None) -> None:
        if session is None:
            self.exit(self.written)
            return
        self.session = session
        self.show_section(SECTIONS[0])

    def new_document(self) -> Session:
        return Session(Document())

    def show_section(self, section: Section) -> None:
        assert self.session is not None
        self.current = section
        if not self.is_screen_installed(section.key):
            self.install_screen(SectionScreen(section, self.session), section.key)
        if isinstance(self.screen, SectionScreen):
            self.switch_screen(section.key)
        else:
            self.push_screen(section.key)

    def action_next_section(self) -> None:
        if self.current.number == len(SECTIONS):
            self.action_review()
        else:
            self.show_section(SECTIONS[self.current.number])

    def action_previous_section(self) -> None:
        if self.current.number > 1:
            self.show_section(SECTIONS[self.current.number - 2])

    def action_review(self) -> None:
        assert self.session is not None
        self.push_screen(ReviewScreen(self.session), self._reviewed)

    def _reviewed(self, written: list[Path] | None) -> None:
        if written and self.session is not None:
            self.written = written
            self._written_at = self.session.edits

    def action_field_help(self) -> None:
        focused = self.focused
        for node in focused.ancestors_with_self if focused else ():
            if isinstance(node, FieldRow):
                self.push_screen(HelpDialog(node.spec))
                return
        if isinstance(self.screen, SectionScreen):
            self.push_screen(HelpDialog(self.screen.section.spec))

    async def action_quit(self) -> None:
        if self.session is None or self.session.edits == self._written_at:
            self.exit(self.written)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(self.written)

        question = "Quit without writing? Changes since the last write are not saved yet."
        self.push_screen(ConfirmDialog(Content(question), "Quit"), answered)
