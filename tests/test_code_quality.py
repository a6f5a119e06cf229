"""House rules that a reviewer would otherwise have to remember."""

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--output-format",
            "concise",
            "wizard",
            "screens",
            "tests",
            "benchmarks",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_never_imports_a_front_end() -> None:
    # import-linter's contract in pyproject.toml: wizard may not import screens,
    # textual, questionary, rich or prompt_toolkit, directly or through another module.
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_the_core_type_checks_strictly() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "wizard", "screens"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
