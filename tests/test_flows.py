"""The flows every front end shares (wizard.begin, wizard.finish, wizard.autosave): what the
first question offers, what a review says, how a write and a failed save are told, and
when quitting asks first. The front ends' own tests drive them through real keys; these
pin down the core that both call, so a third front end gets the same answers."""

from datetime import datetime
from pathlib import Path

import pytest
from conftest import COMPLETE
from tui import load_document

from wizard import begin, finish
from wizard.autosave import Autosave
from wizard.drafts import DRAFT_NAME, Draft, Locked, SetAside
from wizard.errors import ArchwizError, InputError
from wizard.model import Document
from wizard.sections import SECTIONS, SectionState
from wizard.session import Session
from wizard.writing import WouldReplace

SAVED = datetime(2026, 11, 20, 9, 30).astimezone()


def _keys(found: Draft | SetAside | Locked | None) -> list[str]:
    return [offer.key for offer in begin.offers(found)]


def test_the_first_question_offers_the_draft_first_and_a_held_one_only_to_read(tmp_path: Path) -> None:
    draft = Draft(tmp_path / DRAFT_NAME, Document(), "summary", SAVED)
    assert _keys(None) == ["new", "open", "quit"]
    assert _keys(draft) == ["resume", "new", "open", "quit"]
    assert begin.offers(draft)[0].label == f"Resume the draft ({draft.describe()})"
    aside = SetAside(tmp_path / DRAFT_NAME, tmp_path / "x.unreadable", "line 3: bad")
    assert _keys(aside) == ["new", "open", "quit"] and "moved to" in begin.note(aside)
    held = Locked(draft, "archwiz pid 7 on host")
    assert _keys(held) == ["read", "quit"] and "being edited by archwiz pid 7" in begin.note(held)
    beside = Locked(draft, "archwiz pid 7 on host", tmp_path / ".archwiz-draft-2.toml")
    assert _keys(beside) == ["read", "elsewhere", "quit"]
    assert begin.offers(beside)[1].label == "Start a new document (its own draft, .archwiz-draft-2.toml)"
    assert begin.note(None) == begin.note(draft) == ""


def test_each_choice_starts_its_session(tmp_path: Path) -> None:
    draft = Draft(tmp_path / DRAFT_NAME, load_document(COMPLETE), "components", SAVED)
    resumed = begin.session_for("resume", draft)
    assert resumed is not None and resumed.document == draft.document
    assert resumed.section == "components" and resumed.autosave.path == draft.path
    assert not resumed.unsaved  # resuming is not an edit: nothing to save yet
    new = begin.session_for("new", draft)
    assert new is not None and new.document == Document() and new.autosave.path is None
    assert begin.session_for("quit", draft) is None
    held = begin.held_document(Locked(draft, "archwiz pid 7"))
    assert held is not None and held[1] == "archwiz pid 7" and held[0].autosave.path is None


def test_opening_a_sidecar_names_the_file_and_line_of_a_problem(tmp_path: Path) -> None:
    good = begin.open_sidecar(f"  {COMPLETE}  ")
    assert good.source == COMPLETE and good.document == load_document(COMPLETE)
    bad = tmp_path / "bad.toml"
    bad.write_text('[header]\ntitle = "x"\nstatus = "Sideways"\n')
    with pytest.raises(ArchwizError) as error:
        begin.open_sidecar(str(bad))
    assert f"{bad}:3" in str(error.value) and "header.status" in str(error.value)


def test_a_fresh_draft_keeps_an_old_one_aside_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    path.write_text("old work")
    session = Session()
    news, error = begin.attach_draft(session, path)
    assert session.autosave.path == path and not error
    (aside,) = [p for p in tmp_path.iterdir() if p != path]
    assert news == f"The previous draft was kept as {aside}." and aside.read_text() == "old work"
    # A session that has its draft (a resumed one) keeps it.
    assert begin.attach_draft(session, tmp_path / "other.toml") == ("", False)
    assert session.autosave.path == path


def test_the_review_names_what_each_open_section_lacks() -> None:
    document = load_document(COMPLETE).model_copy(update={"summary": Document().summary})
    review = finish.review(Session(document))
    (todo,) = review.todo
    assert todo.section.key == "summary" and todo.state is SectionState.EMPTY
    assert (
        todo.lacks().startswith("Empty: ")
        and review.headline() == f"{review.total - 1} of 21 sections complete"
    )
    many = finish.Todo(SECTIONS[0], SectionState.PARTIAL, ["A", "B", "C", "D", "E", "F"])
    assert many.lacks() == "Empty: A, B, C, D, and 2 more"
    assert finish.Todo(SECTIONS[0], SectionState.INVALID, []).lacks() == ""


def test_writing_goes_where_typed_and_refuses_to_replace_a_hand_written_file(tmp_path: Path) -> None:
    session = Session(load_document(COMPLETE))
    target = tmp_path / "ARCH.md"
    target.write_text("# Written by hand\n")
    with pytest.raises(WouldReplace):
        finish.write(session, f" {target} ")
    assert target.read_text() == "# Written by hand\n"
    written = finish.write(session, str(target), force=True)
    assert written == (target, target.with_suffix(".toml"))
    news = finish.written_news(session, written)
    assert news == f"Wrote {target} and {target.with_suffix('.toml')}. Kept the old file as {target}.bak."
    with pytest.raises(InputError, match="name the Markdown file"):
        finish.write(session, str(tmp_path / "x.toml"))


def test_quitting_asks_only_when_answers_would_be_lost(tmp_path: Path) -> None:
    session = Session(autosave=Autosave(tmp_path / DRAFT_NAME))
    assert finish.quit_question(session) == ""
    session.update("header", {"title": "Ledger"})
    assert finish.quit_question(session).startswith("Quit anyway? The draft could not be saved")
    assert session.save() and finish.quit_question(session) == ""
    session.invalid["header"] = 2
    assert finish.quit_question(session) == (
        "Quit anyway? 2 answers are not valid yet, so not saved: the fields marked ✗."
    )
    nowhere = Session()
    nowhere.update("header", {"title": "Ledger"})
    assert finish.quit_question(nowhere) == (
        "Quit without writing? Changes since the last write are not saved anywhere."
    )


def test_a_failed_save_is_told_once_per_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"  # a file where the draft's folder should be (root too is refused)
    blocker.write_text("in the way")
    session = Session(autosave=Autosave(blocker / DRAFT_NAME))
    session.update("header", {"title": "Ledger"})
    assert not session.save()
    news = session.autosave.news("")
    assert news.startswith(f"Draft not saved: cannot create the folder {blocker}")
    assert news.endswith("Your answers are kept in memory; archwiz keeps trying.")
    assert session.autosave.news(session.autosave.error) == ""  # the same reason again
    blocker.unlink()
    assert session.save() and session.autosave.news("anything") == ""


def test_an_item_still_to_do_is_named_so_a_reader_finds_it() -> None:
    """ "Endpoint 1 (POST)" named no endpoint: a choice goes with the field after it."""
    from wizard.sections import SECTIONS, missing

    document = Document.model_validate(
        {"endpoints": [{"method": "POST", "path": "/api/v1/links"}], "components": [{"name": "Cache"}]}
    )
    by_key = {section.key: section for section in SECTIONS}
    assert missing(document, by_key["endpoints"])[0] == "Endpoint 1 (POST /api/v1/links): Request"
    assert missing(document, by_key["components"])[0] == "Component 1 (Cache): Responsibility"
