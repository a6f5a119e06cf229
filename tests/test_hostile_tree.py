"""A cloned repository may hold links, FIFOs and planted files: none of them turns archwiz
against its user. Each test plants what an attacker would and checks the victim is untouched."""

import os
import stat
from pathlib import Path

import pytest
from terminal import archwiz

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
