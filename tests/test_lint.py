"""The output passes the linters teams run on Markdown, as it is: markdownlint-cli2 with its
default rules (line length off) and pymarkdown, which must not even crash on it.

markdownlint-cli2 is a node tool: the first run installs it from the npm registry into
a cache folder beside the tests; where node or npm is missing the test says so and skips.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GOLDEN, MINIMAL, REPO
from pymarkdown.api import PyMarkdownApi

from wizard.model import Document
from wizard.model.design import Component
from wizard.writing import document_files

MARKDOWNLINT_VERSION = "0.22.1"
_CACHE = REPO / ".cache" / "node-tools"


@pytest.fixture(scope="session")
def markdownlint() -> Path:
    found = shutil.which("markdownlint-cli2")
    if found:
        return Path(found)
    tool = _CACHE / "node_modules" / ".bin" / "markdownlint-cli2"
    if tool.exists():
        return tool
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("node and npm are needed to run markdownlint-cli2; neither is installed here")
    _CACHE.mkdir(parents=True, exist_ok=True)
    install = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(_CACHE)]
    done = subprocess.run(
        [*install, f"markdownlint-cli2@{MARKDOWNLINT_VERSION}"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"npm could not install markdownlint-cli2:\n{done.stderr[-2000:]}"
    return tool


def _documents() -> dict[str, bytes]:
    from wizard.spec import load_spec

    stereotyped = Document(components=[Component(name="<<Stereotype>>", technologies=["<T>"])])
    return {
        "payments-platform.md": (GOLDEN / "payments-platform.md").read_bytes(),
        "minimal.md": document_files(load_spec(str(MINIMAL))[0], Path("A.md"))[0][1],
        "empty.md": document_files(Document(), Path("A.md"))[0][1],
        "stereotype.md": document_files(stereotyped, Path("A.md"))[0][1],
    }


def _lint_folder(markdownlint: Path, folder: Path, config: dict[str, bool]) -> str:
    """markdownlint-cli2 on every .md in ``folder``; its report, after asserting it is clean."""
    (folder / ".markdownlint-cli2.jsonc").write_text(json.dumps({"config": config}))
    result = subprocess.run(
        [str(markdownlint), "*.md"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_markdownlint_cli2_with_default_rules_reports_nothing(markdownlint: Path, tmp_path: Path) -> None:
    for name, data in _documents().items():
        (tmp_path / name).write_bytes(data)
    assert "Summary: 0 error(s)" in _lint_folder(markdownlint, tmp_path, {"MD013": False})


@pytest.mark.parametrize("name", ["payments-platform.md", "minimal.md", "empty.md", "stereotype.md"])
def test_pymarkdown_runs_clean_and_does_not_crash(name: str) -> None:
    text = _documents()[name].decode()
    # MD036 takes the template's bold list heads ("1. **Reliability**") for headings.
    linter = PyMarkdownApi().disable_rule_by_identifier("md013").disable_rule_by_identifier("md036")
    failures = linter.scan_string(text).scan_failures  # raises on a plugin crash (BadPluginError)
    assert not failures, [f"{item.line_number}: {item.rule_id} {item.rule_description}" for item in failures]


def test_on_github_each_header_and_owner_label_shows_on_its_own_line() -> None:
    import cmarkgfm

    html = cmarkgfm.github_flavored_markdown_to_html((GOLDEN / "payments-platform.md").read_text())
    for first, second in (
        ("Status:", "Version:"),
        ("Version:", "Last Updated:"),
        ("Owner:", "Review Cycle:"),
    ):
        between = html[html.index(first) : html.index(second)]
        assert "<br />" in between, (first, second, between)
    assert "sha256:" not in cmarkgfm.github_flavored_markdown_to_html("x\n\n<!-- sha256:1 -->\n").replace(
        "<!-- raw HTML omitted -->", ""
    )


# What only the authors' own Markdown trips in the real documents (tests/realdocs): their
# list markers, indents and emphasis styles, blank lines they doubled or left out, bare
# URLs, duplicate or skipped heading levels, padded tables, "[Link](...)" link text. The
# README lists these for users; everything archwiz writes around them stays clean.
AUTHOR_RULES = (
    "MD001", "MD004", "MD005", "MD007", "MD012", "MD022", "MD024", "MD026", "MD029", "MD030",
    "MD031", "MD032", "MD034", "MD035", "MD040", "MD046", "MD049", "MD050", "MD059", "MD060",
)  # fmt: skip


def test_markdownlint_cli2_on_the_real_documents_finds_only_their_authors_rules(
    markdownlint: Path, tmp_path: Path
) -> None:
    from wizard.markdown import render_markdown
    from wizard.spec import load_spec

    real = Path(__file__).parent / "realdocs"
    names = sorted(path.name for path in real.iterdir() if (path / "spec.toml").exists())
    assert len(names) >= 3
    for name in names:
        doc, _ = load_spec(str(real / name / "spec.toml"))
        (tmp_path / f"{name}.md").write_text(render_markdown(doc), encoding="utf-8")
    report = _lint_folder(markdownlint, tmp_path, {"MD013": False, **dict.fromkeys(AUTHOR_RULES, False)})
    assert "Summary: 0 error(s)" in report
