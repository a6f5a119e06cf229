"""Drafts: autosaved, resumable, renderable by --from, and never overwritten when unreadable."""

import os
import signal
from datetime import datetime
from pathlib import Path

import pytest
from conftest import COMPLETE, run_archwiz
from terminal import archwiz, new_document
from textual.widgets import OptionList
from tui import drive, eventually, load_document, screen_text, section_screen

from screens.tui.app import ArchwizApp
from screens.tui.section import SectionScreen
from screens.tui.start import StartScreen
from wizard.autosave import Autosave
from wizard.drafts import DRAFT_NAME, Draft, SetAside, emergency_copy, open_draft, read_draft, save_draft
from wizard.model import Document
from wizard.sections import SECTIONS
from wizard.session import Session

SAVED = datetime(2026, 11, 20, 9, 30, 5).astimezone()


@pytest.fixture
def quick_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ArchwizApp, "AUTOSAVE_SECONDS", 0.2)


def test_a_draft_round_trips_with_when_and_where(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    document = load_document(COMPLETE)
    save_draft(path, document, "components", now=SAVED)
    draft = read_draft(path)
    assert draft.document == document
    assert draft.section == "components"
    assert draft.saved == SAVED
    assert draft.describe() == "saved 2026-11-20 09:30, 21 of 21 sections complete"
    assert path.read_text().startswith("# archwiz draft: not published. section=components saved=")


def test_archwiz_from_renders_a_draft_like_the_sidecar(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    save_draft(path, load_document(COMPLETE), "header", now=SAVED)
    result = run_archwiz("--from", str(path), "-o", "-")
    expected = run_archwiz("--from", str(COMPLETE), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected.stdout


@pytest.mark.parametrize(
    "content",
    [
        b'# archwiz draft: not published. section=header saved=x\n[header]\ntitle = "Cut off',  # truncated
        b"\x00\x01 not toml at all",
        b"schema_version = 99\n",  # from a newer archwiz
        b'[header]\nstatus = "Finished"\n',  # valid TOML, invalid document
    ],
)
def test_an_unreadable_draft_is_set_aside_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / DRAFT_NAME
    path.write_bytes(content)
    found = open_draft(path)
    assert isinstance(found, SetAside)
    assert not path.exists()
    assert found.moved_to.read_bytes() == content
    assert found.moved_to.name.startswith(f"{DRAFT_NAME}.unreadable-")
    assert found.reason


def test_no_draft_is_no_draft(tmp_path: Path) -> None:
    assert open_draft(tmp_path / DRAFT_NAME) is None


def test_an_emergency_copy_never_replaces_the_draft(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    path.write_text("old draft")
    copy = emergency_copy(path, Document(), "summary")
    assert path.read_text() == "old draft"
    assert read_draft(copy).section == "summary"


def test_the_wizard_autosaves_and_shows_when(tmp_path: Path, quick_autosave: None) -> None:
    draft = tmp_path / DRAFT_NAME
    session = Session(autosave=Autosave(draft))

    async def scenario(app, pilot):
        await pilot.press(*"Ledger")
        # The first save may catch "L" already; the whole word follows within the interval.
        await eventually(
            pilot, lambda: draft.exists() and read_draft(draft).document.header.title == "Ledger"
        )
        assert draft.exists()
        assert read_draft(draft).document.header.title == "Ledger"
        assert "draft saved" in screen_text(app)
        await pilot.press(*" Core", "ctrl+n")  # a section change saves at once (written on a thread)
        await eventually(pilot, lambda: read_draft(draft).section == "summary")
        saved = read_draft(draft)
        assert saved.document.header.title == "Ledger Core"
        assert saved.section == "summary"
        await pilot.press("x", "ctrl+q")  # quitting saves; nothing is lost, so it does not ask
        await pilot.pause()

    drive(scenario, session)
    assert read_draft(draft).document.summary.text == "x"


def test_typing_without_a_pause_still_saves_every_interval(tmp_path: Path, quick_autosave: None) -> None:
    draft = tmp_path / DRAFT_NAME
    session = Session(autosave=Autosave(draft))

    async def scenario(app, pilot):
        for char in "Continuous":
            await pilot.press(char)
            await pilot.pause(0.05)
        assert draft.exists()  # saved during the burst, not only after it
        assert read_draft(draft).document.header.title

    drive(scenario, session)


def test_a_failing_autosave_is_reported_and_retried(tmp_path: Path, quick_autosave: None) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the draft's folder should be")
    session = Session(autosave=Autosave(blocker / DRAFT_NAME))

    def saved_title() -> str:
        path = blocker / DRAFT_NAME
        return read_draft(path).document.header.title if path.exists() else ""

    async def scenario(app, pilot):
        await pilot.press(*"Ledger")
        await eventually(pilot, lambda: "draft NOT saved" in screen_text(app))
        assert "draft NOT saved" in screen_text(app)
        assert session.autosave.error
        assert session.document.header.title == "Ledger"  # editing goes on in memory
        blocker.unlink()
        blocker.mkdir()
        await pilot.press("s")
        # A save of "Ledger" already under way may land (and be shown) first: wait for the last.
        await eventually(pilot, lambda: "draft saved" in screen_text(app) and saved_title() == "Ledgers")
        assert "draft saved" in screen_text(app)

    drive(scenario, session)
    assert read_draft(blocker / DRAFT_NAME).document.header.title == "Ledgers"


def test_a_failed_save_is_retried_without_waiting_for_an_edit(
    tmp_path: Path, quick_autosave: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ArchwizApp, "RETRY_SECONDS", 0.3)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the draft's folder should be")
    draft = blocker / DRAFT_NAME
    session = Session(autosave=Autosave(draft))

    async def scenario(app, pilot):
        await pilot.press(*"Ledger")
        await eventually(pilot, lambda: "draft NOT saved" in screen_text(app))
        blocker.unlink()
        blocker.mkdir()  # the folder can be written now; no key is pressed
        await eventually(pilot, lambda: draft.exists() and "draft saved" in screen_text(app))
        assert "draft saved" in screen_text(app)

    drive(scenario, session)
    assert read_draft(draft).document.header.title == "Ledger"


def test_the_start_screen_resumes_a_draft_at_its_section(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    save_draft(path, load_document(COMPLETE), "entities", now=SAVED)
    found = open_draft(path)
    assert isinstance(found, Draft)

    async def scenario(app, pilot):
        assert isinstance(app.screen, StartScreen)
        prompt = app.screen.query_one(OptionList).get_option("resume").prompt
        assert str(prompt) == "Resume the draft (saved 2026-11-20 09:30, 21 of 21 sections complete)"
        await pilot.press("enter")
        await pilot.pause()
        assert section_screen(app).section.key == "entities"

    app = drive(scenario, app=ArchwizApp(None, draft_path=path, draft=found))
    assert app.session is not None and app.session.autosave.path == path


def test_a_new_document_keeps_the_old_draft_aside(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    save_draft(path, load_document(COMPLETE), "header", now=SAVED)
    old = path.read_bytes()

    async def scenario(app, pilot):
        await pilot.press("down", "enter")  # "Start a new document"
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)

    drive(scenario, app=ArchwizApp(None, draft_path=path, draft=open_draft(path)))
    kept = list(tmp_path.glob(f"{DRAFT_NAME}.previous-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == old


def test_resume_without_a_draft_says_so(tmp_path: Path) -> None:
    result = run_archwiz("--resume", str(tmp_path / DRAFT_NAME), stdin=b"")
    # Without a terminal the wizard refuses first; the message still points the way.
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# A real archwiz on a pseudo-terminal, stopped the hard ways -------------------------------


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_save_the_draft_and_exit_128_plus_signal(
    tmp_path: Path, signum: int, code: int
) -> None:
    with archwiz([], tmp_path) as pty:
        new_document(pty, plain=False)
        pty.drain(0.3)  # typed, but well inside the autosave interval
        pty.process.send_signal(signum)
        assert pty.wait() == code
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == "Ledger"


def test_sigkill_loses_at_most_the_autosave_interval(tmp_path: Path) -> None:
    with archwiz([], tmp_path) as pty:
        new_document(pty, plain=False)
        pty.drain(ArchwizApp.AUTOSAVE_SECONDS + 1.5)
        pty.process.kill()
        pty.process.wait(timeout=10)
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == "Ledger"


def test_resume_reopens_the_draft_in_a_real_terminal(tmp_path: Path) -> None:
    save_draft(tmp_path / DRAFT_NAME, load_document(COMPLETE), "decisions", now=SAVED)
    with archwiz(["--resume"], tmp_path) as pty:
        pty.until(f"18 of {len(SECTIONS)}".encode())
        pty.drain(0.5)  # let start-up finish: this tests resuming, not typing ahead
        pty.send(b"\x11")  # ctrl+q: nothing changed, so it just quits
        assert pty.wait() == 0


def test_one_archwiz_at_a_time_per_draft_and_a_stale_lock_blocks_nobody(tmp_path: Path) -> None:
    from wizard.errors import InputError
    from wizard.lock import DraftLock, lock_path

    draft = tmp_path / DRAFT_NAME
    lock_path(draft).write_text("archwiz pid 999999 on gone since yesterday\n")  # a killed holder
    first, second = DraftLock(draft), DraftLock(draft)
    first.acquire()
    with pytest.raises(InputError, match=rf"being edited by archwiz pid {os.getpid()} on "):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_a_draft_that_cannot_be_locked_is_edited_unlocked_with_a_reason(tmp_path: Path) -> None:
    from wizard.lock import DraftLock

    blocker = tmp_path / "file"
    blocker.write_text("a file where the draft's folder should be")
    lock = DraftLock(blocker / DRAFT_NAME)
    assert lock.acquire().startswith(f"cannot lock the draft {blocker / DRAFT_NAME} (")
    lock.release()  # nothing held, nothing to release: no error either


def test_a_second_archwiz_is_told_who_holds_the_draft_and_may_read_it(tmp_path: Path) -> None:
    from wizard.lock import DraftLock

    save_draft(tmp_path / DRAFT_NAME, load_document(COMPLETE), "header", now=SAVED)
    before = (tmp_path / DRAFT_NAME).read_bytes()
    holder = DraftLock(tmp_path / DRAFT_NAME)
    holder.acquire()
    try:
        with archwiz(["--resume"], tmp_path) as pty:
            pty.until(b"Read the draft")
            assert b"is being edited by archwiz pid" in pty.seen
            pty.send(b"\r")  # read it
            pty.until(b"Read-only")
            pty.until(b"Tillpoint Payments Platform Architecture")
            pty.send(b"\x1b")  # back to the offer
            pty.until(b"Read the draft")  # drawn again: the next key goes to it
            pty.drain(0.3)
            pty.send(b"\x11")  # ctrl+q
            assert pty.wait() == 0
    finally:
        holder.release()
    assert (tmp_path / DRAFT_NAME).read_bytes() == before  # read, never written


def test_a_held_draft_with_nothing_saved_yet_is_refused_with_its_holder(tmp_path: Path) -> None:
    from wizard.lock import DraftLock

    holder = DraftLock(tmp_path / DRAFT_NAME)
    holder.acquire()
    try:
        with archwiz([], tmp_path) as pty:
            assert pty.wait() == 2
    finally:
        holder.release()
    assert b"is being edited by archwiz pid" in pty.seen
    assert b"Traceback" not in pty.seen


def test_a_read_only_draft_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / DRAFT_NAME
    save_draft(path, Document(), "header", now=SAVED)
    before = path.read_bytes()
    path.chmod(0o444)
    session = Session(autosave=Autosave(path))
    session.update("header", {"title": "Changed"})
    assert session.save() is False
    assert "read-only" in session.autosave.error
    assert path.read_bytes() == before
    assert session.document.header.title == "Changed"  # kept in memory for the next try


def test_a_full_disk_while_autosaving_is_reported_and_editing_goes_on(
    tmp_path: Path, quick_autosave: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import wizard.atomic

    real_fsync = os.fsync

    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wizard.atomic.os, "fsync", full_disk)
    draft = tmp_path / DRAFT_NAME
    session = Session(autosave=Autosave(draft))

    def saved_title() -> str:
        return read_draft(draft).document.header.title if draft.exists() else ""

    async def scenario(app, pilot):
        await pilot.press(*"Ledger")
        await eventually(pilot, lambda: bool(session.autosave.error))
        assert "no space left on device" in session.autosave.error
        assert "draft NOT saved" in screen_text(app)
        assert not draft.exists() and not list(tmp_path.glob(".*.tmp"))  # no half-written file
        monkeypatch.setattr(wizard.atomic.os, "fsync", real_fsync)  # space freed
        await pilot.press("s")
        # A save of "Ledger" already under way may land (and be shown) first: wait for the last.
        await eventually(pilot, lambda: "draft saved" in screen_text(app) and saved_title() == "Ledgers")
        assert "draft saved" in screen_text(app)

    drive(scenario, session)
    assert read_draft(draft).document.header.title == "Ledgers"


def test_a_crash_leaves_an_emergency_copy_of_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard import launch

    draft = tmp_path / DRAFT_NAME
    session = Session(load_document(COMPLETE), autosave=Autosave(draft))

    def broken(self: SectionScreen) -> None:
        raise RuntimeError("a bug in a screen")

    monkeypatch.setattr(SectionScreen, "action_toggle_preview", broken)

    async def scenario(app, pilot):
        await pilot.press("f3")
        await pilot.pause()

    import asyncio

    app = ArchwizApp(session)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    with pytest.raises(RuntimeError):
        asyncio.run(main())
    assert app.return_code == 1
    launch.save_emergency_copy(app.session, "stopped on an error")
    copies = list(tmp_path.glob(f"{DRAFT_NAME}.emergency-*.toml"))
    assert len(copies) == 1
    assert read_draft(copies[0]).document == session.document


# --draft, symlinks, permissions and crashes, each in a real process where it matters ----------


def test_draft_path_puts_the_draft_there_and_the_resume_hint_names_it(tmp_path: Path) -> None:
    with archwiz(["--plain", "--draft", "drafts/payments.toml"], tmp_path) as pty:
        new_document(pty, plain=True)
        pty.send(b"\x03")
        assert pty.wait() == 130
    assert b"resume with: archwiz --resume drafts/payments.toml --plain" in pty.seen
    assert read_draft(tmp_path / "drafts" / "payments.toml").document.header.title == "Ledger"
    assert not (tmp_path / DRAFT_NAME).exists()
    resumed = run_archwiz("--from", "drafts/payments.toml", "-o", "-", cwd=tmp_path)
    assert resumed.stdout.startswith("# Ledger Architecture")


def test_a_symlinked_draft_stays_a_link_and_its_target_keeps_its_mode(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "payments-draft.toml"
    save_draft(target, Document(), "header", now=SAVED)
    target.chmod(0o640)
    link = tmp_path / DRAFT_NAME
    link.symlink_to(target)
    found = open_draft(link)
    assert isinstance(found, Draft)
    session = Session.resumed(found)
    session.update("header", {"title": "Ledger"})
    assert session.save(), session.autosave.error
    assert link.is_symlink() and link.resolve() == target
    assert target.stat().st_mode & 0o777 == 0o640
    assert read_draft(link).document.header.title == "Ledger"
    assert list(synced.iterdir()) == [target]  # no temp file left beside the target


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "tui"])
def test_an_unwritable_draft_folder_is_reported_as_an_ordinary_user_and_editing_goes_on(
    tmp_path: Path, plain: bool
) -> None:
    from terminal import unprivileged

    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    args = ["--draft", "shared/draft.toml", *(["--plain"] if plain else [])]
    try:
        with archwiz(args, tmp_path, prefix=unprivileged()) as pty:
            new_document(pty, plain=plain)  # in plain mode, the next question shows: it goes on
            if plain:
                pty.send(b"\x03")
            else:
                # The title on screen means it reached the model: only then is there an answer
                # that no draft holds (on a loaded machine the signal could otherwise win).
                pty.until(b"Ledger")
                if b"draft NOT saved" not in pty.seen:
                    pty.until(b"draft NOT saved")
                pty.drain(0.3)
                pty.process.send_signal(signal.SIGTERM)
            assert pty.wait() == (130 if plain else 143)
    finally:
        folder.chmod(0o755)
    seen = pty.seen
    # Said on the first screen (in the TUI, a notice wrapped to its width).
    assert b"cannot lock the draft" in seen
    if plain:
        assert b"cannot lock the draft shared/draft.toml (permission denied)" in seen
        assert b"Draft not saved: cannot write shared/draft.toml: permission denied" in seen
    assert list(folder.iterdir()) == []
    # Stopped with answers no draft holds: they are rescued where they can be written.
    assert (
        b"archwiz: the draft could not be saved; your answers are saved in .archwiz-draft.toml.emergency-"
        in seen
    )
    (copy,) = tmp_path.glob(f"{DRAFT_NAME}.emergency-*.toml")
    assert read_draft(copy).document.header.title == "Ledger"


CRASH_TUI = (
    "from screens.tui.section import SectionScreen\n"
    "def broken(self):\n    raise RuntimeError('a bug planted by the test')\n"
    "SectionScreen.action_toggle_preview = broken\n"
)
CRASH_PLAIN = (
    "from screens.plain.questions import Questions\n"
    "def broken(self, spec):\n    raise RuntimeError('a bug planted by the test')\n"
    "Questions.explain = broken\n"
)


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "tui"])
def test_a_crashing_archwiz_leaves_an_emergency_copy_and_says_where(tmp_path: Path, plain: bool) -> None:
    crash = CRASH_PLAIN if plain else CRASH_TUI
    with archwiz(["--plain"] if plain else [], tmp_path, code=crash) as pty:
        new_document(pty, plain=plain)
        if not plain:
            pty.drain(0.3)  # the typed name reaches the model
        pty.send(b"\x1bOP" if plain else b"\x1bOR")  # F1 (help) or F3 (preview): where the bug is
        pty.until(b"your answers are saved in")
        assert pty.wait() == 1
    assert b"a bug planted by the test" in pty.seen
    copies = list(tmp_path.glob(f"{DRAFT_NAME}.emergency-*.toml"))
    assert len(copies) == 1
    assert read_draft(copies[0]).document.header.title == "Ledger"


def test_the_resume_hint_names_a_draft_that_is_not_in_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wizard.launch import _report

    beside = Session(
        Document(), source=Path("docs/ARCHITECTURE.toml"), autosave=Autosave(Path("docs") / DRAFT_NAME)
    )
    beside.autosave.saved_at = SAVED
    here = Session(Document(), autosave=Autosave(Path(DRAFT_NAME)))
    here.autosave.saved_at = SAVED
    _report(beside, [], None, quiet=False, plain=True)
    _report(here, [], None, quiet=False, plain=False)
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        f"draft saved in docs/{DRAFT_NAME}; resume with: archwiz --resume docs/{DRAFT_NAME} --plain",
        f"draft saved in {DRAFT_NAME}; resume with: archwiz --resume",
    ]


def test_a_second_archwiz_may_start_a_new_document_with_a_draft_of_its_own(tmp_path: Path) -> None:
    from wizard.lock import DraftLock

    save_draft(tmp_path / DRAFT_NAME, load_document(COMPLETE), "header", now=SAVED)
    before = (tmp_path / DRAFT_NAME).read_bytes()
    holder = DraftLock(tmp_path / DRAFT_NAME)
    holder.acquire()
    try:
        with archwiz([], tmp_path) as pty:
            pty.until(b"Start a new document (its own draft, .archwiz-draft-2.toml)")
            pty.drain(0.3)
            pty.send(b"\x1b[B")  # down, to the new document
            pty.drain(0.2)
            pty.send(b"\r")
            pty.until(b"1 of 23")  # straight to the first section: no second start screen
            pty.drain(0.5)
            pty.send(b"Shortener")
            pty.drain(0.5)
            pty.send(b"\x11")  # ctrl+q: the draft is saved first, so nothing to ask
            assert pty.wait() == 0
    finally:
        holder.release()
    assert (tmp_path / DRAFT_NAME).read_bytes() == before  # the held draft is untouched
    own = read_draft(tmp_path / ".archwiz-draft-2.toml")
    assert own.document.header.title == "Shortener"
    assert b"archwiz --resume .archwiz-draft-2.toml" in pty.seen  # how to come back to it
