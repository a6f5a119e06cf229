"""Input widgets that keep terminal controls out, whether typed or pasted.

A pasted ESC or right-to-left override would otherwise be drawn raw by the
terminal before validation could refuse it; the model would reject it anyway,
so it is dropped at the door and the user is told.
"""

from textual import events
from textual.widgets import Input, TextArea

from screens.text import strip_controls


def _told(widget: Input | TextArea, removed: int) -> None:
    if removed:
        noun = "character" if removed == 1 else "characters"
        widget.notify(
            f"Removed {removed} control {noun} from the pasted text.", severity="warning", markup=False
        )


class FieldInput(Input):
    def insert_text_at_cursor(self, text: str) -> None:
        clean, removed = strip_controls(text)
        _told(self, removed)
        super().insert_text_at_cursor(clean)

    def _on_paste(self, event: events.Paste) -> None:
        clean, removed = strip_controls(event.text.splitlines()[0] if event.text else "")
        _told(self, removed)
        event.prevent_default()
        event.stop()
        if clean:
            selection = self.selection
            if selection.is_empty:
                super().insert_text_at_cursor(clean)
            else:
                self.replace(clean, *selection)


class FieldTextArea(TextArea):
    async def _on_paste(self, event: events.Paste) -> None:
        # Tabs and line breaks stay (the model says where they are allowed); Windows
        # line ends are just line ends, not a control worth a warning.
        clean, removed = strip_controls(event.text.replace("\r\n", "\n"))
        _told(self, removed)
        event.prevent_default()
        event.stop()
        if self.read_only or not clean:
            return
        result = self.replace(clean, *self.selection)
        self.move_cursor(result.end_location)
