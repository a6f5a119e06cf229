"""The plain wizard, driven by real keys through prompt_toolkit's pipe input."""

import re
import tempfile
from pathlib import Path

import pytest
from conftest import COMPLETE, GOLDEN, run_archwiz
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from plain import CTRL_C, DOWN, ENTER, F1, FINISH, UP, Keys, Lines, Typist, answer, pick, play, play_lines
from pydantic import ValidationError
from strategies import NASTY, examples
from tui import load_document

from wizard.autosave import Autosave
from wizard.chars import ALWAYS_FORBIDDEN
from wizard.drafts import DRAFT_NAME, Draft, Locked, open_draft, read_draft, save_draft
from wizard.model import Document
from wizard.model.overview import Header
from wizard.sections import SECTIONS, fields_of
from wizard.session import Session

NEW = ENTER  # the start menu's first choice: "Start a new document"
GO_ON = ENTER  # between sections: "Go on: section n of 21"


def field(model: type, name: str):
    return next(spec for spec in fields_of(model) if spec.name == name)


@pytest.mark.parametrize("typist", [Keys(), Lines()], ids=["questionary", "lines"])
def test_the_complete_example_typed_in_plain_mode_is_the_golden_document(
    tmp_path: Path, typist: Typist
) -> None:
    document = load_document(COMPLETE)
    target = tmp_path / "ARCHITECTURE.md"
    run = play if isinstance(typist, Keys) else play_lines
    wizard, said = run(typist.document(document, target), draft_path=tmp_path / DRAFT_NAME)
    assert wizard.return_code == 0, said[-2000:]
    # The same data gives the same bytes as `archwiz --from` and the TUI.
    assert target.read_bytes() == (GOLDEN / "payments-platform.md").read_bytes()
    assert target.with_suffix(".toml").read_bytes() == (GOLDEN / "payments-platform.toml").read_bytes()
    assert wizard.written == [target, target.with_suffix(".toml")]
    for section in SECTIONS:
        assert f"Section {section.number} of {len(SECTIONS)}: {section.title}" in said


def test_a_refused_answer_is_explained_by_the_model_and_asked_again(tmp_path: Path) -> None:
    keys = NEW + GO_ON + answer("Ledger") + ENTER + answer("1.x") + answer("1.2.0")
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert "  ✗ Version: must be a version like 1.4.0 (X.Y.Z)" in said
    assert wizard.session is not None
    assert wizard.session.document.header.version == "1.2.0"


def test_help_and_example_come_from_the_model_on_request(tmp_path: Path) -> None:
    from wizard.model.overview import Header

    title = field(Header, "title")
    status = field(Header, "status")
    # F1 anywhere; "?" on an empty answer; both for a menu too.
    keys = NEW + GO_ON + F1 + "?" + answer("Ledger") + "?"
    _, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert said.count(f"{title.label}: {title.help}") == 2
    assert f"Example: {title.example}" in said
    assert f"{status.label}: {status.help}" in said
    assert "One of: Proposed, Active, Deprecated." in said


def test_a_question_mark_inside_an_answer_is_just_text(tmp_path: Path) -> None:
    keys = NEW + GO_ON + "Why?" + ENTER
    wizard, _ = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert wizard.session is not None and wizard.session.document.header.title == "Why?"


def test_every_answer_is_saved_to_the_draft_at_once(tmp_path: Path) -> None:
    draft = tmp_path / DRAFT_NAME
    # The input ends right after the title: whatever happens next, the title is in the draft.
    play(NEW + GO_ON + answer("Ledger"), draft_path=draft)
    assert read_draft(draft).document.header.title == "Ledger"
    assert read_draft(draft).section == "header"


def test_ctrl_c_saves_the_draft_says_where_and_exits_130(tmp_path: Path) -> None:
    draft = tmp_path / DRAFT_NAME
    keys = NEW + GO_ON + answer("Ledger") + ENTER + "1.2" + CTRL_C  # interrupted while typing
    wizard, said = play(keys, draft_path=draft)
    assert wizard.return_code == 130
    assert "Interrupted." in said
    saved = read_draft(draft).document
    assert saved.header.title == "Ledger"
    assert saved.header.version == ""  # the unfinished answer never reaches the model (nor None)


def test_existing_answers_are_the_defaults(tmp_path: Path) -> None:
    document = load_document(COMPLETE)
    session = Session(document.model_copy(deep=True), source=COMPLETE)
    # Enter through the whole header keeps every answer.
    keys = GO_ON + ENTER * 4 + ENTER  # four fields, then the menu after it
    play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    assert session.document == document
    assert session.edits == 0


def test_lists_add_edit_move_and_delete_items(tmp_path: Path) -> None:
    components = next(sec for sec in SECTIONS if sec.key == "components")
    jump = DOWN + ENTER + pick("Components")  # "Choose a section", then Components
    add_first = UP + ENTER  # the menu starts on "Done"
    # Name, responsibility, technologies (done), input and output (Markdown: Esc Enter ends them).
    item = answer("Gateway") + answer("Routes.", multiline=True) + ENTER + FINISH + FINISH
    second = ENTER + answer("Ledger") + FINISH + ENTER + FINISH + FINISH  # "Add" is offered again
    edit = pick("Edit") + pick("Gateway") + answer("API Gateway") + FINISH + ENTER + FINISH + FINISH
    move = pick("Move") + pick("Ledger") + ENTER  # to position 1
    delete = pick("Delete") + pick("API") + "y" + ENTER
    keys = NEW + jump + add_first + item + second + edit + move + delete
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert wizard.session is not None
    assert [c.name for c in wizard.session.document.components] == ["Ledger"], said[-1500:]
    assert f"Section {components.number} of {len(SECTIONS)}: Components" in said
    assert "  1. Gateway" in said and "  2. Ledger" in said
    assert "  1. Ledger" in said and "  2. API Gateway" in said


def test_a_list_wide_rule_refuses_the_item_that_breaks_it(tmp_path: Path) -> None:
    jump = DOWN + ENTER + pick("Data Models")
    # Name, description, schema, its language, has many, belongs to, primary, unique, index.
    entity = answer("Payment") + FINISH + FINISH + ENTER + ENTER + ENTER + answer("") + ENTER + ENTER
    again = ENTER + answer("Payment") + answer("Refund")  # a second "Payment" is refused
    keys = NEW + jump + UP + ENTER + entity + again
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert "✗ Entity: duplicate entity name 'Payment'; the 1st entity has it already" in said
    assert wizard.session is not None
    assert [e.name for e in wizard.session.document.entities] == ["Payment", "Refund"]


def test_an_item_is_chosen_by_the_number_the_list_shows(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    names = [goal.name for goal in session.document.goals]
    keys = DOWN + ENTER + pick("Architectural Goals") + pick("Delete") + pick("Goal 2:") + "y" + ENTER
    _, said = play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    assert [goal.name for goal in session.document.goals] == [names[0], *names[2:]]
    assert f"? Delete goal 2, {names[1]}" in said
    assert f"Architectural Goals: {len(names)} goals" in said


def test_a_new_item_is_cancelled_at_its_first_required_text(tmp_path: Path) -> None:
    jump = DOWN + ENTER + pick("API Contracts")
    keys = NEW + jump + UP + ENTER + ENTER + ENTER  # "Add an endpoint", method GET, then an empty path
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert "API Contracts: new endpoint (leave Path empty to cancel)" in said
    assert "No endpoint added." in said
    assert wizard.session is not None and wizard.session.document.endpoints == []


def test_an_item_without_a_required_text_says_nothing_of_cancelling(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    keys = DOWN + ENTER + pick("API Contracts") + pick("Edit") + pick("Endpoint 1:")
    # Method, path, description, request, status, response and body language kept.
    keys += ENTER * 2 + FINISH + FINISH + ENTER + FINISH + ENTER
    keys += pick("Add")  # to the error responses
    _, said = play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    assert "Error responses: new error response\n" in said


def test_a_menu_filter_that_matches_nothing_chooses_nothing(tmp_path: Path) -> None:
    keys = NEW + "zzz" + ENTER + "\x7f" * 3 + pick("Quit")
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert wizard.return_code == 0
    assert f"Section 1 of {len(SECTIONS)}" not in said  # the Enter on "zzz" did not take the first entry


def test_help_keeps_what_was_typed(tmp_path: Path) -> None:
    keys = NEW + GO_ON + "Led" + F1 + "ger" + ENTER
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert wizard.session is not None and wizard.session.document.header.title == "Ledger"
    assert "System name: The system or component" in said


def test_a_multi_line_question_has_its_example_on_a_line_of_its_own(tmp_path: Path) -> None:
    from wizard.model.overview import Summary

    example = field(Summary, "text").example
    keys = NEW + DOWN + ENTER + pick("Executive Summary")
    _, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    # A long first line makes prompt_toolkit blank the screen: the question stays short, and
    # the example is said by the question itself (so, in this transcript, after "? Summary").
    assert f"? Summary\ne.g. {example}\n" in said


def test_an_edit_that_repeats_a_later_items_name_is_refused(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    first, second = (entity.name for entity in session.document.entities[:2])
    keys = DOWN + ENTER + pick("Data Models") + pick("Edit") + pick("Entity 1:") + answer(second)
    keys += answer(f"{first}s")  # asked again: a new name
    _, said = play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    # Reported at the later item by the model, but it is this answer that broke the rule.
    assert f"✗ Entity: duplicate entity name {second!r}; the 1st entity has it already" in said
    assert [entity.name for entity in session.document.entities[:2]] == [f"{first}s", second]


def test_a_new_item_left_without_a_name_is_not_added(tmp_path: Path) -> None:
    jump = DOWN + ENTER + pick("Architectural Goals")
    keys = NEW + jump + UP + ENTER + ENTER  # "Add a goal", then an empty name
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert "No goal added." in said
    assert wizard.session is not None and wizard.session.document.goals == []


def test_lines_are_added_one_per_answer_and_an_empty_one_adds_nothing(tmp_path: Path) -> None:
    keys = NEW + DOWN + ENTER + pick("Context")
    # Requirements are Markdown: Esc Enter ends each.
    keys += UP + ENTER + answer("Pay merchants daily", multiline=True) + ENTER
    keys += answer("Keep card data in PCI", multiline=True)
    keys += ENTER + FINISH  # "Add" again, then nothing: back to the list, which offers "Done"
    keys += ENTER  # done
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert wizard.session is not None
    context = wizard.session.document.context
    assert context.business_requirements == ["Pay merchants daily", "Keep card data in PCI"]
    assert "? Business Requirements, item 3 (leave empty to cancel)" in said
    assert "Technical Constraints: none yet." in said  # the next field was asked


def test_any_section_can_be_chosen_and_the_position_is_shown(tmp_path: Path) -> None:
    keys = NEW + DOWN + ENTER + pick("Ownership") + answer("Payments Core team")
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert f"Section 21 of {len(SECTIONS)}: Ownership & Review" in said
    assert wizard.session is not None and wizard.session.document.review.owner == "Payments Core team"
    assert read_draft(tmp_path / DRAFT_NAME).section == "review"


def test_a_draft_is_offered_and_resumed_at_its_section(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    save_draft(path, load_document(COMPLETE), "entities")
    found = open_draft(path)
    assert isinstance(found, Draft)
    wizard, said = play(ENTER + ENTER, draft_path=path, found=found)  # resume, then "Go on"
    assert f"Section 7 of {len(SECTIONS)}: Data Models" in said
    assert wizard.session is not None and wizard.session.autosave.path == path


def test_review_writes_the_same_bytes_as_from(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    target = tmp_path / "out" / "ARCH.md"
    keys = pick("Review") + ENTER + answer(str(target)) + ENTER
    wizard, said = play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    assert wizard.return_code == 0
    assert f"Wrote {target} and {target.with_suffix('.toml')}." in said
    assert target.read_bytes() == (GOLDEN / "payments-platform.md").read_bytes()


def test_a_write_error_is_said_and_the_answers_are_kept(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    keys = pick("Review") + ENTER + answer(f"{blocker}/sub/ARCH.md")
    wizard, said = play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    assert f"cannot create the folder {blocker}/sub: not a directory" in said
    assert blocker.read_text() == "in the way"
    assert wizard.written == [] and session.document == load_document(COMPLETE)


def test_a_held_draft_can_be_read_not_edited(tmp_path: Path) -> None:
    draft = Draft(tmp_path / DRAFT_NAME, load_document(COMPLETE), "header", None)
    holder = "archwiz pid 4242 on build-host since 2026-11-20T09:30:05+00:00"
    wizard, said = play(pick("Read") + pick("Quit"), draft_path=draft.path, found=Locked(draft, holder))
    assert f"is being edited by {holder}" in said
    assert "Start a new document" not in said  # no draft of its own is free beside it
    assert "# Tillpoint Payments Platform Architecture" in said
    assert wizard.session is None and not draft.path.exists()
    assert not wizard.start_elsewhere


def test_a_held_draft_offers_a_new_document_with_a_draft_of_its_own(tmp_path: Path) -> None:
    draft = Draft(tmp_path / DRAFT_NAME, load_document(COMPLETE), "header", None)
    elsewhere = tmp_path / ".archwiz-draft-2.toml"
    found = Locked(draft, "archwiz pid 4242 on build-host", elsewhere)
    wizard, said = play(pick("its own draft"), draft_path=draft.path, found=found)
    assert "or start a new document with a draft of its own" in said
    assert wizard.start_elsewhere  # the command line takes that draft's lock and starts there
    assert wizard.session is None and not elsewhere.exists()


def test_quitting_with_everything_in_the_draft_asks_nothing(tmp_path: Path) -> None:
    keys = NEW + GO_ON + answer("Ledger") + ENTER * 3 + pick("Quit")
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert wizard.return_code == 0
    assert "Quit anyway" not in said
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == "Ledger"


def test_quitting_asks_first_when_the_draft_cannot_be_saved(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the draft's folder should be")
    session = Session(Document(), autosave=Autosave(blocker / DRAFT_NAME))
    header = GO_ON + answer("Ledger") + ENTER * 3
    # "n" stays: the owner answered afterwards proves the wizard went on.
    keys = header + pick("Quit") + "n" + ENTER + pick("Choose") + pick("Ownership") + answer("Core team")
    keys += ENTER * 2 + pick("Quit") + "y" + ENTER
    wizard, said = play(keys, session, draft_path=blocker / DRAFT_NAME)
    assert "Draft not saved: cannot create the folder" in said
    assert said.count("? Quit anyway? The draft could not be saved") == 2
    assert wizard.return_code == 0
    assert session.document.review.owner == "Core team"
    assert session.document.header.title == "Ledger"


@pytest.mark.parametrize("args", [["--plain"], ["edit", "x.toml", "--plain"]])
def test_without_a_terminal_plain_mode_points_to_from(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "x.toml").write_bytes(COMPLETE.read_bytes())
    result = run_archwiz(*args, cwd=tmp_path, stdin=b"")
    assert result.returncode == 2
    assert "archwiz --from SPEC.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_mode_never_loads_textual() -> None:
    import subprocess
    import sys

    code = "import sys, screens.plain, screens.plain.lines; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_first_question_needs_no_model() -> None:
    import subprocess
    import sys

    # The model and the renderer load in the background while the first question is read.
    code = (
        "import sys\nfrom screens.plain import PlainWizard\nfrom screens.plain.start import start\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'wizard.model'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_keys_helper_covers_every_kind() -> None:
    # keys_for_document must know every field kind the registry can produce.
    from wizard.sections import FieldKind

    kinds = {spec.kind for sec in SECTIONS for spec in _all_fields(sec.model)}
    assert kinds == set(FieldKind)


def _all_fields(model: type):
    for spec in fields_of(model):
        yield spec
        if spec.model is not None:
            yield from _all_fields(spec.model)


# The line prompts of a dumb terminal ---------------------------------------------------------


def test_line_prompts_number_their_choices_and_take_a_number_or_a_word(tmp_path: Path) -> None:
    lines = "\n" + "\n" + "Ledger\n" + "4\n" + "1.0.0\n" + "\n"  # new, go on, title, Deprecated...
    wizard, said = play_lines(lines + "quit\n", draft_path=tmp_path / DRAFT_NAME)
    # Nothing is chosen for the author: "Not answered" comes first, and is the default.
    assert "  1. Not answered\n  2. Proposed\n  3. Active\n  4. Deprecated\n" in said
    assert wizard.session is not None
    assert wizard.session.document.header.status == "Deprecated"
    assert wizard.return_code == 0


def test_line_prompts_keep_clear_explain_and_take_several_lines(tmp_path: Path) -> None:
    from wizard.model.overview import Header

    session = Session(load_document(COMPLETE))
    title = field(Header, "title")
    lines = "\n"  # go on: the header
    lines += "?\n" + "\n"  # help on the title, then Enter keeps it
    lines += "\n" + "-\n" + "\n"  # status kept; version emptied; date kept
    lines += "\n" + "First paragraph.\n" + "\n" + "Second one.\n" + ".\n"  # go on; summary
    wizard, said = play_lines(lines, session, draft_path=tmp_path / DRAFT_NAME)
    document = session.document
    assert f"{title.label}: {title.help}" in said
    assert f"System name [{document.header.title}]: " in said
    assert document.header.title == "Tillpoint Payments Platform"
    assert document.header.version == ""
    assert document.summary.text == "First paragraph.\n\nSecond one."
    assert wizard.return_code == 130  # the input ended: treated as an interruption, draft saved
    assert read_draft(tmp_path / DRAFT_NAME).document.summary.text == "First paragraph.\n\nSecond one."


def test_line_prompts_refuse_bytes_that_are_not_utf8_and_go_on(tmp_path: Path) -> None:
    # A terminal in Latin-1 sends é as the byte 0xE9; Python reads it as "\udce9".
    wizard, said = play_lines("\n\ncaf\udce9\ncafé\n", draft_path=tmp_path / DRAFT_NAME)
    assert "✗ System name: contains a byte that is not UTF-8 (0xE9) at column 4" in said
    # Not offered back (Enter would accept it cut short): asked again as it was.
    assert said.count("System name (e.g. Payments Platform): ") == 2
    assert wizard.session is not None and wizard.session.document.header.title == "café"
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == "café"


def test_a_dot_alone_at_once_keeps_a_multi_line_answer(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    before = session.document.summary.text
    lines = "choose\nExecutive\n.\n"
    play_lines(lines, session, draft_path=tmp_path / DRAFT_NAME)
    assert session.document.summary.text == before


def test_line_prompts_say_what_they_expect_of_a_wrong_choice(tmp_path: Path) -> None:
    wizard, said = play_lines("\n\n\nPending\n3\n", draft_path=tmp_path / DRAFT_NAME)
    assert "Type a number from 1 to 4, or part of one choice." in said
    assert wizard.session is not None and wizard.session.document.header.status == "Active"


# Free text: whatever is typed or pasted is data -------------------------------------------

# What archwiz itself must never print raw: C0/C1 controls (bar newline and tab) and bidi overrides.
RAW_CONTROLS = re.compile(f"[{ALWAYS_FORBIDDEN.replace(chr(10), '')}]")
NAME_SAMPLES = [
    *NASTY,
    "[bold]x[/]",
    "[@click=app.quit]q[/]",
    "?",
    "-",
    "\x1b[31mred\x1b[0m",
    "a\u202eb",
    "\x00",
]


def _outcome(typed: str) -> str | None:
    """What the model makes of ``typed`` as the system name, or None if it refuses it."""
    try:
        return Header.model_validate({"title": typed}).title
    except ValidationError:
        return None


@settings(max_examples=examples(25), deadline=None)
@given(st.one_of(st.sampled_from(NAME_SAMPLES), st.text(max_size=120)))
def test_any_pasted_name_ends_in_the_model_or_in_a_message_never_both(text: str) -> None:
    assume("\x1b[201~" not in text)  # it would end the bracketed paste itself
    with tempfile.TemporaryDirectory() as folder:
        wizard, said = play(NEW + GO_ON + answer(text), draft_path=Path(folder) / DRAFT_NAME)
    # A terminal delivers a pasted line end as CR; prompt_toolkit makes every line end LF.
    expected = _outcome(text.replace("\r\n", "\n").replace("\r", "\n"))
    assert wizard.session is not None
    refused = "✗ System name: " in said
    if expected is None:
        assert refused and wizard.session.document.header.title == ""
    else:
        assert not refused and wizard.session.document.header.title == expected
    assert not RAW_CONTROLS.search(said)


@settings(max_examples=examples(25), deadline=None)
@given(
    st.one_of(
        # Bytes a terminal sends that are not UTF-8 reach Python as lone surrogates.
        st.sampled_from([*NAME_SAMPLES, "caf\udce9"]),
        st.text(alphabet=st.characters(exclude_characters="\n\r"), max_size=120),
    )
)
def test_any_name_typed_on_a_dumb_terminal_ends_in_the_model_or_in_a_message(text: str) -> None:
    assume(text not in ("", "?", "-") and "\n" not in text and "\r" not in text)
    with tempfile.TemporaryDirectory() as folder:
        wizard, said = play_lines(f"\n\n{text}\n", draft_path=Path(folder) / DRAFT_NAME)
    expected = _outcome(text)
    assert wizard.session is not None
    if expected is None:
        assert "✗ System name: " in said and wizard.session.document.header.title == ""
    else:
        assert wizard.session.document.header.title == expected
    assert not RAW_CONTROLS.search(said)


def test_a_sigterm_that_python_drops_is_raised_again_and_still_stops_the_questions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import signal
    import time
    import weakref

    from screens.plain import PlainWizard
    from screens.plain.lines import LinePrompter
    from screens.plain.prompts import Choice, Help

    class Deaf(LinePrompter):
        """A prompt that waits on however long it takes, like one nobody answers."""

        def choose(self, label: str, choices: list[Choice], default: str | None = None) -> str | Help:
            class Thing:
                pass

            thing = Thing()
            # The handler runs inside this weakref callback, where Python prints and drops
            # whatever it raises: the way a SIGTERM was lost at a waiting prompt.
            watcher = weakref.ref(thing, lambda _: signal.raise_signal(signal.SIGTERM))
            del thing
            assert watcher() is None
            time.sleep(5)
            return "quit"

    session = Session(Document(), autosave=Autosave(tmp_path / DRAFT_NAME))
    session.update("header", {"title": "Ledger"})
    wizard = PlainWizard(
        session, draft_path=tmp_path / DRAFT_NAME, prompter=Deaf(io.StringIO(), io.StringIO())
    )
    handlers = [signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGALRM)]
    started = time.monotonic()
    wizard.run()
    assert wizard.return_code == 143
    assert time.monotonic() - started < 2  # stopped by the second raising, not by the 5 s
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == "Ledger"
    assert "Traceback" not in capsys.readouterr().err
    # As they were before, and no alarm left to go off later.
    assert [
        signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGALRM)
    ] == handlers
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_review_asks_before_replacing_a_hand_written_file(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    target = tmp_path / "ARCH.md"
    target.write_text("# my own notes\n")
    keys = pick("Review") + ENTER + answer(str(target)) + "n" + ENTER
    _, said = play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    assert "ARCH.md was not written by archwiz; not replacing it." in said
    assert "Nothing was written." in said and target.read_text() == "# my own notes\n"
    keys = pick("Review") + ENTER + answer(str(target)) + "y" + ENTER
    _, said = play(keys, session, draft_path=tmp_path / DRAFT_NAME)
    assert f"Kept the old file as {target}.bak." in said
    assert target.read_bytes() == (GOLDEN / "payments-platform.md").read_bytes()


def test_n_a_marks_a_part_not_applicable_and_enter_keeps_the_mark(tmp_path: Path) -> None:
    # New, choose a section: Ownership; the owner does not apply, with a reason; cycle: n/a.
    lines = "\n" + "choose\n" + "Ownership\n" + "n/a: one person, no team\n" + "N/A\n" + "\n"
    wizard, said = play_lines(lines + "quit\n", draft_path=tmp_path / DRAFT_NAME)
    assert wizard.session is not None
    review = wizard.session.document.review
    assert review.not_applicable == {"owner": "one person, no team", "cycle": ""}
    assert "Architecture Owner: marked not applicable." in said
    # Asked again, the mark is the answer shown, and Enter keeps it.
    session = wizard.session
    lines = "choose\n" + "Ownership\n" + "\n" + "\n" + "\n" + "quit\n"
    _, said = play_lines(lines, session, draft_path=tmp_path / "second" / DRAFT_NAME)
    assert "[n/a: one person, no team]" in said
    assert session.document.review.not_applicable == {"owner": "one person, no team", "cycle": ""}


def test_the_last_change_can_be_undone_and_redone_between_sections(tmp_path: Path) -> None:
    # Header: title, then Enter through the rest; back between sections, undo it, then redo.
    header = answer("URL shortener") + ENTER * 3
    keys = NEW + GO_ON + header + pick("Undo: Header") + pick("Redo: Header") + pick("Undo: Header")
    wizard, said = play(keys, draft_path=tmp_path / DRAFT_NAME)
    assert "Undone: Header: System name" in said and "Redone: Header: System name" in said
    assert wizard.session is not None and wizard.session.document.header.title == ""
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == ""  # the draft follows
