"""Input widgets that keep terminal controls out, whether typed or pasted.

A pasted ESC or right-to-left override would otherwise be drawn raw by the
terminal before validation could refuse it; the model would reject it anyway,
so it is dropped at the door and the user is told.
"""

from typing import Any

from textual import events
from textual.binding import Binding
from textual.widgets import Input, TextArea

from screens.tui.text import strip_controls


def _told(widget: Input | TextArea, removed: int) -> None:
    if removed:
        noun = "character" if removed == 1 else "characters"
        widget.notify(
            f"Removed {removed} control {noun} from the pasted text.", severity="warning", markup=False
        )


def _line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class FieldInput(Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Tab into a filled field and type: the text is added at its end. Textual's default
        # selects it all on focus, so the first key typed would replace the user's answer.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def insert_text_at_cursor(self, text: str) -> None:
        clean, removed = strip_controls(text)
        _told(self, removed)
        super().insert_text_at_cursor(clean)

    def _on_paste(self, event: events.Paste) -> None:
        # A one-line field gets every pasted line, joined by spaces: dropping all but
        # the first would lose text without a word.
        lines = [line.strip() for line in _line_ends(event.text).split("\n")]
        clean, removed = strip_controls(" ".join(line for line in lines if line))
        _told(self, removed)
        if len(lines) > 1:
            self.notify("Joined the pasted lines: this field is a single line.", markup=False)
        event.prevent_default()
        event.stop()
        if clean:
            selection = self.selection
            if selection.is_empty:
                super().insert_text_at_cursor(clean)
            else:
                self.replace(clean, *selection)


class AnswerInput(FieldInput):
    """A one-line field of a form. The footer says what Enter does there: it moves on to the
    next field, or on a dialog's last field (``saves``) it saves the dialog."""

    BINDINGS = [
        Binding("enter", "next", "Next", key_display="⏎"),
        Binding("enter", "save", "Save", key_display="⏎"),
    ]
    saves = False  # set on a dialog's last field

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # One of the two is shown (and runs), so the footer says what Enter will do.
        if action == "next":
            return not self.saves
        if action == "save":
            return self.saves
        return super().check_action(action, parameters)

    async def action_next(self) -> None:
        await self.action_submit()

    async def action_save(self) -> None:
        await self.action_submit()


class FieldTextArea(TextArea):
    def _on_blur(self, event: events.Blur) -> None:
        # Code does not wrap; left scrolled to the right, its start would stay hidden.
        self.scroll_to(x=0, animate=False)

    async def _on_paste(self, event: events.Paste) -> None:
        # Tabs and line breaks stay (the model says where they are allowed). Terminals
        # send a pasted line end as CR, Windows text as CRLF: both are line ends, not
        # controls to remove.
        clean, removed = strip_controls(_line_ends(event.text))
        _told(self, removed)
        event.prevent_default()
        event.stop()
        if self.read_only or not clean:
            return
        result = self.replace(clean, *self.selection)
        self.move_cursor(result.end_location)
