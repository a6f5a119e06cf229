"""The review screen: the whole document, what is still missing, and where to write it."""

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from screens.tui.inputs import FieldInput
from screens.tui.sidebar import entry
from screens.tui.text import literal, literal_lines
from wizard import finish
from wizard.chars import printable
from wizard.errors import ArchwizError
from wizard.markdown import render_markdown
from wizard.sections import TEMPLATE_SECTIONS, first_missing
from wizard.session import Session
from wizard.writing import WouldReplace


class ReviewScreen(Screen[list[Path] | None]):
    """Dismisses with the paths written, or None if nothing was.

    ``read_only`` names who else is editing the document; nothing can be written then.
    """

    CSS_PATH = "review.tcss"
    BINDINGS = [Binding("escape", "back", "Back"), Binding("ctrl+s", "write", "Write")]

    def __init__(self, session: Session, read_only: str = "") -> None:
        super().__init__()
        self.session = session
        self.read_only = read_only
        self.written: list[Path] | None = None

    def compose(self) -> ComposeResult:
        review = finish.review(self.session)
        open_sections = [
            Option(_todo(entry(todo.section, todo.state), todo.lacks()), id=todo.section.key)
            for todo in review.todo
        ]
        with Vertical(id="review"):
            title = "Read-only" if self.read_only else "Review"
            yield Label(Content(f"{title} · {review.headline()}"), id="review-title")
            if self.read_only:
                yield Static(literal(f"Being edited by {self.read_only}."), id="review-read-only")
            with VerticalScroll(id="review-body"):
                if open_sections:
                    # Read-only, there is nowhere to go: the sections are another archwiz's.
                    go = "" if self.read_only else "; Enter goes there"
                    yield Static(
                        Content(f"Still to do (written as _TBD_ until answered{go}):"),
                        classes="review-heading",
                    )
                    yield OptionList(*open_sections, id="review-missing", compact=True)
                else:
                    yield Static(Content("Every section is complete."), classes="review-heading")
                # Filled once the screen is up: Textual builds a widget per Markdown block (seconds
                # for a long document), and keys typed meanwhile must reach the path field.
                yield Markdown(id="review-document", open_links=False)
            with Horizontal(id="review-write"):
                yield Label(Content("Write to:"))
                yield FieldInput(str(self.session.default_output()), id="review-path", compact=True)
                yield Button("Write", id="write", variant="primary", compact=True)
            yield Static("", id="review-result")
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.read_only and action == "write")

    def on_mount(self) -> None:
        if self.read_only:
            self.query_one("#review-write").display = False
            self.query_one("#review-document").focus()
        else:
            self.query_one("#review-path").focus()
        self.call_after_refresh(self._show_document)

    async def _show_document(self) -> None:
        await self.query_one("#review-document", Markdown).update(render_markdown(self.session.document))

    @on(Input.Submitted, "#review-path")
    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        if self.read_only:
            return
        target = self.query_one("#review-path", Input).value
        try:
            self._written(finish.write(self.session, target))
        except WouldReplace as refused:
            self._ask_to_replace(target, refused)
        except ArchwizError as error:
            self._failed(error)

    def _ask_to_replace(self, target: str, refused: WouldReplace) -> None:
        from screens.tui.dialogs import ConfirmDialog

        def answered(replace: bool | None) -> None:
            if not replace:
                self._failed(refused)
                return
            try:
                self._written(finish.write(self.session, target, force=True))
            except ArchwizError as error:
                self._failed(error)

        self.app.push_screen(ConfirmDialog(literal_lines(refused.question()), "Replace"), answered)

    def _failed(self, error: ArchwizError) -> None:
        result = self.query_one("#review-result", Static)
        result.update(literal_lines(str(error)))
        result.set_class(True, "-error")

    def _written(self, written: tuple[Path, Path]) -> None:
        self.written = list(written)
        result = self.query_one("#review-result", Static)
        result.set_class(False, "-error")
        result.update(literal(finish.written_news(self.session, written)))
        self.notify(printable(f"Wrote {written[0]}"), title="Written", markup=False)

    def action_back(self) -> None:
        self._remember_path()
        self.dismiss(self.written)

    def _remember_path(self) -> None:
        """What the user typed as the place to write is offered again next time."""
        typed = self.query_one("#review-path", Input).value.strip()
        if typed:
            self.session.output = Path(typed)

    @on(OptionList.OptionSelected, "#review-missing")
    def _go_to(self, event: OptionList.OptionSelected) -> None:
        """Back to the sections, at the one chosen, to fill in what it still lacks."""
        if self.read_only:
            return
        section = next(section for section in TEMPLATE_SECTIONS if section.key == event.option.id)
        self._remember_path()
        self.dismiss(self.written)
        self.app.show_section(section)  # type: ignore[attr-defined]
        # At the first field still empty, not merely the section's first field.
        name = first_missing(self.session.document, section)
        screen = self.app.get_screen(section.key)
        self.app.call_after_refresh(screen.focus_field, name)  # type: ignore[attr-defined]


def _todo(title: Content, lacks: str) -> Content:
    """A section still to do, and what it still lacks."""
    return title + Content(f"\n    {lacks}") if lacks else title
