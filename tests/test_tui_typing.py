"""Typing is text, never a command: a sentence typed into every field, in Tab order, on every
section and in every item dialog, lands in the field and deletes, opens or moves nothing.

A user once lost a list item this way: Tab had left focus on a list's button, and
the "d" and "y" of "GET /{code} by browsers" deleted an item and confirmed it.
"""

from typing import Any

from conftest import COMPLETE
from textual.widget import Widget
from textual.widgets import Button, Input, TextArea
from tui import drive, eventually, load_document, section_screen, type_ahead

from screens.tui.dialogs import ItemDialog
from screens.tui.form import FieldRow
from screens.tui.list_editor import ListEditor
from wizard.sections import SECTIONS, FieldKind
from wizard.session import Session

# Every list key (a, e, d, y, [, ]) with brackets, digits and punctuation, as people type;
# short, because every key is validated as typed (~25 ms each) and it goes into ~150 fields.
SENTENCE = "GET /{id} by [a] (e.g. 2d)"
LIST_KEYS = "adey[]"


def _field_kind(widget: Widget) -> FieldKind | None:
    node = widget.parent
    while node is not None and not isinstance(node, FieldRow):
        node = node.parent
    return node.spec.kind if isinstance(node, FieldRow) else None


def _types_text(widget: Widget | None) -> bool:
    if isinstance(widget, TextArea):
        return not widget.read_only
    return isinstance(widget, Input) and _field_kind(widget) is FieldKind.TEXT


def _list_sizes(screen: Any) -> list[int]:
    return [len(editor.items) for editor in screen.query(ListEditor)]


async def _type_everywhere(app: Any, pilot: Any, screen: Any) -> list[Widget]:
    """Type SENTENCE into each text field of ``screen``, going round its Tab order once from
    the focused widget with real Tab keys; the fields typed into.

    A field's letters and the Tab after them go out at once, as a fast typist's do; the
    next field's wait until that Tab has moved focus (Textual hands a key to the widget
    focused when the key arrives, so no typist could type ahead across a Tab either).
    """
    chain = screen.focus_chain
    first = chain.index(app.focused)
    fields = []
    for widget in chain[first:] + chain[:first]:
        # On a loaded machine the Tab's focus move can land after the pause that sent it.
        await eventually(pilot, lambda w=widget: app.focused is w, timeout=3.0)
        assert app.focused is widget, f"Tab order changed while typing: {app.focused!r}, not {widget!r}"
        text = _types_text(widget)
        if text:
            fields.append(widget)
        # A button looks like nothing to type into, but a user who thinks the next field
        # has focus types anyway: its letters (never space or Enter, which press it) must
        # do nothing. This is how a list's Delete button once deleted an item.
        keys = SENTENCE if text else LIST_KEYS if isinstance(widget, Button) else ""
        await type_ahead(app, pilot, *keys, "tab")
        assert app.screen is screen, f"typing {keys!r} on {widget!r} opened {app.screen!r}"
    return fields


def _value(widget: Widget) -> str:
    return str(widget.text if isinstance(widget, TextArea) else widget.value)  # type: ignore[attr-defined]


def test_a_sentence_typed_into_every_field_of_every_section_is_text() -> None:
    session = Session(load_document(COMPLETE))

    async def scenario(app, pilot):
        for section in SECTIONS:
            app.show_section(section)
            await pilot.pause()
            screen = section_screen(app)
            before = _list_sizes(screen)
            fields = await _type_everywhere(app, pilot, screen)
            for field in fields:
                assert SENTENCE in _value(field), (section.key, _value(field))
            assert _list_sizes(screen) == before, section.key  # nothing added, deleted or opened

    drive(scenario, session)
    # Lists in the document are as they were: typing never changed one.
    typed, original = session.document.model_dump(), load_document(COMPLETE).model_dump()
    assert _lists(typed) == _lists(original)


def test_a_sentence_typed_into_every_field_of_every_item_dialog_is_text() -> None:
    session = Session(load_document(COMPLETE))
    opened: list[str] = []

    async def scenario(app, pilot):
        for section in SECTIONS:
            app.show_section(section)
            await pilot.pause()
            screen = section_screen(app)
            for editor in list(screen.query(ListEditor)):
                before = len(editor.items)
                editor.table.focus()
                await pilot.press("e" if editor.items else "a")
                await pilot.pause()
                dialog = app.screen
                assert isinstance(dialog, ItemDialog), (section.key, editor.spec.name)
                opened.append(f"{section.key}.{editor.spec.name}")
                nested = _list_sizes(dialog)
                fields = await _type_everywhere(app, pilot, dialog)
                assert fields and all(SENTENCE in _value(field) for field in fields), opened[-1]
                assert _list_sizes(dialog) == nested, opened[-1]
                await pilot.press("escape")  # discard? Cancel has focus; shift+tab reaches Discard
                await pilot.pause()
                await pilot.press("shift+tab", "enter")
                await pilot.pause()
                assert app.screen is screen, opened[-1]
                assert len(editor.items) == before, opened[-1]

    drive(scenario, session)
    assert len(opened) >= 20  # every list of every section had its dialog typed into
    assert session.document == load_document(COMPLETE)


def _lists(value: Any) -> Any:
    """The lengths of the lists in ``value``, however nested."""
    if isinstance(value, list):
        return [len(value), *(_lists(item) for item in value if isinstance(item, dict))]
    if isinstance(value, dict):
        return {key: _lists(item) for key, item in value.items() if isinstance(item, list | dict)}
    return None
