"""The sections of the plain wizard: go on, jump, answer, review, write and quit.

Loaded once the first question has been asked (it needs the model, the renderer
and the questions, about a quarter of a second of imports), so the first
question appears at once.
"""

from typing import TYPE_CHECKING

from screens.plain.lists import edit_list
from screens.plain.prompts import Choice, Help
from screens.plain.questions import Questions
from wizard import finish
from wizard.answers import SectionAnswers
from wizard.errors import ArchwizError
from wizard.markdown import render_markdown
from wizard.sections import SECTIONS, Section, progress
from wizard.session import Session
from wizard.writing import WouldReplace

if TYPE_CHECKING:
    from screens.plain.wizard import PlainWizard


class Flow:
    """One session's way through the sections; what it writes goes to ``wizard.written``."""

    def __init__(self, wizard: "PlainWizard", session: Session) -> None:
        self.wizard = wizard
        self.session = session
        self.prompter = wizard.prompter
        self.say = wizard.say
        self.save = wizard.save
        self.questions = Questions(self.prompter, self.save)

    def run(self) -> None:
        session = self.session
        index = next((sec.number - 1 for sec in SECTIONS if sec.key == session.section), 0)
        while True:
            action = self._between(index)
            if action == "quit" and self._quit():
                return
            if action == "review" and self._review():
                return
            if action in ("undo", "redo"):
                self._undo(action)
            if action == "jump" and (picked := self._jump(index)) is not None:
                index, action = picked, "next"
            if action == "next":
                self._section(SECTIONS[index])
                index += 1

    def _state(self, section: Section) -> str:
        return self.session.state(section).value

    def _between(self, index: int) -> str:
        done, total = progress(self.session.document)
        choices = []
        if index < len(SECTIONS):
            section = SECTIONS[index]
            title = f"Go on: section {section.number} of {total}, {section.title} ({self._state(section)})"
            choices.append(Choice("next", title))
        choices += [
            Choice("jump", "Choose a section"),
            Choice("review", "Review and write the document"),
            Choice("quit", "Quit"),
        ]
        # Last, so that the other choices keep their places whether or not there is history.
        history = self.session.history
        if (change := history.next_undo()) is not None:
            choices.append(Choice("undo", f"Undo: {change.what}"))
        if (change := history.next_redo()) is not None:
            choices.append(Choice("redo", f"Redo: {change.what}"))
        self.say()
        default = "next" if index < len(SECTIONS) else "review"
        picked = self.prompter.choose(f"{done} of {total} sections complete. What next?", choices, default)
        if isinstance(picked, Help):
            self.say(
                "Go on asks the next section's questions. Any section can be chosen, in any order; "
                "Undo takes back the last change, whichever section it was in; "
                "Review shows what is still empty and writes the document. Your answers are in the "
                "draft after every one, so quitting loses nothing."
            )
            return ""
        return picked

    def _undo(self, action: str) -> None:
        """Take back the last change (or make the last undone one again), and say which."""
        change = self.session.undo() if action == "undo" else self.session.redo()
        if change is not None:
            self.say(f"{'Undone' if action == 'undo' else 'Redone'}: {change.what}")
            self.save()

    def _jump(self, index: int) -> int | None:
        total = len(SECTIONS)
        choices = [
            Choice(str(sec.number - 1), f"{sec.number} of {total}: {sec.title} ({self._state(sec)})")
            for sec in SECTIONS
        ]
        picked = self.prompter.choose("Which section?", choices, str(min(index, total - 1)))
        return None if isinstance(picked, Help) else int(picked)

    def _section(self, section: Section) -> None:
        session = self.session
        session.section = section.key
        self.save()  # the draft remembers where to resume
        self.say()
        self.say(f"Section {section.number} of {len(SECTIONS)}: {section.title}")
        self.say(section.help)
        answers = SectionAnswers(session, section)
        if section.is_list:
            edit_list(self.questions, answers, (), section.spec)
        else:
            self.questions.fields(answers, (), section.model)

    # Review, write, quit ----------------------------------------------------------------------

    def _review(self) -> bool:
        """Review and write; True when the user quits from here."""
        session = self.session
        self._todo()
        default = "write"
        while True:
            picked = self.prompter.choose(
                "Review: what next?",
                [
                    Choice("write", "Write the Markdown and its sidecar"),
                    Choice("show", "Show the Markdown here"),
                    Choice("back", "Back to the sections"),
                    Choice("quit", "Quit"),
                ],
                default,
            )
            if picked == "write" and self._write():
                default = "quit"
            elif picked == "show":
                self.say(render_markdown(session.document))
            elif picked == "back":
                return False
            elif picked == "quit" and self._quit():
                return True
            elif isinstance(picked, Help):
                self.say("Write saves the document as Markdown with its TOML sidecar; Show prints it here.")

    def _todo(self) -> None:
        """How complete the document is, and what each open section still lacks."""
        review = finish.review(self.session)
        self.say()
        self.say(f"Review: {review.headline()}.")
        if review.todo:
            self.say("Still to do (empty parts are written as _TBD_):")
            for todo in review.todo:
                self.say(f"  {todo.section.number}. {todo.section.title} ({todo.state.value})")
                if lacks := todo.lacks():
                    self.say(f"     {lacks}")

    def _write(self) -> bool:
        session = self.session
        target = self.prompter.text("Write the document to", str(session.default_output()))
        if isinstance(target, Help):
            self.say("The Markdown file to write; its TOML sidecar goes beside it, with the same name.")
            return False
        try:
            try:
                written = finish.write(session, target)
            except WouldReplace as refused:
                if self.prompter.confirm(refused.question(), False) is not True:
                    self.say("Nothing was written.")
                    return False
                written = finish.write(session, target, force=True)
        except ArchwizError as error:
            self.say(str(error))
            return False
        self.wizard.written = list(written)
        self.say(finish.written_news(session, written))
        return True

    def _quit(self) -> bool:
        session = self.session
        if session.autosave.path:
            self.save()
        question = finish.quit_question(session)
        return not question or self.prompter.confirm(question, False) is True
