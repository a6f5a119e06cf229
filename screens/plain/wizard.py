"""The plain wizard: the template's sections as a conversation, one question at a time.

It walks the same section registry as the TUI, edits the same Session and saves
the same drafts, so a document can be started in one and finished in the other.
At the start and between sections the user can go on, jump to any section,
review and write, or quit. Every accepted answer is saved to the draft at once.
"""

from __future__ import annotations

import importlib
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from screens.plain.prompts import Prompter
from screens.plain.start import StartElsewhere, start
from wizard.errors import EXIT_INTERRUPTED, EXIT_OK

if TYPE_CHECKING:
    from wizard.drafts import Draft, Locked, SetAside
    from wizard.session import Session


RETERMINATE = 0.2  # seconds between two raisings of one SIGTERM or SIGHUP (see run)


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
        self.written: list[Path] = []
        self.return_code: int | None = None
        self.start_elsewhere = False  # a new document beside a held draft was chosen

    def say(self, text: str = "") -> None:
        self.prompter.say(text)

    def tell(self, message: str, *, error: bool = False) -> None:
        self.say(message)

    def attach_draft(self, session: Session) -> None:
        """A session that did not resume saves its draft here, any old draft kept aside."""
        from wizard.begin import attach_draft

        news, error = attach_draft(session, self.draft_path)
        if news:
            self.tell(news, error=error)

    def run(self) -> list[Path]:
        stopping = 0  # the exit status a signal asked for, until it has been acted on

        def terminated(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = 128 + signum
            # Raised from wherever Python is: inside a weakref callback or a __del__ it is
            # printed and dropped, and the prompt would wait on. So it is raised again,
            # every RETERMINATE seconds, until it has stopped the questions.
            signal.setitimer(signal.ITIMER_REAL, RETERMINATE, RETERMINATE)
            raise Terminated(stopping)

        def again(signum: int, frame: FrameType | None) -> None:
            if stopping:
                raise Terminated(stopping)

        def unraisable(info: sys.UnraisableHookArgs) -> None:
            if not isinstance(info.exc_value, Terminated):  # a dropped one is raised again
                unraisable_before(info)

        signals = (signal.SIGTERM, signal.SIGHUP)
        previous = {signum: signal.signal(signum, terminated) for signum in signals}
        previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, again)
        unraisable_before, sys.unraisablehook = sys.unraisablehook, unraisable
        try:
            self._run()
            self.return_code = EXIT_OK
        except (KeyboardInterrupt, EOFError):
            self.say()
            self.say("Interrupted.")
            self.save()
            self.return_code = EXIT_INTERRUPTED
        except Terminated as stop:
            signal.setitimer(signal.ITIMER_REAL, 0)
            stopping = 0
            self.save()
            self.return_code = stop.code
        except Exception:
            # A bug: show it for the report; the command line then writes an emergency copy.
            traceback.print_exc()
            self.return_code = 1
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            sys.unraisablehook = unraisable_before
        return self.written

    def save(self) -> bool:
        """Save the draft; a failure is told once per reason and never stops the questions."""
        session = self.session
        if session is None:
            return True
        had_error = session.autosave.error
        saved = session.save()
        if news := session.autosave.news(had_error):
            self.say(news)
        return saved

    # Start ------------------------------------------------------------------------------------

    def _read_only(self) -> bool:
        if self.found is None:
            return False
        from wizard.drafts import Locked  # loaded already: found came from there

        return isinstance(self.found, Locked)

    def _run(self) -> None:
        self.say("archwiz: a software architecture document, one question at a time.")
        if not self._read_only():
            self.say(self.prompter.intro)  # how to answer; a read-only look asks nothing
        if self.session is None:
            # The sections need the model; it loads while the first question is read.
            preload = threading.Thread(target=importlib.import_module, args=("screens.plain.flow",))
            preload.daemon = True
            preload.start()
            try:
                self.session = start(self.prompter, self.found)
            except StartElsewhere:
                self.start_elsewhere = True
                return
            if self.session is None:
                return
            self.attach_draft(self.session)
        from screens.plain.flow import Flow

        Flow(self, self.session).run()
