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

from screens.tui.inputs import FieldInput
from screens.tui.text import literal
from wizard.errors import InputError
from wizard.outputs import typed_path

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
            yield FieldInput(placeholder="e.g. docs/ARCHITECTURE.toml", id="open-path")
            yield Static("", id="open-error")
        yield Footer(compact=True)

    def _options(self) -> list[Option]:
        quit = Option("Quit", id="quit")
        offers = [
            Option("Start a new document", id="new"),
            Option("Open an existing sidecar (.toml)", id="open"),
            quit,
        ]
        if self.found is None:  # and no model import: the first screen must appear fast
            return offers
        from wizard.drafts import Draft, Locked

        if isinstance(self.found, Locked):
            offers = [Option("Read the draft (read-only)", id="read")]
            if self.found.elsewhere is not None:
                label = f"Start a new document (its own draft, {self.found.elsewhere.name})"
                offers.append(Option(Content(label), id="elsewhere"))
            return [*offers, quit]
        if isinstance(self.found, Draft):
            return [Option(Content(f"Resume the draft ({self.found.describe()})"), id="resume"), *offers]
        return offers

    def _draft_note(self) -> ComposeResult:
        if self.found is None:
            return
        from wizard.drafts import Locked, SetAside

        if isinstance(self.found, Locked | SetAside):
            yield Static(literal(self.found.describe()), id="draft-note")

    def on_mount(self) -> None:
        self._show_open(False)
        self.query_one(OptionList).focus()

    def _show_open(self, shown: bool) -> None:
        for selector in ("#open-label", "#open-path", "#open-error"):
            self.query_one(selector).display = shown

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from wizard.drafts import Draft, Locked
        from wizard.session import Session

        found = self.found
        if event.option_id == "read" and isinstance(found, Locked):
            from screens.tui.review import ReviewScreen

            self.app.push_screen(ReviewScreen(Session(found.draft.document), read_only=found.holder))
        elif event.option_id == "resume" and isinstance(found, Draft):
            self.dismiss(Session.resumed(found))
        elif event.option_id == "new":
            self.dismiss(Session())
        elif event.option_id == "elsewhere":
            # The command line takes the new draft's lock and starts again there.
            self.app.start_elsewhere = True  # type: ignore[attr-defined]
            self.dismiss(None)
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
            path = str(typed_path(path))
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
