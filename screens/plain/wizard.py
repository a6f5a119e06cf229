"""The plain wizard: the template's sections as a conversation, one question at a time.

It walks the same section registry as the TUI, edits the same Session and saves
the same drafts, so a document can be started in one and finished in the other.
At the start and between sections the user can go on, jump to any section,
review and write, or quit. Every accepted answer is saved to the draft at once.
"""

import signal
import sys
import traceback
from pathlib import Path
from types import FrameType

from screens.plain.lists import edit_list
from screens.plain.prompts import Choice, Help, Prompter
from screens.plain.questions import Questions
from screens.plain.start import start
from wizard.answers import SectionAnswers
from wizard.drafts import Draft, Locked, SetAside, fresh_draft
from wizard.errors import EXIT_INTERRUPTED, EXIT_OK, ArchwizError
from wizard.markdown import render_markdown
from wizard.outputs import output_paths
from wizard.sections import SECTIONS, Section, SectionState, progress
from wizard.session import Session


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived; ``code`` is the exit status that says which."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def default_prompter() -> Prompter:
    from prompt_toolkit.utils import is_dumb_terminal

    if is_dumb_terminal():
        from screens.plain.lines import LinePrompter

        return LinePrompter(sys.stdin, sys.stdout)
    from screens.plain.prompts import QuestionaryPrompter

    return QuestionaryPrompter()


class PlainWizard:
    """Runs like the TUI's app: ``run()`` returns the paths written; ``return_code`` says how it ended."""

    def __init__(
        self,
        session: Session | None = None,
        *,
        draft_path: Path | None = None,
        draft: Draft | SetAside | Locked | None = None,
        prompter: Prompter | None = None,
    ) -> None:
        self.session = session
        self.draft_path = draft_path
        self.found = draft
        self.prompter = prompter or default_prompter()
        self.questions = Questions(self.prompter, self.save)
        self.written: list[Path] = []
        self.return_code: int | None = None

    def say(self, text: str = "") -> None:
        self.prompter.say(text)

    def tell(self, message: str, *, error: bool = False) -> None:
        self.say(message)

    def fresh_draft(self) -> Path | None:
        path, note = fresh_draft(self.draft_path)
        if note:
            self.tell(note, error=path is None)
        return path

    def run(self) -> list[Path]:
        def terminated(signum: int, frame: FrameType | None) -> None:
            raise Terminated(128 + signum)

        previous = {signum: signal.signal(signum, terminated) for signum in (signal.SIGTERM, signal.SIGHUP)}
        try:
            self._run()
            self.return_code = EXIT_OK
        except (KeyboardInterrupt, EOFError):
            self.say()
            self.say("Interrupted.")
            self.save()
            self.return_code = EXIT_INTERRUPTED
        except Terminated as stop:
            self.save()
            self.return_code = stop.code
        except Exception:
            # A bug: show it for the report; the command line then writes an emergency copy.
            traceback.print_exc()
            self.return_code = 1
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return self.written

    def save(self) -> bool:
        """Save the draft; a failure is told once per reason and never stops the questions."""
        session = self.session
        if session is None:
            return True
        had_error = session.save_error
        saved = session.save()
        if not saved and session.save_error != had_error:
            self.say(f"Draft not saved: {session.save_error}. Your answers are kept; archwiz keeps trying.")
        return saved

    # Start ------------------------------------------------------------------------------------

    def _run(self) -> None:
        self.say("archwiz: a software architecture document, one question at a time.")
        if not isinstance(self.found, Locked):  # how to answer; nothing to answer when read-only
            self.say(self.prompter.intro)
        if self.session is None:
            self.session = start(self.prompter, self.found)
            if self.session is None:
                return
            if self.session.draft is None:
                self.session.draft = self.fresh_draft()
        self._sections()

    # Sections ---------------------------------------------------------------------------------

    def _sections(self) -> None:
        session = self.session
        assert session is not None
        index = next((sec.number - 1 for sec in SECTIONS if sec.key == session.section), 0)
        while True:
            action = self._between(index)
            if action == "quit" and self._quit():
                return
            if action == "review" and self._review():
                return
            if action == "jump" and (picked := self._jump(index)) is not None:
                index, action = picked, "next"
            if action == "next":
                self._section(SECTIONS[index])
                index += 1

    def _state(self, section: Section) -> str:
        assert self.session is not None
        return self.session.state(section).value

    def _between(self, index: int) -> str:
        assert self.session is not None
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
        self.say()
        default = "next" if index < len(SECTIONS) else "review"
        picked = self.prompter.choose(f"{done} of {total} sections complete. What next?", choices, default)
        if isinstance(picked, Help):
            self.say(
                "Go on asks the next section's questions. Any section can be chosen, in any order; "
                "Review shows what is still empty and writes the document. Your answers are in the "
                "draft after every one, so quitting loses nothing."
            )
            return ""
        return picked

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
        assert session is not None
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
        assert session is not None
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
        """How complete the document is, and which sections are not."""
        assert self.session is not None
        states = [(sec, self.session.state(sec)) for sec in SECTIONS]
        todo = [(sec, state) for sec, state in states if state is not SectionState.COMPLETE]
        self.say()
        self.say(f"Review: {len(SECTIONS) - len(todo)} of {len(SECTIONS)} sections complete.")
        if todo:
            self.say("Still to do (empty parts are written as _TBD_):")
            for sec, state in todo:
                self.say(f"  {sec.number}. {sec.title} ({state.value})")

    def _write(self) -> bool:
        session = self.session
        assert session is not None
        target = self.prompter.text("Write the document to", str(session.default_output()))
        if isinstance(target, Help):
            self.say("The Markdown file to write; its TOML sidecar goes beside it, with the same name.")
            return False
        try:
            markdown_path, _ = output_paths(target.strip() or None)
            written = session.write(markdown_path)
        except ArchwizError as error:
            self.say(str(error))
            return False
        self.written = list(written)
        self.say(f"Wrote {written[0]} and {written[1]}.")
        return True

    def _quit(self) -> bool:
        session = self.session
        assert session is not None
        if session.draft:
            self.save()
        question = session.quit_question()
        return not question or self.prompter.confirm(question, False) is True
