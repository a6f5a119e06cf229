"""Writes are atomic: a failure at any step leaves the previous files exactly as they were."""

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COMPLETE, MINIMAL
from terminal import unprivileged

from wizard import atomic
from wizard.atomic import write_files
from wizard.cli import main
from wizard.errors import OutputError


@pytest.fixture
def pair(tmp_path: Path) -> list[Path]:
    files = [tmp_path / "A.md", tmp_path / "A.toml"]
    for path in files:
        path.write_text(f"old {path.suffix}\n")
    return files


def assert_old(pair: list[Path]) -> None:
    assert [path.read_text() for path in pair] == ["old .md\n", "old .toml\n"]
    assert [p.name for p in pair[0].parent.iterdir() if p.name.endswith(".tmp")] == []


def test_both_files_are_replaced(pair: list[Path]) -> None:
    write_files([(pair[0], b"new md"), (pair[1], b"new toml")])
    assert [path.read_bytes() for path in pair] == [b"new md", b"new toml"]


def test_a_full_disk_while_staging_changes_neither_file(
    pair: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:  # the second file's data
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(OutputError, match=r"A\.toml: no space left on device"):
        write_files([(pair[0], b"new md"), (pair[1], b"new toml")])
    assert_old(pair)


def test_a_failed_rename_leaves_the_target_and_no_temp_file(
    pair: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def replace(source: str, target: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OutputError, match=r"A\.md: invalid cross-device link"):
        write_files([(pair[0], b"new md"), (pair[1], b"new toml")])
    assert_old(pair)


def test_an_interrupt_while_staging_cleans_up(pair: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_files([(pair[0], b"new md"), (pair[1], b"new toml")])
    assert_old(pair)


def test_a_file_you_may_not_write_is_refused_not_replaced(
    pair: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Mode 644 owned by someone else: it is not read-only, only not yours to write.
    monkeypatch.setattr(atomic.os, "access", lambda path, mode: not str(path).endswith(".toml"))
    with pytest.raises(OutputError, match=r"A\.toml: the file is not writable by you; not replacing it"):
        write_files([(pair[0], b"new md"), (pair[1], b"new toml")])
    assert_old(pair)


def test_a_symlinked_output_stays_a_link_and_its_target_is_updated(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "doc.md").write_text("old")
    link = tmp_path / "A.md"
    link.symlink_to(real / "doc.md")
    write_files([(link, b"new")])
    assert link.is_symlink() and os.readlink(link) == str(real / "doc.md")
    assert (real / "doc.md").read_text() == "new"


def test_permissions_are_kept_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    existing = tmp_path / "A.md"
    existing.write_text("old")
    existing.chmod(0o640)
    fresh = tmp_path / "B.md"
    old_umask = os.umask(0o027)
    try:
        write_files([(existing, b"new"), (fresh, b"new")])
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0o666 less the umask


def test_the_cli_reports_a_full_disk_with_exit_1(pair: list[Path], monkeypatch, capsys) -> None:
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "x")))
    for path in pair:
        path.unlink()
    assert main(["--from", str(COMPLETE), "-o", str(pair[0])]) == 1
    assert capsys.readouterr().err.strip() == f"archwiz: cannot write {pair[0]}: x"
    assert list(pair[0].parent.iterdir()) == []


# --- where file modes are enforced -------------------------------------------


def run_without_override(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [*unprivileged(), sys.executable, "-m", "wizard", *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True)


def test_a_read_only_output_file_is_refused(tmp_path: Path) -> None:
    target, sidecar = tmp_path / "ro.md", tmp_path / "ro.toml"
    assert run_without_override(tmp_path, "--from", str(MINIMAL), "-o", "ro.md").returncode == 0
    before = target.read_bytes(), sidecar.read_bytes()
    target.chmod(0o444)  # archwiz's own output, made read-only by its owner
    result = run_without_override(tmp_path, "--from", str(COMPLETE), "-o", "ro.md")
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == "archwiz: cannot write ro.md: the file is read-only; not replacing it"
    assert (target.read_bytes(), sidecar.read_bytes()) == before


def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run_without_override(tmp_path, "--from", str(COMPLETE), "-o", "locked/A.md")
        assert result.returncode == 1
        assert result.stderr.strip() == "archwiz: cannot write locked/A.md: permission denied"
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_an_unreadable_spec_is_a_clear_error(tmp_path: Path) -> None:
    secret = tmp_path / "secret.toml"
    secret.write_text("[header]\n")
    secret.chmod(0o000)
    result = run_without_override(tmp_path, "--from", "secret.toml", "-o", "A.md")
    assert (result.returncode, result.stderr.strip()) == (2, "secret.toml: permission denied; cannot read it")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["secret.toml"]
