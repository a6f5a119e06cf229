"""The first screen: start a new document or open an existing sidecar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from screens.inputs import FieldInput
from wizard.errors import InputError

if TYPE_CHECKING:
    from wizard.session import Session  # noqa: F401 - named in a string type argument below


class StartScreen(Screen["Session | None"]):
    CSS_PATH = "start.tcss"
    BINDINGS = [Binding("escape", "back", "Back")]

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
            yield OptionList(
                Option("Start a new document", id="new"),
                Option("Open an existing sidecar (.toml)", id="open"),
                Option("Quit", id="quit"),
            )
            yield Label(Content("Sidecar to open:"), id="open-label")
            yield FieldInput(placeholder="e.g. docs/ARCHITECTURE.toml", id="open-path")
            yield Static("", id="open-error")
        yield Footer()

    def on_mount(self) -> None:
        self._show_open(False)
        self.query_one(OptionList).focus()

    def _show_open(self, shown: bool) -> None:
        for selector in ("#open-label", "#open-path", "#open-error"):
            self.query_one(selector).display = shown

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == "new":
            from wizard.session import Session

            self.dismiss(Session())
        elif event.option_id == "open":
            self._show_open(True)
            self.query_one("#open-path").focus()
        else:
            self.dismiss(None)

    @on(Input.Submitted, "#open-path")
    def _open(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path:
            return
        from wizard.session import Session
        from wizard.spec import load_spec

        try:
            document, _ = load_spec(path)
        except InputError as error:
            self.query_one("#open-error", Static).update(_lines(error))
            return
        self.dismiss(Session(document, source=Path(path)))

    def action_back(self) -> None:
        self._show_open(False)
        self.query_one(OptionList).focus()


def _lines(error: InputError) -> Content:
    # The message is already printable; each problem stays on its own line.
    return Content("\n".join(line for line in str(error).splitlines()[:12]))
