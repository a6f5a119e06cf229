"""One loop for every list: goals, components, table rows, links and lines of text.

The list is shown, numbered, then a menu offers to add, edit, delete or move an
item, or to finish. Items are asked for field by field (``Questions.item``);
text lines are one answer each. The same loop serves nested lists, such as an
endpoint's error responses or a decision's options.
"""

from typing import Any

from screens.plain.prompts import Choice, Help
from screens.plain.questions import Questions
from wizard.answers import SectionAnswers
from wizard.problems import Loc
from wizard.sections import FieldKind, FieldSpec

SUMMARY_WIDTH = 70


def summary(spec: FieldSpec, item: Any) -> str:
    """One line for an item: its first fields, as the TUI's list shows them."""
    if spec.kind is FieldKind.TEXT_LIST:
        text = str(item)
    else:
        parts = [field.as_text(item.get(field.key)) for field in spec.summary_fields]
        text = " · ".join(part for part in parts if part)
    return text if len(text) <= SUMMARY_WIDTH else text[: SUMMARY_WIDTH - 1] + "…"


def _show(questions: Questions, spec: FieldSpec, items: list[Any]) -> None:
    questions.say()
    if not items:
        questions.say(f"{spec.label}: none yet.")
        return
    questions.say(f"{spec.label}: {spec.count(len(items))}")
    for number, item in enumerate(items, 1):
        questions.say(f"  {number}. {summary(spec, item)}")


def edit_list(questions: Questions, answers: SectionAnswers, loc: Loc, spec: FieldSpec) -> None:
    added = False
    while True:
        items: list[Any] = answers.value(loc)
        _show(questions, spec, items)
        menu = [Choice("add", f"Add {spec.a_noun}")]
        if items:
            menu += [Choice("edit", f"Edit {spec.a_noun}"), Choice("delete", f"Delete {spec.a_noun}")]
        if len(items) > 1:
            menu.append(Choice("move", f"Move {spec.a_noun}"))
        menu.append(Choice("done", f"Done with {spec.label}"))
        if _drawable(answers, spec):  # last, so that the usual choices keep their places
            menu.append(Choice("draw", "Draw a mermaid diagram from the answers"))
        # After an add, Enter adds another: lists are mostly typed in a row.
        action = questions.prompter.choose(f"{spec.label}: what next?", menu, "add" if added else "done")
        added = False
        if isinstance(action, Help):
            questions.explain(spec)
        elif action == "add":
            added = _add(questions, answers, loc, spec, len(items))
        elif action == "draw":
            _draw(questions, answers, loc, spec, len(items))
        elif action == "edit":
            _edit(questions, answers, loc, spec, items)
        elif action == "delete":
            _delete(questions, answers, loc, spec, items)
        elif action == "move":
            _move(questions, answers, loc, spec, items)
        else:
            return


def _drawable(answers: SectionAnswers, spec: FieldSpec) -> list[Any]:
    """The diagrams the answers so far can draw into this list (a diagram slot)."""
    from wizard.diagrams import GENERATORS
    from wizard.model.overview import Diagram

    if spec.model is not Diagram:
        return []
    document = answers.session.document
    return [g for g in GENERATORS if g.slot == spec.name and g.needs(document)]


def _draw(questions: Questions, answers: SectionAnswers, loc: Loc, spec: FieldSpec, index: int) -> None:
    from wizard.diagrams import generated

    ready = _drawable(answers, spec)
    choices = [Choice(g.key, f"{g.title}: from {g.description}") for g in ready]
    choices.append(Choice("none", "None: back to the list"))
    picked = questions.prompter.choose("Which diagram?", choices, ready[0].key)
    if isinstance(picked, Help) or picked == "none":
        return
    problems = answers.answer((*loc, index), generated(answers.session.document, picked))
    if problems:
        questions.prompter.say("Not added: " + "; ".join(problems))
        return
    questions.answered()
    questions.prompter.say(f"Added {spec.noun} {index + 1}, a mermaid diagram: edit it as your own text.")


def _add(questions: Questions, answers: SectionAnswers, loc: Loc, spec: FieldSpec, index: int) -> bool:
    if spec.kind is FieldKind.TEXT_LIST:
        label = f"{spec.label}, {spec.noun} {index + 1} (leave empty to cancel)"
        return questions.scalar(answers, (*loc, index), spec.item_field(), label=label, new=True)
    assert spec.model is not None
    index = answers.begin_item(loc, spec.model)
    return questions.item(answers, (*loc, index), spec, new=True)


def _which(questions: Questions, spec: FieldSpec, items: list[Any], verb: str) -> int | None:
    # Counted from 1, as the list above shows them; the value is the index.
    noun = spec.noun.capitalize()
    choices = [
        Choice(str(index), f"{noun} {index + 1}: {summary(spec, item)}") for index, item in enumerate(items)
    ]
    choices.append(Choice("none", "None: back to the list"))
    picked = questions.prompter.choose(f"{verb} which {spec.noun}?", choices)
    if isinstance(picked, Help) or picked == "none":
        return None
    return int(picked)


def _edit(questions: Questions, answers: SectionAnswers, loc: Loc, spec: FieldSpec, items: list[Any]) -> None:
    index = _which(questions, spec, items, "Edit")
    if index is None:
        return
    if spec.kind is FieldKind.TEXT_LIST:
        questions.scalar(
            answers, (*loc, index), spec.item_field(), label=f"{spec.label}, {spec.noun} {index + 1}"
        )
    else:
        questions.item(answers, (*loc, index), spec, new=False)


def _delete(
    questions: Questions, answers: SectionAnswers, loc: Loc, spec: FieldSpec, items: list[Any]
) -> None:
    index = _which(questions, spec, items, "Delete")
    if index is None:
        return
    sure = questions.prompter.confirm(
        f"Delete {spec.noun} {index + 1}, {summary(spec, items[index])}?", False
    )
    if sure is True:
        answers.remove((*loc, index))
        questions.answered()


def _move(questions: Questions, answers: SectionAnswers, loc: Loc, spec: FieldSpec, items: list[Any]) -> None:
    index = _which(questions, spec, items, "Move")
    if index is None:
        return
    places = [Choice(str(place), f"To position {place + 1}") for place in range(len(items)) if place != index]
    to = questions.prompter.choose(f"Move {spec.noun} {index + 1} where?", places)
    if not isinstance(to, Help):
        answers.move((*loc, index), int(to))
        questions.answered()
