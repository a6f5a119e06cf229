"""The screen of one template section, generated from the section registry.

There is one class for all 21 sections: a group section gets a ``Form`` of its
fields, a list section (goals, components...) a ``ListEditor``. Every change goes
straight to the session, which validates it with the model's rules; problems
come back located and are shown under the fields they concern.
"""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Markdown, Select, Static, TextArea

from screens.tui.dialogs import GapDialog
from screens.tui.form import FieldRow, Form
from screens.tui.inputs import AnswerInput, mark_last_field
from screens.tui.list_editor import ListEditor
from screens.tui.sidebar import SectionList
from wizard.markdown.render import render_section
from wizard.sections import SECTIONS, Section
from wizard.session import Problems, Session

PREVIEW_DELAY = 0.3  # seconds of quiet typing before the preview is redrawn


class SectionScreen(Screen[None]):
    CSS_PATH = "section.tcss"
    _SECTION = Binding.Group("Section")
    BINDINGS = [
        # Quit and help first: a narrow footer cuts keys from its end, and these must stay.
        Binding("ctrl+q", "app.quit", "Quit"),
        Binding("f1", "app.field_help", "Help"),
        Binding("ctrl+n", "app.next_section", "Next section", group=_SECTION),
        Binding("ctrl+p", "app.previous_section", "Previous section", group=_SECTION),
        Binding("f2", "sections", "Sections"),
        Binding("f3", "toggle_preview", "Preview"),
        Binding("f4", "not_applicable", "N/A"),
        Binding("ctrl+r", "app.review", "Review"),
        Binding("escape", "close_sections", "Close the section list", show=False),
    ]

    def __init__(self, section: Section, session: Session) -> None:
        super().__init__(name=section.key)
        self.section = section
        self.session = session
        self.editor = self._new_editor()
        self._preview_timer: Timer | None = None

    def _new_editor(self) -> Form | ListEditor:
        value = getattr(self.session.document, self.section.key)
        if self.section.is_list:
            return ListEditor(self.section.spec, list(value), self._check_list)
        return Form(self.section.model, value)

    async def reload(self, focus: str = "") -> None:
        """Show the section as the session now holds it (after an undo or redo), with the
        focus on the field ``focus`` names, else on the first field."""
        old, self.editor = self.editor, self._new_editor()
        await self.query_one("#body").mount(self.editor, after=old)
        await old.remove()
        mark_last_field(self.editor, self.focus_chain, "section")
        self._show_gaps()
        self.query_one(SectionList).refresh_states()
        self._schedule_preview()
        self.focus_field(focus)

    def focus_field(self, name: str) -> None:
        """Focus the field ``name`` (a list: its table; a group: its first field), else the
        section's first field."""
        row = self.editor.rows.get(name) if isinstance(self.editor, Form) and name else None
        fields: list[Widget] = []
        if row is not None:
            fields = list(row.query("Input, TextArea, Select, Checkbox, DataTable"))
        target = next((widget for widget in fields if widget.focusable), None)
        if target is None:
            self.focus_first()
            return
        target.focus()
        target.scroll_visible(animate=False)

    def compose(self) -> ComposeResult:
        section = self.section
        with Horizontal(id="layout"):
            yield SectionList(self.session, section)
            with Vertical(id="main"):
                with VerticalScroll(id="body"):
                    yield Label(
                        Content(f"{section.number} of {len(SECTIONS)} · {section.title}"),
                        classes="section-title",
                    )
                    yield Static(Content(section.help), classes="section-help")
                    gap = Static(self._section_gap(), id="section-gap")
                    gap.display = self.section.key in self.session.document.not_applicable
                    yield gap
                    yield self.editor
                    with Horizontal(id="nav"):
                        yield Button("◀ Back", id="back", compact=True, disabled=section.number == 1)
                        last = section.number == len(SECTIONS)
                        yield Button("Review ▶" if last else "Next ▶", id="next", compact=True)
                yield Markdown(id="preview", open_links=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#preview").display = False
        mark_last_field(self.editor, self.focus_chain, "section")
        self.focus_first()

    def focus_first(self) -> None:
        for widget in self.editor.query("Input, TextArea, Select, Checkbox, DataTable, Button"):
            if widget.focusable:
                widget.focus()
                return

    def on_screen_resume(self) -> None:
        sidebar = self.query_one(SectionList)
        sidebar.refresh_states()
        sidebar.show_saved()

    # Changes flow up from any field, into the session, and problems flow back down.

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(ListEditor.Changed)
    def apply_edits(self) -> None:
        """Everything on this screen into the session; problems back under their fields."""
        problems = self.session.update(self.section.key, self._raw())
        self.editor.show_problems([(loc[1:], message) for loc, message in problems])
        self._show_gaps()  # an answer takes a part's mark back
        self.query_one(SectionList).refresh_states()
        self._schedule_preview()
        self.app.note_edit()  # type: ignore[attr-defined]

    def _raw(self) -> object:
        return self.editor.items if isinstance(self.editor, ListEditor) else self.editor.value()

    def _check_list(self, items: list[object]) -> Problems:
        return [(loc[1:], message) for loc, message in self.session.check(self.section.key, items)]

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a one-line field goes to the next field, as in the item dialogs; on the
        section's last field it goes on to the next section (its answers are already kept)."""
        event.stop()
        if isinstance(event.input, AnswerInput) and event.input.last == "section":
            self.app.action_next_section()  # type: ignore[attr-defined]
        else:
            self.focus_next()

    # Not applicable -------------------------------------------------------------------------

    def _section_gap(self) -> Content:
        reason = self.session.document.not_applicable.get(self.section.key)
        if reason is None:
            return Content("")
        return Content(f"This section does not apply{': ' + reason if reason else ''} (F4 to change)")

    def _focused_path(self) -> tuple[tuple[str, ...], str]:
        """Where the focus is, as a path of keys inside the section, and what to call it.
        A list section, or focus outside any field, means the whole section."""
        focused = self.app.focused
        rows = [
            node for node in (focused.ancestors_with_self if focused else []) if isinstance(node, FieldRow)
        ]
        if self.section.is_list or not rows:
            return (), f"The section {self.section.title}"
        rows.reverse()  # outermost first
        return tuple(row.spec.key for row in rows), rows[-1].spec.label

    def action_not_applicable(self) -> None:
        path, what = self._focused_path()
        current = self.session.not_applicable_reason(self.section.key, path)

        def answered(choice: tuple[bool, str] | None) -> None:
            if choice is None:
                return
            mark, reason = choice
            refused = self.session.mark_not_applicable(self.section.key, path, reason if mark else None)
            if refused:
                self.notify(f"{what} was not marked: {refused}", severity="warning")
                return
            self._show_gaps()
            self.query_one(SectionList).refresh_states()
            self._schedule_preview()
            self.app.note_edit()  # type: ignore[attr-defined]

        self.app.push_screen(GapDialog(what, current), answered)

    def _show_gaps(self) -> None:
        line = self.query_one("#section-gap", Static)
        line.update(self._section_gap())
        line.display = self.section.key in self.session.document.not_applicable
        if isinstance(self.editor, Form):
            self.editor.show_gaps(getattr(self.session.document, self.section.key))

    # Preview --------------------------------------------------------------------------------

    def _schedule_preview(self) -> None:
        if not self.query_one("#preview").display:
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._update_preview)

    def _update_preview(self) -> None:
        self.query_one("#preview", Markdown).update(render_section(self.session.document, self.section.key))

    def action_toggle_preview(self) -> None:
        preview = self.query_one("#preview")
        preview.display = not preview.display
        if preview.display:
            self._update_preview()

    def action_sections(self) -> None:
        sidebar = self.query_one(SectionList)
        sidebar.add_class("-shown")
        sidebar.query_one("OptionList").focus()

    def action_close_sections(self) -> None:
        sidebar = self.query_one(SectionList)
        if sidebar.has_class("-shown"):
            sidebar.remove_class("-shown")
            self.focus_first()

    @on(SectionList.Jump)
    def _jump(self, event: SectionList.Jump) -> None:
        self.query_one(SectionList).remove_class("-shown")
        self.app.show_section(event.section)  # type: ignore[attr-defined]

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.action_previous_section()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.app.action_next_section()  # type: ignore[attr-defined]
