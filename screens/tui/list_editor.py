"""One list editor for every repeating thing: goals, components, table rows, links, bullet lines.

Items are shown as rows of a table (all of them, scrollable); add, edit, delete
(after a confirmation) and reorder work by key and by button. Editing opens an
``ItemDialog`` whose form is generated from the item's model, so this widget
never knows what it lists.

The list's keys belong to its table, the list's one Tab stop: a letter typed
anywhere else is text, never an action. The buttons are for the mouse and do not
take focus, so typing meant for the next field cannot land on them.
"""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from screens.tui.text import literal, literal_lines, one_line_text, strip_controls
from wizard.items import item_from
from wizard.problems import Loc
from wizard.sections import FieldKind, FieldSpec

Problems = list[tuple[Loc, str]]
ListCheck = Callable[[list[Any]], Problems]


def _cell(field: FieldSpec, item: BaseModel) -> Text:
    value = getattr(item, field.name)
    if field.kind is FieldKind.FLAG:
        return Text("yes" if value else "no")
    return one_line_text(str(value if value is not None else ""), width=32)


class ItemTable(DataTable[Text]):
    """The items, and the keys that act on them: only while this table has focus."""

    BINDINGS = [
        Binding("a", "list('add')", "Add"),
        Binding("e", "list('edit')", "Edit", show=False),
        # Deleting takes a key no sentence types.
        Binding("delete", "list('delete')", "Delete"),
        Binding("left_square_bracket", "list('up')", "Move up", show=False),
        Binding("right_square_bracket", "list('down')", "Move down", show=False),
        # Only on a diagram slot that can be drawn from the answers (check_action).
        Binding("g", "list('generate')", "Generate"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "list" and parameters == ("generate",):
            editor = self.parent
            return isinstance(editor, ListEditor) and bool(editor.generators)
        return super().check_action(action, parameters)

    def on_focus(self, event: events.Focus) -> None:
        # Focus scrolls only the table's top into view; in a dialog the rows (and what a
        # paste just added) would stay below the edge. The whole list is brought in.
        self.call_after_refresh(self._show_list)

    def _show_list(self) -> None:
        editor = self.parent
        if isinstance(editor, ListEditor) and self.has_focus:
            editor.scroll_visible(animate=False)

    def action_list(self, name: str) -> None:
        editor = self.parent
        assert isinstance(editor, ListEditor)
        editor.act(name)

    def _on_paste(self, event: events.Paste) -> None:
        # Text pasted on a list of texts adds one entry per line: a list of requirements
        # copied from elsewhere is one paste, not a dialog per entry.
        editor = self.parent
        assert isinstance(editor, ListEditor)
        event.stop()
        editor.add_lines(event.text)


class _MouseButton(Button):
    """A list button: clicked, never focused (the table's keys do the same)."""

    can_focus = False


class ListEditor(Vertical):
    """A list of items with add, edit, delete and reorder."""

    class Changed(Message):
        """The list changed; ``editor.items`` holds the new items."""

        def __init__(self, editor: "ListEditor") -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> "ListEditor":
            return self.editor

    class EditItem(Message):
        """Open the item at ``index`` (None: a new one) in a dialog; the app does, then hands
        the result to ``editor.item_done(index)``."""

        def __init__(self, editor: "ListEditor", index: int | None) -> None:
            super().__init__()
            self.editor = editor
            self.index = index

    class GenerateItem(Message):
        """Draw a new item from the answers (a mermaid diagram); the app asks which, then
        hands the raw item to ``editor.add_generated``."""

        def __init__(self, editor: "ListEditor") -> None:
            super().__init__()
            self.editor = editor

    class DeleteItem(Message):
        """Ask ``question`` before deleting the item at ``index``; the answer goes to
        ``editor.delete_done(index)``."""

        def __init__(self, editor: "ListEditor", index: int, question: Content) -> None:
            super().__init__()
            self.editor = editor
            self.index = index
            self.question = question

    def __init__(self, spec: FieldSpec, items: list[Any], check: ListCheck | None = None) -> None:
        super().__init__(classes="list-editor")
        self.spec = spec
        self.items = items
        self.check = check
        self.columns = spec.summary_fields

    def compose(self) -> ComposeResult:
        yield ItemTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="list-empty")
        with Horizontal(classes="list-buttons"):
            # Short labels, keys included, so that all five fit beside the section list at 80 columns.
            yield _MouseButton("a Add", id="add", compact=True, tooltip=f"Add {self.spec.a_noun}")
            yield _MouseButton("e Edit", id="edit", compact=True)
            yield _MouseButton("del Delete", id="delete", compact=True)
            yield _MouseButton("[ Up", id="up", compact=True, tooltip="Move up")
            yield _MouseButton("] Down", id="down", compact=True, tooltip="Move down")
        yield Static("", classes="field-error")

    def on_mount(self) -> None:
        table = self.table
        table.add_column("#", key="#")
        for field in self.columns:
            table.add_column(Text(field.label), key=field.name)
        if not self.columns:
            table.add_column(Text(self.spec.label), key="value")
        self._fill()

    @property
    def table(self) -> ItemTable:
        return self.query_one(ItemTable)

    def _row(self, number: int, item: Any) -> list[Text]:
        if isinstance(item, BaseModel):
            return [Text(str(number)), *(_cell(field, item) for field in self.columns)]
        return [Text(str(number)), one_line_text(str(item), width=60)]

    def _fill(self, cursor: int | None = None) -> None:
        table = self.table
        table.clear()
        table.add_rows(self._row(number, item) for number, item in enumerate(self.items, 1))
        empty = self.query_one(".list-empty", Static)
        if self.items:
            empty.display = False
        else:
            empty.display = True
            paste = "" if self.spec.model is not None else ", or paste lines, one entry each"
            add = f"press a (or click Add) to add {self.spec.a_noun}{paste}"
            empty.update(Content(f"Nothing here yet. On the list, {add}."))
        # Shown even when empty (its header only): it is the list's Tab stop.
        if cursor is not None and self.items:
            table.move_cursor(row=max(0, min(cursor, len(self.items) - 1)))

    def load(self, items: list[Any]) -> None:
        self.items = items
        self._fill()

    def show_problems(self, problems: Problems) -> None:
        lines = []
        for loc, message in problems:
            where = f"{self.spec.noun.capitalize()} {loc[0] + 1}: " if loc and isinstance(loc[0], int) else ""
            lines.append(where + message)
        self.query_one(".field-error", Static).update(literal_lines("\n".join(lines)))
        self.set_class(bool(problems), "-invalid")

    def _changed(self, cursor: int | None) -> None:
        self._fill(cursor)
        self.post_message(self.Changed(self))

    @property
    def cursor(self) -> int | None:
        return self.table.cursor_row if self.items else None

    # Actions --------------------------------------------------------------------------------

    def action_add(self) -> None:
        self._open(None)

    def action_edit(self) -> None:
        if self.cursor is not None:
            self._open(self.cursor)

    def _open(self, index: int | None) -> None:
        # The app opens the dialog: dialogs hold forms, and forms hold list editors.
        self.post_message(self.EditItem(self, index))

    def item_done(self, index: int | None) -> Callable[[Any], None]:
        """What to do with the item an ItemDialog opened at ``index`` dismisses with."""

        def done(result: Any) -> None:
            if result is None:
                return
            if index is None:
                self.items.append(result)
                self._changed(len(self.items) - 1)
            else:
                self.items[index] = result
                self._changed(index)
            self.table.focus()

        return done

    def check_item(self, index: int | None) -> Callable[[Any], Problems]:
        """Rules across the whole list (unique names), as they concern the item being edited."""

        def check(item: Any) -> Problems:
            if self.check is None:
                return []
            items = list(self.items)
            at = len(items) if index is None else index
            items[at : at + 1] = [item]
            return [(loc[1:], message) for loc, message in self.check(items) if loc and loc[0] == at]

        return check

    def add_lines(self, text: str) -> None:
        """Each non-empty line of ``text`` as a new entry of a list of texts; none of them
        when one is refused (the message names it, and the clipboard still holds them all)."""
        if self.spec.model is not None:
            self.notify(f"Paste adds entries to lists of texts; add {self.spec.a_noun} with a.", timeout=4)
            return
        clean, _ = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
        lines = [line.strip() for line in clean.split("\n") if line.strip()]
        if not lines:
            return
        added = []
        for number, line in enumerate(lines, 1):
            item, refused = item_from(self.spec, line)
            if refused:
                why = "; ".join(message for _, message in refused)
                self.show_problems([((), f"pasted line {number} was refused, so nothing was added: {why}")])
                return
            added.append(item)
        problems = self.check([*self.items, *added]) if self.check else []
        if problems:
            self.show_problems(problems)
            return
        self.items.extend(added)
        self._changed(len(self.items) - 1)
        self.notify(f"Added {len(added)} {'entry' if len(added) == 1 else 'entries'}.", timeout=3)

    def action_delete(self) -> None:
        index = self.cursor
        if index is None:
            return
        item = self.items[index]
        name = getattr(item, self.columns[0].name) if self.columns else item
        question = Content.assemble(f"Delete {self.spec.noun} {index + 1}, ", literal(str(name)), "?")
        self.post_message(self.DeleteItem(self, index, question))

    def delete_done(self, index: int) -> Callable[[bool | None], None]:
        """What to do with the answer to "Delete item ``index``?"."""

        def done(confirmed: bool | None) -> None:
            if confirmed:
                del self.items[index]
                self._changed(index)
            self.table.focus()

        return done

    def action_move(self, step: int) -> None:
        index = self.cursor
        if index is None or not 0 <= index + step < len(self.items):
            return
        items = self.items
        items[index], items[index + step] = items[index + step], items[index]
        self._changed(index + step)

    @on(DataTable.RowSelected)
    def _edit_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_generate(self) -> None:
        # The app asks which diagram: it holds the document the diagram is drawn from.
        self.post_message(self.GenerateItem(self))

    @property
    def generators(self) -> list[Any]:
        """The diagrams that can be drawn into this list (a diagram slot), else none."""
        from wizard.diagrams import GENERATORS
        from wizard.model.overview import Diagram

        if self.spec.model is not Diagram:
            return []
        return [generator for generator in GENERATORS if generator.slot == self.spec.name]

    def add_generated(self, raw: Any) -> None:
        """A drawn item, added at the end as if typed in a dialog, and selected."""
        item, refused = item_from(self.spec, raw)
        if refused:
            self.show_problems([((), "; ".join(message for _, message in refused))])
            return
        self.items.append(item)
        self._changed(len(self.items) - 1)
        self.table.focus()

    def act(self, name: str) -> None:
        actions: dict[str, Callable[[], None]] = {
            "generate": self.action_generate,
            "add": self.action_add,
            "edit": self.action_edit,
            "delete": self.action_delete,
            "up": lambda: self.action_move(-1),
            "down": lambda: self.action_move(1),
        }
        actions[name]()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        self.act(str(event.button.id))
        self.table.focus()
