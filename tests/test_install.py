"""archwiz as a user installs it: a wheel (built from the sdist) in a fresh virtualenv.

An editable install reads every file from the source tree, so it hides a wheel
that lacks one: the stylesheets once were missing and the wizard could not start.
Here the sdist is built from the tracked files, the wheel from the unpacked sdist
(as ``python -m build`` does), and the wheel is installed into a new virtualenv
outside the tree, then run from a folder that is not the tree.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import COMPLETE, GOLDEN, REPO
from terminal import archwiz

# Every file the program reads at run time, and the files the licence and typing promise.
RUNTIME_FILES = {
    "screens/tui/app.tcss",
    "screens/tui/section.tcss",
    "screens/tui/start.tcss",
    "screens/tui/review.tcss",
    "wizard/py.typed",
    "screens/py.typed",
}


def _tracked_tree(target: Path) -> Path:
    """The files git tracks (what a clone has), or the tree without local clutter."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
    )
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = REPO / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
        return target
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(".git", ".ci", "*.egg-info", "build"))
    return target


def _build(kind: str, source: Path, out: Path) -> Path:
    """``setuptools.build_meta.build_<kind>`` run in ``source``, as a build frontend would."""
    out.mkdir(exist_ok=True)
    code = f"import setuptools.build_meta as b; print(b.build_{kind}({str(out)!r}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=source, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """(the sdist, the wheel, the new virtualenv's bin folder)."""
    base = tmp_path_factory.mktemp("install")
    source = _tracked_tree(base / "source")
    sdist = _build("sdist", source, base / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(base / "unpacked", filter="data")
    (unpacked,) = (base / "unpacked").iterdir()
    wheel = _build("wheel", unpacked, base / "dist")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The wheel alone goes in, by pip; its dependencies are this test run's (no download),
    # reached through a .pth line, which adds a folder but not the editable archwiz in it.
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index"]
    done = subprocess.run([*pip, str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "_archwiz_test_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    yield sdist, wheel, venv / "bin"


def test_the_sdist_and_the_wheel_carry_every_runtime_file(installed: tuple[Path, Path, Path]) -> None:
    sdist, wheel, _ = installed
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    assert RUNTIME_FILES | {"LICENSE"} <= in_sdist
    assert in_wheel >= RUNTIME_FILES
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in in_wheel)
    # Every stylesheet the screens name is in the wheel, so a new one cannot be forgotten.
    named = {path.relative_to(REPO).as_posix() for path in (REPO / "screens").rglob("*.tcss")}
    assert named and named <= in_wheel


def test_the_installed_archwiz_renders_from_outside_the_tree(
    installed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, _, bin_folder = installed
    where = subprocess.run(
        [
            str(bin_folder / "python"),
            "-c",
            "import wizard, screens; print(wizard.__file__, screens.__file__)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    assert where.returncode == 0, where.stderr
    assert str(REPO) not in where.stdout and str(bin_folder.parent) in where.stdout
    shutil.copy(COMPLETE, tmp_path / "spec.toml")
    done = subprocess.run(
        [str(bin_folder / "archwiz"), "--from", "spec.toml", "-o", "out/ARCHITECTURE.md"],
        cwd=tmp_path,
        capture_output=True,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "out/ARCHITECTURE.md").read_bytes() == (GOLDEN / "payments-platform.md").read_bytes()
    # The page read back by the installed package (wizard.reading must be in the wheel).
    back = subprocess.run(
        [str(bin_folder / "archwiz"), "import", "out/ARCHITECTURE.md", "-o", "back.toml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    assert back.returncode == 0, back.stderr
    assert "warning" not in back.stderr and "wrote back.toml" in back.stderr


def test_the_installed_wizard_starts_on_a_terminal(
    installed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, _, bin_folder = installed
    with archwiz([], tmp_path, command=[str(bin_folder / "archwiz")]) as pty:
        pty.until(b"Start a new document")
        pty.send(b"\x11")  # ctrl+q at the start screen quits
        assert pty.wait() == 0, pty.seen[-2000:]
    assert b"Traceback" not in pty.seen and b"StylesheetError" not in pty.seen
    # Quitting at the start screen with no draft leaves nothing behind: no draft, no lock.
    assert sorted(path.name for path in tmp_path.iterdir()) == []
