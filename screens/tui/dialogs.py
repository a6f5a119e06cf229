"""Modal dialogs: edit one list item, confirm a deletion, show a field's help."""

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from screens.tui.form import FieldRow, Form, Problems
from screens.tui.inputs import mark_last_field
from wizard.items import item_from
from wizard.sections import FieldSpec


class ItemDialog(ModalScreen[Any]):
    """Edit one item of a list; dismisses with the validated item, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save item"),
        Binding("f1", "app.field_help", "Help"),  # the focused field's, as on a section
    ]

    def __init__(
        self, spec: FieldSpec, item: Any, index: int | None, check: Callable[[Any], Problems]
    ) -> None:
        super().__init__()
        self.spec = spec
        self.check = check
        self.item = item  # as opened: its not-applicable marks survive the edit
        noun = spec.noun
        self.heading = f"{spec.label}: new {noun}" if index is None else f"{spec.label}: {noun} {index + 1}"
        if spec.model is not None:
            self.form: Form | FieldRow = Form(spec.model, item)
        else:
            self.form = FieldRow(spec.item_field(), item or "")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="item-dialog"):
            yield Label(Content(self.heading), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield self.form
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        # The dialog's own keys, not the screen's behind it.
        yield Footer(compact=True)

    def on_mount(self) -> None:
        mark_last_field(self.form, self.focus_chain, "save")  # Enter there saves the item
        self.focus_next()
        # Focusing the first field scrolls it into view; its label must stay visible too.
        self.call_after_refresh(self.query_one(".dialog-body").scroll_home, animate=False)
        self._initial = self.form.value()

    @property
    def changed(self) -> bool:
        """Whether the form differs from the item as it was opened (unsaved work)."""
        return bool(self.is_mounted and self.form.value() != self._initial)

    def _validated(self) -> tuple[Any, Problems]:
        item, problems = item_from(self.spec, self.form.value(), self.item)
        return item, problems or self.check(item)

    def action_save(self) -> None:
        item, problems = self._validated()
        self.form.show_problems(problems)
        self._refused = True  # from now on the marks follow the fields as they are typed
        if problems:
            self._focus_first_problem()
            self.notify("Fix the marked field first, or press Escape to cancel.", severity="error", timeout=4)
            return
        self.dismiss(item)

    def _focus_first_problem(self) -> None:
        rows = [self.form] if isinstance(self.form, FieldRow) else list(self.form.query(".-invalid"))
        for row in rows[:1]:
            row.scroll_visible(animate=False)
            editor = getattr(row, "editor", None)
            if editor is not None and editor.focusable:
                editor.focus()

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(Content("Discard your changes to this item?"), "Discard"), answered
        )

    _refused = False

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _recheck(self) -> None:
        """After a refused save, a fixed field loses its mark as it is fixed (and a new
        mistake gets one), rather than at the next save."""
        if self._refused and self.is_mounted:
            self.form.show_problems(self._validated()[1])

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # One rule for Enter in a one-line field, here and on a section's form: it goes to
        # the next field, and on the last field of a dialog it saves. Adding a bullet is
        # "a", type, Enter.
        event.stop()
        chain = self.focus_chain
        after = chain[chain.index(event.input) + 1 :] if event.input in chain else []
        if not after or self.form not in after[0].ancestors:
            self.action_save()
        else:
            after[0].focus()


class ConfirmDialog(ModalScreen[bool]):
    """Asks before something that cannot be taken back. Cancel has focus, and no letter
    answers: "y" could be the next letter of a sentence typed ahead. Saying yes takes
    the button itself (Tab or shift+Tab to it, then Enter, or a click)."""

    BINDINGS = [Binding("escape", "answer(False)", "Cancel")]

    def __init__(self, question: Content, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm-dialog"):
            yield Static(self.question, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="error", compact=True)
                yield Button("Cancel (esc)", id="no", compact=True)
        # Its own keys, not those of the screen it asks over.
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ChoiceDialog(ModalScreen[str | None]):
    """One choice among a few (each a label and what it means); dismisses with its key, or
    None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices  # (key, label, what it means)

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(id="dialog", classes="confirm-dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            yield OptionList(
                *(Option(Content(f"{label}\n  ") + Content(why), id=key) for key, label, why in self.choices),
                compact=True,
            )
        yield Footer(compact=True)

    def on_option_list_option_selected(self, event: Any) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpDialog(ModalScreen[None]):
    """A field's help text and example, as the model states them."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec

    def compose(self) -> ComposeResult:
        spec = self.spec
        with Vertical(id="dialog", classes="help-dialog"):
            yield Label(Content(spec.label), classes="dialog-title")
            yield Static(Content(spec.help or "No help for this field."))
            if spec.required:
                yield Static(Content("Required."), classes="help-required")
            if spec.choices:
                yield Static(Content("One of: " + ", ".join(spec.choices)))
            if spec.example is not None:
                yield Label(Content("Example"), classes="help-heading")
                yield Static(Content(spec.example_text), classes="help-example")
            yield Button("Close (esc)", id="close", compact=True)
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


class GapDialog(ModalScreen[tuple[bool, str] | None]):
    """Mark a part as not applicable, with an optional reason; or say it applies after all.

    Dismissed with (True, reason) to mark, (False, "") to take the mark back, None to cancel.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#reason"  # as the screen opens, so a reason typed at once lands in it

    def __init__(self, what: str, reason: str | None) -> None:
        super().__init__()
        self.what = what
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="gap-dialog"):
            yield Static(Content(f"{self.what} does not apply"), classes="dialog-title")
            yield Label(Content("Why not (optional; Enter saves)"), classes="field-label")
            yield Input(self.reason or "", id="reason", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Not applicable", id="mark", variant="primary", compact=True)
                if self.reason is not None:
                    yield Button("It applies", id="clear", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.dismiss((True, self.query_one("#reason", Input).value.strip()))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "mark":
            self.dismiss((True, self.query_one("#reason", Input).value.strip()))
        elif event.button.id == "clear":
            self.dismiss((False, ""))
        else:
            self.dismiss(None)
