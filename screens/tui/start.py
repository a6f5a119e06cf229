"""The first screen: start a new document or open an existing sidecar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.tui.inputs import FieldInput
from screens.tui.text import literal
from wizard import begin
from wizard.errors import ArchwizError

if TYPE_CHECKING:
    from wizard.drafts import Draft, Locked, SetAside
    from wizard.session import Session  # noqa: F401 - named in a string type argument below


class StartScreen(Screen["Session | None"]):
    """Dismisses with the session to edit, or None to quit.

    When another archwiz holds the draft, the offers are to read it, to start a new document
    with a draft of its own, and to quit.
    """

    CSS_PATH = "start.tcss"
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, found: Draft | SetAside | Locked | None = None) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Label(Content("archwiz"), id="start-title")
            yield Static(
                Content(
                    "Write a software architecture document, one section at a time, from the "
                    "header to ownership and review. Every field has help (F1) and an example."
                ),
                id="start-intro",
            )
            yield from self._draft_note()
            yield OptionList(*self._options())
            yield Label(Content("Sidecar to open:"), id="open-label")
            yield FieldInput(placeholder=f"e.g. {begin.OPEN_EXAMPLE}", id="open-path")
            yield Static("", id="open-error")
        yield Footer(compact=True)

    def _options(self) -> list[Option]:
        return [Option(literal(offer.label), id=offer.key) for offer in begin.offers(self.found)]

    def _draft_note(self) -> ComposeResult:
        if news := begin.note(self.found):
            yield Static(literal(news), id="draft-note")

    def on_mount(self) -> None:
        self._show_open(False)
        self.query_one(OptionList).focus()

    def _show_open(self, shown: bool) -> None:
        for selector in ("#open-label", "#open-path", "#open-error"):
            self.query_one(selector).display = shown

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option_id or "quit"
        if key == "read" and (held := begin.held_document(self.found)) is not None:
            from screens.tui.review import ReviewScreen

            self.app.push_screen(ReviewScreen(*held))
        elif key == "elsewhere":
            # The command line takes the new draft's lock and starts again there.
            self.app.start_elsewhere = True  # type: ignore[attr-defined]
            self.dismiss(None)
        elif key == "open":
            self._show_open(True)
            self.query_one("#open-path").focus()
        else:
            self.dismiss(begin.session_for(key, self.found))

    @on(Input.Submitted, "#open-path")
    def _open(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        try:
            session = begin.open_sidecar(event.value)
        except ArchwizError as error:
            self.query_one("#open-error", Static).update(_lines(error))
            return
        self.dismiss(session)

    def action_back(self) -> None:
        self._show_open(False)
        self.query_one(OptionList).focus()


def _lines(error: ArchwizError) -> Content:
    # The message is already printable; each problem stays on its own line.
    return Content("\n".join(line for line in str(error).splitlines()[:12]))
