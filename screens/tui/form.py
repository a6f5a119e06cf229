"""A form generated from a model: one row per field, each edited by the widget its kind calls for.

Sections and list items are both edited through ``Form``; nothing here knows
which model it shows. Values go in with ``load`` and come out with ``value``
(raw, for the model to validate); problems come back with ``show_problems``.
"""

from collections import defaultdict
from typing import Any

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from screens.tui.inputs import AnswerInput, FieldTextArea
from screens.tui.list_editor import ListEditor
from wizard.model.base import Model
from wizard.problems import Loc
from wizard.sections import FieldKind, FieldSpec, fields_of
from wizard.text import TextKind

Problems = list[tuple[Loc, str]]


def placeholder(spec: FieldSpec) -> str:
    if spec.kind is FieldKind.DATE:
        return f"YYYY-MM-DD, e.g. {spec.example}" if spec.example else "YYYY-MM-DD"
    if spec.example is None or (isinstance(spec.example, str) and "\n" in spec.example):
        return ""
    return f"e.g. {spec.example}"


def _editor(spec: FieldSpec, value: Any) -> Widget:
    """The widget that edits one field, chosen by the field's kind."""
    kind = spec.kind
    if spec.multiline:
        return _text_area(spec, value)
    if kind is FieldKind.TEXT:
        return AnswerInput(value, placeholder=placeholder(spec), compact=True)
    if kind is FieldKind.DATE:
        return AnswerInput(spec.as_text(value), placeholder=placeholder(spec), compact=True)
    if kind is FieldKind.NUMBER:
        return AnswerInput(spec.as_text(value), placeholder=placeholder(spec), type="integer", compact=True)
    if kind is FieldKind.CHOICE:
        # A choice that starts unanswered (a status) may be left so: nothing is chosen for the author.
        optional = spec.default is None
        return Select(
            [(choice, choice) for choice in spec.choices],
            allow_blank=optional,
            prompt="Not answered" if optional else "Select",
            value=Select.NULL if value is None else value,
            compact=True,
        )
    if kind is FieldKind.FLAG:
        return Checkbox(spec.label, value, compact=True)
    if kind is FieldKind.GROUP:
        assert spec.model is not None
        return Form(spec.model, value)
    return ListEditor(spec, list(value))


def _text_area(spec: FieldSpec, value: str) -> TextArea:
    assert spec.text is not None
    # Tab moves focus everywhere: a keyboard user must never be trapped in an editor.
    if spec.text.kind is TextKind.CODE:
        language = spec.text.language if spec.text.language in TextArea().available_languages else None
        area = FieldTextArea.code_editor(value, language=language, tab_behavior="focus", soft_wrap=False)
        area.add_class("code")
    else:
        # Prose and one-line text are the author's Markdown: highlighted as Markdown while edited.
        markdown = "markdown" if "markdown" in TextArea().available_languages else None
        area = FieldTextArea(
            value, language=markdown, soft_wrap=True, tab_behavior="focus", show_line_numbers=False
        )
    area.placeholder = Content(f"e.g. {spec.example}") if spec.example else ""
    return area


class FieldRow(Vertical):
    """One field: its label, its editor and the line where its problem shows."""

    def __init__(self, spec: FieldSpec, value: Any, gap: str | None = None) -> None:
        super().__init__(classes=f"field-row {spec.kind.name.lower()}")
        self.spec = spec
        self.editor = _editor(spec, value)
        self.gap = gap  # the reason it is marked not applicable ("" for none), or None

    def compose(self) -> ComposeResult:
        if self.spec.kind is not FieldKind.FLAG:
            mark = " *" if self.spec.required else ""
            yield Label(Content(self.spec.label + mark), classes="field-label")
        yield self.editor
        gap = Static(self._gap_text(), classes="field-gap")
        gap.display = self.gap is not None
        yield gap
        yield Static("", classes="field-error")

    def _gap_text(self) -> Content:
        if self.gap is None:
            return Content("")
        reason = f": {self.gap}" if self.gap else ""
        return Content(f"Not applicable{reason} (F4 to change)")

    def show_gap(self, gap: str | None) -> None:
        self.gap = gap
        if self.is_mounted:
            line = self.query_one(".field-gap", Static)
            line.update(self._gap_text())
            line.display = gap is not None
        self.set_class(gap is not None, "-not-applicable")

    def value(self) -> Any:
        editor = self.editor
        if isinstance(editor, Form):
            return editor.value()
        if isinstance(editor, ListEditor):
            return list(editor.items)
        if isinstance(editor, Checkbox):
            return editor.value
        if isinstance(editor, Select):
            return None if editor.value is Select.NULL else editor.value
        if isinstance(editor, TextArea):
            return editor.text
        assert isinstance(editor, Input)
        return self.spec.parse(editor.value)

    def load(self, value: Any) -> None:
        editor = self.editor
        if isinstance(editor, Form):
            editor.load(value)
        elif isinstance(editor, ListEditor):
            editor.load(list(value))
        elif isinstance(editor, Select):
            editor.value = Select.NULL if value is None else value
        elif isinstance(editor, Checkbox):
            editor.value = value
        elif isinstance(editor, TextArea):
            editor.load_text(value)
        elif isinstance(editor, Input):
            editor.value = self.spec.as_text(value)

    def show_problems(self, problems: Problems) -> None:
        """Problems located relative to this field (an empty location is the field itself)."""
        if isinstance(self.editor, Form):
            self.editor.show_problems(problems)
            return
        if isinstance(self.editor, ListEditor):
            self.editor.show_problems(problems)
            return
        error = self.query_one(".field-error", Static)
        error.update(Content("\n".join(message for _, message in problems)))
        self.set_class(bool(problems), "-invalid")


class Form(Vertical):
    """The fields of one model, in the model's order."""

    def __init__(self, model: type[BaseModel], value: BaseModel | None = None) -> None:
        super().__init__(classes="form")
        self.model = model
        marks = value.not_applicable if isinstance(value, Model) else {}
        self.rows = {
            spec.name: FieldRow(spec, _initial(spec, value), marks.get(spec.key)) for spec in fields_of(model)
        }
        self._by_key = {row.spec.key: row for row in self.rows.values()}

    def compose(self) -> ComposeResult:
        yield from self.rows.values()

    def value(self) -> dict[str, Any]:
        return {name: row.value() for name, row in self.rows.items()}

    def load(self, value: BaseModel) -> None:
        for name, row in self.rows.items():
            row.load(getattr(value, name))
        self.show_gaps(value)

    def show_gaps(self, value: BaseModel) -> None:
        """Which fields are marked not applicable, as the document now has them."""
        marks = value.not_applicable if isinstance(value, Model) else {}
        for name, row in self.rows.items():
            row.show_gap(marks.get(row.spec.key))
            if isinstance(row.editor, Form):
                row.editor.show_gaps(getattr(value, name))

    def show_problems(self, problems: Problems) -> None:
        by_row: dict[str, Problems] = defaultdict(list)
        for loc, message in problems:
            if loc and isinstance(loc[0], str):
                name = self._by_key[loc[0]].spec.name if loc[0] in self._by_key else loc[0]
                by_row[name].append((loc[1:], message))
        for name, row in self.rows.items():
            row.show_problems(by_row.get(name, []))


def _initial(spec: FieldSpec, value: BaseModel | None) -> Any:
    return spec.default if value is None else getattr(value, spec.name)
