"""The section list: every section with its state, the overall progress, and a way to jump."""

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from wizard.sections import SECTIONS, TEMPLATE_SECTIONS, Section, SectionState
from wizard.session import Session

MARKS = {
    SectionState.EMPTY: ("○", "empty"),
    SectionState.PARTIAL: ("◐", "partial"),
    SectionState.COMPLETE: ("●", "complete"),
    SectionState.INVALID: ("✗", "invalid"),
}


def entry(section: Section, state: SectionState) -> Content:
    mark, style = MARKS[state]
    # Only the mark is markup, and it is ours; titles come from the model but stay literal anyway.
    return Content.from_markup(f"[$text-{_COLOURS[style]}]{mark}[/]") + Content(
        f" {section.number} {section.title}"
    )


_COLOURS = {"empty": "muted", "partial": "warning", "complete": "success", "invalid": "error"}


class SectionList(Vertical):
    """Shows where the user is and lets them go anywhere; the screen decides what a jump does."""

    class Jump(Message):
        def __init__(self, section: Section) -> None:
            super().__init__()
            self.section = section

    def __init__(self, session: Session, current: Section) -> None:
        super().__init__(id="sections")
        self.session = session
        self.current = current
        self._shown: dict[str, SectionState] = {}

    def compose(self) -> ComposeResult:
        yield Label("", id="progress")
        yield Label("", id="saved")
        yield OptionList(*(Option(section.title, id=section.key) for section in SECTIONS))

    def on_mount(self) -> None:
        self.refresh_states()
        self.show_saved()

    def show_saved(self) -> None:
        """A quiet line: when the draft was saved, or why it could not be."""
        labels = self.query("#saved")
        if not labels:
            return  # not composed yet; on_mount shows it
        session, saved = self.session, labels.first(Label)
        saved.set_class(bool(session.autosave.error), "-error")
        if session.autosave.error:
            saved.update(Content("draft NOT saved; retrying"))
        elif session.autosave.saved_at is not None:
            saved.update(Content(f"draft saved {session.autosave.saved_at:%H:%M:%S}"))
        else:
            saved.update(
                Content("draft: no changes yet" if session.autosave.path else "no draft (not autosaved)")
            )

    def refresh_states(self) -> None:
        options = self.query_one(OptionList)
        complete = 0
        for section in SECTIONS:
            state = self.session.state(section)
            complete += state is SectionState.COMPLETE and section.in_template
            if self._shown.get(section.key) is not state:
                options.replace_option_prompt(section.key, entry(section, state))
                self._shown[section.key] = state
        options.highlighted = self.current.number - 1
        # Progress is over the template's sections: notes and extra sections are never owed.
        self.query_one("#progress", Label).update(Content(f"{complete} of {len(TEMPLATE_SECTIONS)} complete"))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(SECTIONS[event.option_index]))
