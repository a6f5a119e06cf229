"""Shared test setup: paths, the golden-file switch, a CLI runner and Hypothesis profiles."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
COMPLETE = EXAMPLES / "payments-platform.toml"
MINIMAL = EXAMPLES / "minimal.toml"
GOLDEN = REPO / "snapshots" / "golden"
SHARED_TEMPLATE = REPO.parent / "shared" / "template" / "architecture-template.md"
# A copy travels with the tests so a bare clone can run them; test_template_fidelity
# checks that the copy still matches the shared original wherever that is present.
TEMPLATE_COPY = REPO / "tests" / "template" / "architecture-template.md"
TEMPLATE = SHARED_TEMPLATE if SHARED_TEMPLATE.exists() else TEMPLATE_COPY

# Rendering and parsing a whole document per example is slow for Hypothesis'
# default deadline on a loaded 2-core CI machine; the budget is examples, not time.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# CI replays a fixed set of examples so that a build never fails on a lucky draw;
# new random cases are found locally, where a failure can be investigated.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden files under snapshots/golden from the current output (review the diff!)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def run_archwiz(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run archwiz as a user would: a separate process, no terminal."""
    result = subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


# Screen snapshots live with the other golden files under snapshots/, not in a
# hidden __snapshots__ folder beside the tests (pytest-textual-snapshot's default).
TUI_SNAPSHOTS = REPO / "snapshots" / "tui"
try:
    from pytest_textual_snapshot import SVGImageExtension
except ImportError:  # the snapshot plugin is a test extra; without it those tests are not collected
    pass
else:

    def _snapshot_folder(cls: type, *, test_location: Any) -> str:
        return str(TUI_SNAPSHOTS / test_location.basename)

    SVGImageExtension.dirname = classmethod(_snapshot_folder)  # type: ignore[method-assign,assignment]
