"""Input widgets that keep terminal controls out, whether typed or pasted.

A pasted ESC or right-to-left override would otherwise be drawn raw by the
terminal before validation could refuse it; the model would reject it anyway,
so it is dropped at the door and the user is told.
"""

from typing import Any

from textual import events
from textual.binding import Binding
from textual.widget import Widget
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
        # the first would lose text without a word. Spaces around the pasted text are the
        # user's (" and " pasted between two words): only those at the joins go.
        lines = _line_ends(event.text).split("\n")
        clean, removed = strip_controls(_joined(lines))
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


def _joined(lines: list[str]) -> str:
    if len(lines) == 1:
        return lines[0]
    inner = [line.strip() for line in lines if line.strip()]
    if not inner:
        return ""
    first, last = lines[0], lines[-1]
    return first[: len(first) - len(first.lstrip())] + " ".join(inner) + last[len(last.rstrip()) :]


class AnswerInput(FieldInput):
    """A one-line field of a form. The footer says what Enter does there: it moves on to the
    next field; on the last field (``last``) it saves a dialog, or goes on to the next section."""

    BINDINGS = [
        Binding("enter", "next", "Next", key_display="⏎"),
        Binding("enter", "save", "Save", key_display="⏎"),
        Binding("enter", "next_section", "Next section", key_display="⏎"),
    ]
    last = ""  # "save" on a dialog's last field, "section" on a section's

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # One of the three is shown (and runs), so the footer says what Enter will do.
        wanted = {"next": "", "save": "save", "next_section": "section"}
        if action in wanted:
            return self.last == wanted[action]
        return super().check_action(action, parameters)

    async def action_next(self) -> None:
        await self.action_submit()

    async def action_save(self) -> None:
        await self.action_submit()

    async def action_next_section(self) -> None:
        await self.action_submit()


def mark_last_field(container: Widget, chain: list[Widget], what: str) -> None:
    """Tell the last one-line field of ``container`` (in focus order ``chain``) what Enter
    does there."""
    fields = [widget for widget in chain if container in widget.ancestors_with_self]
    for widget in fields:
        if isinstance(widget, AnswerInput):
            widget.last = ""
    if fields and isinstance(fields[-1], AnswerInput):
        fields[-1].last = what


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
