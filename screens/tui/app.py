"""The archwiz Textual app: a thin shell that owns the session and moves between screens.

Section screens are built the first time they are shown and then kept, so going
back and forth is instant and each keeps its cursor and scroll position.

The start screen needs neither the model nor the renderer, so those (about a
third of a second of imports) load in a background thread once it is drawn:
the first screen appears sooner and is ready by the time a choice is made.
"""

from __future__ import annotations

import asyncio
import importlib
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from screens.tui.start import StartScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from screens.tui.list_editor import ListEditor
    from wizard.drafts import Draft, Locked, SetAside
    from wizard.history import Change
    from wizard.sections import Section
    from wizard.session import Session

_PRELOAD = ("screens.tui.section", "screens.tui.review", "screens.tui.dialogs")


class ArchwizApp(App[list[Path]]):
    """Returns the paths it wrote, if any, for the command line to report."""

    CSS_PATH = "app.tcss"
    TITLE = "archwiz"
    ENABLE_COMMAND_PALETTE = False
    # Below this width the section list folds away; F2 brings it back.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    BINDINGS = [
        # A modal screen hides the app's bindings: an item dialog binds F1 to this too.
        Binding("f1", "field_help", "Help"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Before any editor's own undo: one history for the whole document, every screen.
        Binding("ctrl+z", "undo", "Undo", priority=True, show=False),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", priority=True, show=False),
    ]

    # A draft is saved at most this long after an edit, so a kill loses no more.
    AUTOSAVE_SECONDS = 2.0
    # A failed save is tried again this often, edits or not: a freed disk is used at once.
    RETRY_SECONDS = 5.0

    def __init__(
        self,
        session: Session | None = None,
        *,
        draft_path: Path | None = None,
        draft: Draft | SetAside | Locked | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.draft_path = draft_path  # where a session started here saves its draft
        # What the start screen offers: a draft to resume, one held by another archwiz to
        # read, or news of one set aside.
        self.found_draft = draft
        self.written: list[Path] = []
        self.start_elsewhere = False  # a new document beside a held draft was chosen
        self.current = 0  # index of the section on screen
        self._autosave: Timer | None = None
        self._notes: list[tuple[str, bool]] = []  # told before the first screen: shown on it

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum, code in ((signal.SIGTERM, 143), (signal.SIGHUP, 129)):
            loop.add_signal_handler(signum, self._terminated, code)
        if self.session is None:
            self.push_screen(StartScreen(self.found_draft), self._started)
        else:
            self.show_section(self._section_named(self.session.section))
        # The review and the dialogs are imported while the user reads the first screen, so
        # opening one later does not stall (keys typed during a stall were lost).
        self.call_after_refresh(self.run_worker, _preload, thread=True, exclusive=True)
        for message, error in self._notes:
            self.tell(message, error=error)

    def tell(self, message: str, *, error: bool = False) -> None:
        """A note for the user; one told before the app runs waits for the first screen."""
        if not self.is_running:
            self._notes.append((message, error))
            return
        self.notify(message, severity="error" if error else "warning", markup=False, timeout=10)

    def _started(self, session: Session | None) -> None:
        if session is None:
            self.exit(self.written)
            return
        self.attach_draft(session)
        self.session = session
        self.show_section(self._section_named(session.section))

    def attach_draft(self, session: Session) -> None:
        """A session that did not resume saves its draft here, any old draft kept aside."""
        from wizard.begin import attach_draft

        news, error = attach_draft(session, self.draft_path)
        if news:
            self.tell(news, error=error)

    def _section_named(self, key: str) -> Section:
        from wizard.sections import SECTIONS

        return next((section for section in SECTIONS if section.key == key), SECTIONS[0])

    # Drafts ---------------------------------------------------------------------------------

    def note_edit(self) -> None:
        """An edit reached the model: save now if the last save is old enough, else soon."""
        session = self.session
        if session is None or session.autosave.path is None:
            return
        waited = time.monotonic() - session.autosave.clock
        if waited >= self.AUTOSAVE_SECONDS:
            self.save_draft_soon()
        elif self._autosave is None:
            self._autosave = self.set_timer(self.AUTOSAVE_SECONDS - waited, self.save_draft_soon)

    def save_draft(self) -> bool:
        """Save now, on this thread: for quitting and signals, where it must be done before exit."""
        self._stop_autosave()
        session = self.session
        if session is None:
            return True
        had_error = session.autosave.error
        saved = session.save()
        self._report_save(saved, had_error)
        return saved

    def save_draft_soon(self) -> None:
        """Save without holding up the screen: serialise here, write (and fsync) on a thread."""
        self._stop_autosave()
        session = self.session
        pending = session.prepare_save() if session else None
        if session is None or pending is None:
            return
        had_error = session.autosave.error

        def write() -> None:
            error = pending.write()
            self.call_from_thread(
                lambda: self._report_save(session.autosave.finish(pending, error), had_error)
            )

        # A failed save is reported, never fatal: the worker must not take the app down.
        self.run_worker(write, thread=True, group="draft", exit_on_error=False)

    def _stop_autosave(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None

    def _report_save(self, saved: bool, had_error: str) -> None:
        session = self.session
        assert session is not None
        if news := session.autosave.news(had_error):
            # The section list keeps showing it until a save works.
            self.notify(news, severity="error", markup=False, timeout=8)
        if not saved and self._autosave is None:
            self._autosave = self.set_timer(self.RETRY_SECONDS, self.save_draft_soon)
        self._show_saved()

    def _show_saved(self) -> None:
        from screens.tui.sidebar import SectionList

        for sidebar in self.screen.query(SectionList):
            sidebar.show_saved()

    def _terminated(self, code: int) -> None:
        """SIGTERM or SIGHUP: save the draft, give the terminal back, exit 128 + signal."""
        self.save_draft()
        self.exit(self.written, return_code=code)

    @staticmethod
    def _section(index: int) -> Section:
        from wizard.sections import SECTIONS

        return SECTIONS[index]

    def show_section(self, section: Section) -> None:
        from screens.tui.section import SectionScreen

        assert self.session is not None
        self.current = section.number - 1
        self.session.section = section.key
        if self.session.unsaved:
            self.save_draft_soon()
        if not self.is_screen_installed(section.key):
            self.install_screen(SectionScreen(section, self.session), section.key)
        if isinstance(self.screen, SectionScreen):
            self.switch_screen(section.key)
        else:
            self.push_screen(section.key)

    # Lists open their dialogs through the app: dialogs hold forms, forms hold lists -----------

    def on_list_editor_edit_item(self, message: ListEditor.EditItem) -> None:
        from screens.tui.dialogs import ItemDialog

        if message.editor.screen is not self.screen:
            return  # keys typed fast on a list: the first opened its dialog, the rest wait on it
        editor, index = message.editor, message.index
        item = None if index is None else editor.items[index]
        dialog = ItemDialog(editor.spec, item, index, editor.check_item(index))
        self.push_screen(dialog, editor.item_done(index))

    def on_list_editor_delete_item(self, message: ListEditor.DeleteItem) -> None:
        from screens.tui.dialogs import ConfirmDialog

        if message.editor.screen is not self.screen:
            return  # a question is open already
        self.push_screen(ConfirmDialog(message.question, "Delete"), message.editor.delete_done(message.index))

    def on_list_editor_generate_item(self, message: ListEditor.GenerateItem) -> None:
        from screens.tui.dialogs import ChoiceDialog
        from wizard.diagrams import generated

        editor, session = message.editor, self.session
        if editor.screen is not self.screen or session is None:
            return
        document = session.document
        ready = [generator for generator in editor.generators if generator.needs(document)]
        if not ready:
            wanted = "; ".join(generator.description for generator in editor.generators)
            self.notify(f"Nothing to draw from yet. A diagram here shows {wanted}.", markup=False, timeout=6)
            return

        def chosen(key: str | None) -> None:
            if key is not None:
                editor.add_generated(generated(session.document, key))
                self.notify("Added a mermaid diagram: it is yours to edit (e).", markup=False, timeout=4)

        choices = [(generator.key, generator.title, f"from {generator.description}") for generator in ready]
        self.push_screen(ChoiceDialog("Draw a mermaid diagram from your answers:", choices), chosen)

    # Undo and redo -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "field_help":
            from screens.tui.dialogs import ItemDialog
            from screens.tui.section import SectionScreen

            return isinstance(self.screen, SectionScreen | ItemDialog)  # screens with fields to explain
        if action in ("undo", "redo"):
            # On a section's screen only: a dialog's own editors keep their keys, and a
            # dialog's item is not in the document until it is saved.
            from screens.tui.section import SectionScreen

            return self.session is not None and isinstance(self.screen, SectionScreen)
        return True

    async def action_undo(self) -> None:
        assert self.session is not None
        await self._step(self.session.undo(), "Undone", "Nothing to undo")

    async def action_redo(self) -> None:
        assert self.session is not None
        await self._step(self.session.redo(), "Redone", "Nothing to redo")

    async def _step(self, change: Change | None, done: str, nothing: str) -> None:
        """Show where ``change`` was made, as it now stands, and say what happened."""
        from screens.tui.section import SectionScreen

        if change is None:
            self.notify(nothing, timeout=3)
            return
        section = self._section_named(change.section)
        screen = self.screen
        if isinstance(screen, SectionScreen) and screen.section.key == section.key:
            await screen.reload(change.place)
        else:
            if self.is_screen_installed(section.key):
                self.uninstall_screen(section.key)  # built from the document as it was
            self.show_section(section)
            shown = self.get_screen(section.key)
            if isinstance(shown, SectionScreen):
                self.call_after_refresh(shown.focus_field, change.place)
        self.notify(f"{done}: {change.what}", markup=False, timeout=4)
        self.note_edit()

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
        from screens.tui.review import ReviewScreen

        if self.session is not None:
            self.push_screen(ReviewScreen(self.session), self._reviewed)

    def _reviewed(self, written: list[Path] | None) -> None:
        if written:
            self.written = written

    def action_field_help(self) -> None:
        from screens.tui.dialogs import HelpDialog
        from screens.tui.form import FieldRow
        from screens.tui.section import SectionScreen

        focused = self.focused
        for node in focused.ancestors_with_self if focused else ():
            if isinstance(node, FieldRow):
                self.push_screen(HelpDialog(node.spec))
                return
        if isinstance(self.screen, SectionScreen):
            self.push_screen(HelpDialog(self.screen.section.spec))

    async def action_quit(self) -> None:
        from screens.tui.dialogs import ConfirmDialog, ItemDialog
        from screens.tui.section import SectionScreen
        from wizard.finish import quit_question

        for screen in self.screen_stack:
            if isinstance(screen, SectionScreen):
                screen.apply_edits()  # a key typed just before ctrl+q may not have been applied yet
        editing = any(isinstance(screen, ItemDialog) and screen.changed for screen in self.screen_stack)
        session = self.session
        if session is not None and session.autosave.path:
            self.save_draft()
        question = quit_question(session) if session is not None else ""
        if editing:
            question = "Quit anyway? The item you are editing has not been saved to the list."
        if not question:
            self.exit(self.written)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(self.written)

        self.push_screen(ConfirmDialog(Content(question), "Quit"), answered)


def _preload() -> None:
    for module in _PRELOAD:
        importlib.import_module(module)
