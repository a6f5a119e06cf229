"""A cloned repository may hold links, FIFOs and planted files: none of them turns archwiz
against its user. Each test plants what an attacker would and checks the victim is untouched."""

import os
import stat
from pathlib import Path

import pytest
from conftest import run_archwiz
from terminal import archwiz

from wizard.autosave import Autosave
from wizard.drafts import DRAFT_NAME
from wizard.errors import InputError
from wizard.lock import DraftLock, lock_path

VICTIM_TEXT = "export SECRET=1  # the user's own file\n"


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text(VICTIM_TEXT)
    return victim


def test_a_symlinked_lock_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    work = tmp_path / "repo"
    work.mkdir()
    lock_path(work / DRAFT_NAME).symlink_to(victim)
    with pytest.raises(InputError, match="is a symbolic link"):
        DraftLock(work / DRAFT_NAME).acquire()
    assert victim.read_text() == VICTIM_TEXT


@pytest.mark.parametrize("plain", [False, True])
def test_a_wizard_started_on_a_symlinked_lock_refuses_before_any_question(
    tmp_path: Path, plain: bool
) -> None:
    victim = _victim(tmp_path)
    work = tmp_path / "repo"
    work.mkdir()
    lock_path(work / DRAFT_NAME).symlink_to(victim)
    with archwiz(["--plain"] if plain else [], work) as pty:
        assert pty.wait() == 2
    assert b"is a symbolic link" in pty.seen
    assert victim.read_text() == VICTIM_TEXT


def test_a_fifo_as_the_lock_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(lock_path(tmp_path / DRAFT_NAME))
    with pytest.raises(InputError, match="not a regular file"):
        DraftLock(tmp_path / DRAFT_NAME).acquire()


def test_the_lock_file_goes_with_its_holder_and_never_splits(tmp_path: Path) -> None:
    draft = tmp_path / DRAFT_NAME
    first = DraftLock(draft)
    assert first.acquire() == ""
    assert stat.S_IMODE(lock_path(draft).stat().st_mode) == 0o600
    first.release()
    assert not lock_path(draft).exists()
    # A holder that finds its file renamed away (removed by the last holder as it opened it)
    # takes the new one: two archwiz processes never hold two different files.
    second, third = DraftLock(draft), DraftLock(draft)
    assert second.acquire() == ""
    with pytest.raises(InputError, match="being edited"):
        third.acquire()
    second.release()
    assert third.acquire() == ""
    third.release()


def test_a_full_disk_does_not_stop_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if b"archwiz pid" in data:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    lock = DraftLock(tmp_path / DRAFT_NAME)
    assert lock.acquire() == ""
    lock.release()


# --- input that costs too much ---------------------------------------------------------------

_DEEP = 40_000
SHAPES = {
    "dotted header": "[" + ".".join(["a"] * _DEEP) + "]\n",
    "dotted key": ".".join(["a"] * _DEEP) + " = 1\n",
    "quoted dotted header": "[" + ".".join(['"a"'] * _DEEP) + "]\n",
    "spaced dotted key": " . ".join(["b"] * _DEEP) + " = 1\n",
    "nested inline tables": "a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n",
    "nested arrays": "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "many tables": "[[goals]]\nname = 'x'\n" * 30_000,
    "dotted key in an inline table": "x = {" + ".".join(["a"] * 160_000) + " = 1}\n",
    # 31 long parts twice on one line: a regex for the run would backtrack for minutes.
    "two long 31-part keys": "x = {"
    + ".".join(["a" * 3000] * 31)
    + " = 1, "
    + ".".join(["a" * 3000] * 31)
    + " = 2}\n",
}
MEMORY_CEILING = 2 * 2**30  # the address space a run may take; a quadratic run needs several times this


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


@pytest.mark.parametrize("shape", SHAPES)
def test_pathological_specs_cost_memory_linear_in_their_size(shape: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    spec = tmp_path / "spec.toml"
    spec.write_text(SHAPES[shape])
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard", "--from", str(spec), "-o", "-"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_limited,
    )
    _, status, usage = os.wait4(process.pid, 0)
    assert process.stderr is not None
    err = process.stderr.read().decode()
    process.stderr.close()
    assert "Traceback" not in err and "MemoryError" not in err, err[-2000:]
    assert os.waitstatus_to_exitcode(status) in (0, 2), err
    assert usage.ru_maxrss < 300 * 1024, f"{usage.ru_maxrss // 1024} MB"  # ru_maxrss is in KiB


def test_a_cloned_draft_of_a_deep_header_is_set_aside_at_once(tmp_path: Path) -> None:
    import resource

    from wizard.drafts import SetAside, open_draft

    draft = tmp_path / DRAFT_NAME
    draft.write_text(SHAPES["dotted header"])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = open_draft(draft)
    assert isinstance(found, SetAside) and "nested 32 or more levels deep" in found.reason
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024


def test_a_fifo_or_a_device_as_the_spec_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "spec.fifo"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        result = run_archwiz("--from", path, "-o", "-")
        assert result.returncode == 2
        assert "is not a regular file (a FIFO or a device?); archwiz reads only files" in result.stderr


def test_a_fifo_as_the_draft_is_refused_not_waited_on(tmp_path: Path) -> None:
    from wizard.drafts import NotADraft, open_draft

    os.mkfifo(tmp_path / DRAFT_NAME)
    with pytest.raises(NotADraft, match="not a regular file"):
        open_draft(tmp_path / DRAFT_NAME)
    assert stat.S_ISFIFO(os.lstat(tmp_path / DRAFT_NAME).st_mode)  # not moved


# --- faults that would lose answers ----------------------------------------------------------


def test_quitting_anyway_with_an_unsavable_draft_leaves_an_emergency_copy_and_says_where(
    tmp_path: Path,
) -> None:
    from terminal import new_document, unprivileged

    from wizard.drafts import read_draft

    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with archwiz(["--draft", "shared/draft.toml"], tmp_path, prefix=unprivileged()) as pty:
            new_document(pty, plain=False)
            pty.until(b"draft NOT saved")
            pty.send(b"\x11")  # ctrl+q: it asks, since the draft could not be saved
            pty.until(b"Quit anyway?")
            pty.drain(0.3)
            pty.send(b"\x1b[Z\r")  # shift+Tab to "Quit", Enter
            assert pty.wait() == 0
    finally:
        folder.chmod(0o755)
    assert b"your answers are saved in .archwiz-draft.toml.emergency-" in pty.seen
    assert b"draft saved in" not in pty.seen  # the draft never held them: it is not named
    (copy,) = tmp_path.glob(f"{DRAFT_NAME}.emergency-*.toml")
    assert read_draft(copy).document.header.title == "Ledger"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_a_draft_behind_the_last_edits_is_not_named_as_holding_them(tmp_path: Path, capsys) -> None:
    from wizard import launch
    from wizard.session import Session

    session = Session(autosave=Autosave(tmp_path / DRAFT_NAME))
    session.update("header", {"title": "Ledger"})
    assert session.save()
    session.update("header", {"title": "Ledger 2"})  # then the disk filled up: not saved
    launch._rescue(session, 0)
    launch._report(session, [], None, quiet=False, plain=False)
    err = capsys.readouterr().err
    assert "your answers are saved in" in err and "draft saved in" not in err


def test_an_emergency_copy_in_a_shared_folder_never_follows_a_planted_link(tmp_path: Path) -> None:
    from datetime import datetime

    from wizard.drafts import emergency_copy
    from wizard.model import Document

    victim = _victim(tmp_path)
    shared = tmp_path / "tmp"
    shared.mkdir()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"{DRAFT_NAME}.emergency-{stamp}.toml", f"{DRAFT_NAME}.emergency-{stamp}-.toml"):
        (shared / name).symlink_to(victim)  # what another local user plants for the next minute
    copy = emergency_copy(shared / DRAFT_NAME, Document(), "header")
    assert victim.read_text() == VICTIM_TEXT
    assert not copy.is_symlink() and stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert len(copy.name) > len(f"{DRAFT_NAME}.emergency-{stamp}-.toml") + 8  # an unguessable part


def test_from_never_writes_a_draft_a_wizard_holds(tmp_path: Path) -> None:
    from conftest import MINIMAL

    from wizard.drafts import save_draft
    from wizard.model import Document

    draft = tmp_path / DRAFT_NAME
    save_draft(draft, Document(), "header")
    before = draft.read_bytes()
    holder = DraftLock(draft)
    assert holder.acquire() == ""
    try:
        result = run_archwiz("--from", str(MINIMAL), "-o", ".archwiz-draft.md", "--force", cwd=tmp_path)
    finally:
        holder.release()
    assert result.returncode == 1
    assert f"cannot write {DRAFT_NAME}: it is the draft archwiz pid {os.getpid()}" in result.stderr
    assert draft.read_bytes() == before and not (tmp_path / ".archwiz-draft.md").exists()


def test_a_full_standard_output_is_one_line_and_exit_1(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import MINIMAL

    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "wizard", "--from", str(MINIMAL), "-o", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 1
    assert result.stderr == "archwiz: cannot write to standard output: no space left on device\n"


# --- links that lead out of the folder --------------------------------------------------------


@pytest.mark.parametrize("name", ["ARCHITECTURE.md", "ARCHITECTURE.toml"])
def test_a_planted_output_link_is_refused_and_force_names_where_it_writes(tmp_path: Path, name: str) -> None:
    from conftest import MINIMAL

    victim = _victim(tmp_path)
    work = tmp_path / "repo"
    work.mkdir()
    (work / name).symlink_to(victim)
    result = run_archwiz("--from", str(MINIMAL), cwd=work)
    assert result.returncode == 1
    assert f"{name} is a link to {victim}, outside this folder; not replacing it." in result.stderr
    assert victim.read_text() == VICTIM_TEXT
    assert sorted(path.name for path in work.iterdir()) == [name]  # nothing written, not even half
    forced = run_archwiz("--from", str(MINIMAL), "--force", cwd=work)
    assert forced.returncode == 0, forced.stderr
    assert f"{name} (a link to {victim})" in forced.stderr
    assert (work / f"{name}.bak").read_text() == VICTIM_TEXT  # what it held is kept, here


def test_a_link_inside_the_folder_still_works(tmp_path: Path) -> None:
    from conftest import MINIMAL

    (tmp_path / "docs").mkdir()
    (tmp_path / "ARCHITECTURE.md").symlink_to(tmp_path / "docs" / "ARCHITECTURE.md")  # dangling, inside
    result = run_archwiz("--from", str(MINIMAL), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ARCHITECTURE.md").is_symlink()
    assert (tmp_path / "docs" / "ARCHITECTURE.md").read_text().startswith("# Invoice Service Architecture")


def test_a_draft_link_to_a_file_elsewhere_is_read_but_never_rewritten(tmp_path: Path, monkeypatch) -> None:
    from wizard.drafts import Draft, open_draft, save_draft
    from wizard.model import Document
    from wizard.session import Session

    elsewhere = tmp_path / "home" / "notes.toml"
    elsewhere.parent.mkdir()
    save_draft(elsewhere, Document(), "header")
    before = elsewhere.read_bytes()
    work = tmp_path / "repo"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / DRAFT_NAME).symlink_to(elsewhere)
    found = open_draft(work / DRAFT_NAME)
    assert isinstance(found, Draft)
    session = Session.resumed(found)
    session.update("header", {"title": "Ledger"})
    assert not session.save()
    assert f"it is a link to {elsewhere}, outside this folder" in session.autosave.error
    assert elsewhere.read_bytes() == before


def test_a_dangling_draft_link_creates_nothing_where_it_points(tmp_path: Path, monkeypatch) -> None:
    from wizard.session import Session

    target = tmp_path / "home" / ".profile"
    target.parent.mkdir()
    work = tmp_path / "repo"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / DRAFT_NAME).symlink_to(target)
    session = Session(autosave=Autosave(work / DRAFT_NAME))
    session.update("header", {"title": "Ledger"})
    assert not session.save()
    assert not target.exists() and "outside this folder" in session.autosave.error


def test_temp_files_a_killed_archwiz_left_are_cleared_by_the_next_run(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from conftest import MINIMAL

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that no longer runs
    old = time.time() - 3600
    stale = tmp_path / f".ARCHITECTURE.md.{gone.pid}.0a1b2c3d4e5f.tmp"
    fresh = tmp_path / f".ARCHITECTURE.md.{gone.pid}.111111111111.tmp"  # may still be being written
    running = tmp_path / f".ARCHITECTURE.md.{os.getpid()}.222222222222.tmp"  # a live archwiz's
    for path in (stale, fresh, running):
        path.write_bytes(b"half a document")
    for path in (stale, running):
        os.utime(path, (old, old))
    result = run_archwiz("--from", str(MINIMAL), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists() and running.exists()


def test_a_file_of_another_user_is_not_writable_by_you(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import MINIMAL, REPO
    from terminal import unprivileged

    if os.geteuid() != 0:
        pytest.skip("needs root to give a file to another user")
    prefix = unprivileged()
    target = tmp_path / "ARCHITECTURE.md"
    target.write_text("theirs\n")
    target.chmod(0o644)
    os.chown(target, 65534, 65534)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "wizard", "--from", str(MINIMAL)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1
    assert (
        result.stderr
        == "archwiz: cannot write ARCHITECTURE.md: the file is not writable by you; not replacing it\n"
    )
    assert target.read_text() == "theirs\n"


FULL_DISK = (
    "import errno, os\n"
    "from wizard import lock\n"
    "class _Full:\n"
    "    def __getattr__(self, name):\n"
    "        return getattr(os, name)\n"
    "    def open(self, path, flags, mode=0o777):\n"
    "        if flags & os.O_CREAT:\n"
    "            raise OSError(errno.ENOSPC, 'No space left on device')\n"
    "        return os.open(path, flags, mode)\n"
    "lock.os = _Full()\n"
)


@pytest.mark.parametrize("plain", [False, True], ids=["tui", "plain"])
def test_a_wizard_starts_on_a_full_disk_and_resumes_its_draft(tmp_path: Path, plain: bool) -> None:
    from conftest import COMPLETE

    from wizard.drafts import save_draft
    from wizard.spec import load_spec

    save_draft(tmp_path / DRAFT_NAME, load_spec(str(COMPLETE))[0], "goals")
    args = ["--resume", *(["--plain"] if plain else [])]
    with archwiz(args, tmp_path, code=FULL_DISK) as pty:
        pty.until(b"Architectural Goals")  # the draft resumed, at its section
        pty.send(b"\x03" if plain else b"\x11")
        assert pty.wait() in (0, 130)
    assert b"Traceback" not in pty.seen
    assert b"cannot lock the draft" in pty.seen  # said, and editing went on (a TUI notice wraps)
    if plain:
        assert b"(no space left on device)" in pty.seen


# --- found by an adversarial run ----------------------------------------------------------------


def test_a_comment_added_above_the_sidecar_stamp_makes_it_the_users(tmp_path: Path) -> None:
    from conftest import MINIMAL

    assert run_archwiz("--from", str(MINIMAL), cwd=tmp_path).returncode == 0
    sidecar = tmp_path / "ARCHITECTURE.toml"
    sidecar.write_text("# MY PRECIOUS NOTES\n" + sidecar.read_text())
    markdown = tmp_path / "ARCHITECTURE.md"
    markdown.write_text(markdown.read_text().replace("<!-- Written", "<!-- MY NOTE Written"))
    result = run_archwiz("--from", str(MINIMAL), cwd=tmp_path)
    assert result.returncode == 1
    assert "ARCHITECTURE.md was edited since archwiz wrote it" in result.stderr
    assert "ARCHITECTURE.toml was edited since archwiz wrote it" in result.stderr
    assert sidecar.read_text().startswith("# MY PRECIOUS NOTES\n")


def test_its_own_output_without_an_md_suffix_is_still_its_own(tmp_path: Path) -> None:
    from conftest import COMPLETE, MINIMAL

    assert run_archwiz("--from", str(MINIMAL), "-o", "NOTES", cwd=tmp_path).returncode == 0
    again = run_archwiz("--from", str(COMPLETE), "-o", "NOTES", cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_resuming_a_spec_of_the_users_refuses_and_never_autosaves_over_it(tmp_path: Path) -> None:
    from conftest import COMPLETE

    spec = tmp_path / "architecture-spec.toml"
    spec.write_bytes(COMPLETE.read_bytes())
    with archwiz(["--resume", "architecture-spec.toml"], tmp_path) as pty:
        assert pty.wait() == 2
    assert b"is not an archwiz draft" in pty.seen and b"archwiz edit architecture-spec.toml" in pty.seen
    assert spec.read_bytes() == COMPLETE.read_bytes()


def test_a_draft_link_planted_to_a_spec_inside_the_folder_is_refused_not_moved(tmp_path: Path) -> None:
    from conftest import COMPLETE

    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "payments.toml"
    spec.write_bytes(COMPLETE.read_bytes())
    (tmp_path / DRAFT_NAME).symlink_to("specs/payments.toml")
    with archwiz([], tmp_path) as pty:
        assert pty.wait() == 2
    assert b"is not an archwiz draft" in pty.seen
    assert spec.read_bytes() == COMPLETE.read_bytes() and (tmp_path / DRAFT_NAME).is_symlink()


def test_a_fifo_as_the_draft_is_refused_never_moved_or_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with archwiz(["--draft", "pipe"], tmp_path) as pty:
        assert pty.wait() == 2
    assert b"is not a regular file" in pty.seen
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_draft_folder_linked_out_of_the_folder_stops_the_wizard_before_it_writes(tmp_path: Path) -> None:
    from conftest import MINIMAL

    victim = tmp_path / "victim2"
    victim.mkdir()
    work = tmp_path / "repo"
    (work / "docs").mkdir(parents=True)
    (work / "docs" / "ARCHITECTURE.toml").write_bytes(MINIMAL.read_bytes())
    (work / "linked").symlink_to(victim)
    with archwiz(["--draft", "linked/d.toml"], work) as pty:
        assert pty.wait() == 2
    assert b"leads out of this folder through a link" in pty.seen
    assert list(victim.iterdir()) == []


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_force_never_writes_over_a_fifo_or_a_device(tmp_path: Path, kind: str) -> None:
    from conftest import MINIMAL

    target = tmp_path / "ARCHITECTURE.md"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    result = run_archwiz("--from", str(MINIMAL), "--force", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "it is not a regular file" in result.stderr
    assert not (tmp_path / "ARCHITECTURE.md.bak").exists()


def test_init_and_schema_never_read_a_fifo_or_device_in_the_way(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "archwiz.schema.json")
    result = run_archwiz("schema", "-o", "archwiz.schema.json", cwd=tmp_path)
    assert result.returncode == 1 and "not an archwiz schema" in result.stderr
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    result = run_archwiz("schema", "-o", "zero.json", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
