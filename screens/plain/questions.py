"""Ask for a field, an item or a nested group, as the section registry describes it.

Nothing here knows the template: the question for a field follows from its kind
(text, choice, flag, date, number, group, list), its label, help and example come
from the model, and its answer is judged by the model through ``SectionAnswers``.
A refused answer is explained with the model's message and asked again, with
what the user typed offered back to fix.
"""

import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from screens.plain.prompts import Choice, Help, Prompter
from wizard.answers import SectionAnswers
from wizard.chars import without_forbidden
from wizard.problems import Loc
from wizard.sections import FieldKind, FieldSpec, fields_of

# "n/a", "N/A", "n/a: reason", "n/a - reason": the part does not apply.
_NOT_APPLICABLE = re.compile(r"\s*n/a\s*(?:[:\-–]\s*(.*))?\s*\Z", re.IGNORECASE | re.DOTALL)


class Questions:
    def __init__(self, prompter: Prompter, answered: Callable[[], object]) -> None:
        self.prompter = prompter
        self.answered = answered  # after every accepted change: the wizard saves the draft

    def say(self, text: str = "") -> None:
        self.prompter.say(text)

    def fields(self, answers: SectionAnswers, loc: Loc, model: type[BaseModel]) -> None:
        for spec in fields_of(model):
            self.field(answers, (*loc, spec.key), spec)

    def field(self, answers: SectionAnswers, loc: Loc, spec: FieldSpec) -> None:
        if spec.kind is FieldKind.GROUP:
            assert spec.model is not None
            self.say()
            self.say(f"{spec.label}: {spec.help}")
            self.fields(answers, loc, spec.model)
        elif spec.kind in (FieldKind.ITEMS, FieldKind.TEXT_LIST):
            from screens.plain.lists import edit_list  # lists ask for items, items for lists

            edit_list(self, answers, loc, spec)
        else:
            self.scalar(answers, loc, spec)

    def scalar(
        self, answers: SectionAnswers, loc: Loc, spec: FieldSpec, *, label: str = "", new: bool = False
    ) -> bool:
        """Ask until the model accepts the answer. A ``new`` entry left empty is not added:
        then the answer is False."""
        shown: Any = spec.default if new else answers.value(loc)
        reason = None if new or not isinstance(loc[-1], str) else answers.marked(loc)
        if reason is not None and spec.kind is not FieldKind.CHOICE:
            shown = f"n/a: {reason}" if reason else "n/a"  # Enter keeps the mark
        label = label or spec.label + (" (required)" if spec.required else "")
        while True:
            reply = self.ask(spec, label, shown)
            if isinstance(reply, Help):
                self.explain(spec)
                if reply.typed and _typed_in(spec):
                    shown = reply.typed  # what was typed before asking for help is kept
                continue
            if new and reply == "":
                return False
            gap = _NOT_APPLICABLE.match(reply) if isinstance(reply, str) and not spec.required else None
            if gap is not None and not new and isinstance(loc[-1], str):
                messages = answers.mark_not_applicable(loc, (gap.group(1) or "").strip(), spec.default)
                if not messages:
                    self.say(f"  {spec.label}: marked not applicable.")
                    self.answered()
                    return True
                for message in messages:
                    self.say(f"  ✗ {spec.label}: {message}")
                continue
            messages = answers.answer(loc, spec.parse(reply) if isinstance(reply, str) else reply)
            if not messages:
                self.answered()
                return True
            for message in messages:
                self.say(f"  ✗ {spec.label}: {message}")
            # Offered back to fix, less what can never be accepted (controls, undecodable bytes).
            if self.prompter.offers_back:
                shown = without_forbidden(reply) if isinstance(reply, str) else reply

    def ask(self, spec: FieldSpec, label: str, value: Any) -> Any:
        prompter = self.prompter
        if spec.kind is FieldKind.CHOICE:
            choices = [Choice(choice, choice) for choice in spec.choices]
            if spec.default is None:  # may stay unanswered: nothing is chosen for the author
                choices.insert(0, Choice("", "Not answered"))
            return prompter.choose(label, choices, "" if value is None else str(value))
        if spec.kind is FieldKind.FLAG:
            return prompter.confirm(label, bool(value))
        return prompter.text(label, spec.as_text(value), multiline=spec.multiline, example=spec.example_text)

    def explain(self, spec: FieldSpec) -> None:
        """The field's help, as the model states it (F1 in the TUI shows the same)."""
        self.say(f"{spec.label}: {spec.help or 'no help for this field.'}")
        if spec.required:
            self.say("Required.")
        else:
            self.say("If it does not apply, answer n/a (or n/a: the reason).")
        if spec.choices:
            self.say("One of: " + ", ".join(spec.choices) + ".")
        example = spec.example_text
        if "\n" in example:
            self.say("Example:")
            self.say("\n".join(f"    {line}" for line in example.split("\n")))
        elif example:
            self.say(f"Example: {example}")

    def item(self, answers: SectionAnswers, loc: Loc, spec: FieldSpec, *, new: bool) -> bool:
        """Ask every field of the item at ``loc``; False if a new one was cancelled (and dropped).

        A new item is cancelled by leaving its first required text (its name, a path) empty;
        the fields asked before it are dropped with it.
        """
        assert spec.model is not None
        fields = fields_of(spec.model)
        cancel = next((f for f in fields if f.required and f.kind is FieldKind.TEXT), None) if new else None
        self.say()
        if new:
            self.say(
                f"{spec.label}: new {spec.noun}"
                + (f" (leave {cancel.label} empty to cancel)" if cancel else "")
            )
        else:
            self.say(f"{spec.label}: {spec.noun} {int(loc[-1]) + 1}")
        for field in fields:
            if field is cancel and not self.scalar(answers, (*loc, field.key), field, new=True):
                answers.remove(loc)
                self.say(f"No {spec.noun} added.")
                return False
            if field is not cancel:
                self.field(answers, (*loc, field.key), field)
        self._settle(answers, loc, spec.model)
        return True

    def _settle(self, answers: SectionAnswers, loc: Loc, model: type[BaseModel]) -> None:
        """Ask again for any field a rule across answers still refuses (each was accepted alone)."""
        by_key = {spec.key: spec for spec in fields_of(model)}
        while problems := answers.problems(loc):
            where, message = problems[0]
            spec = by_key.get(str(where[len(loc)])) if len(where) > len(loc) else None
            self.say(f"  ✗ {message}")
            if spec is None:
                return  # nothing to ask: the message says what is wrong
            self.field(answers, (*loc, spec.key), spec)


def _typed_in(spec: FieldSpec) -> bool:
    """Whether the field's answer is typed (and so can be half-typed when help is asked for)."""
    return spec.kind in (FieldKind.TEXT, FieldKind.DATE, FieldKind.NUMBER)
