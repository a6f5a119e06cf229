"""The examples render to the reviewed golden files, byte for byte, and lint clean."""

from pathlib import Path

import pytest
from conftest import COMPLETE, GOLDEN, MINIMAL, run_archwiz
from pymarkdown.api import PyMarkdownApi

from wizard.markdown import render_markdown
from wizard.ownership import unstamped_sidecar
from wizard.sidecar import dump_toml
from wizard.spec import load_spec
from wizard.writing import document_files

EXAMPLES = {"payments-platform": COMPLETE, "minimal": MINIMAL}


def check_golden(path: Path, actual: str, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual, (
        f"{path.name} differs from the golden file; if the change is intended, "
        "run pytest --update-goldens and review the diff"
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_markdown_and_sidecar_match_the_goldens(name: str, update_goldens: bool) -> None:
    doc, _ = load_spec(str(EXAMPLES[name]))
    (_, markdown), (_, sidecar) = document_files(doc, Path("ARCHITECTURE.md"))
    check_golden(GOLDEN / f"{name}.md", markdown.decode(), update_goldens)
    check_golden(GOLDEN / f"{name}.toml", sidecar.decode(), update_goldens)
    # The files are the renderers' output plus a stamp each, and nothing else.
    assert markdown.startswith(render_markdown(doc).encode())
    assert unstamped_sidecar(sidecar) == dump_toml(doc).encode()


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_command_writes_the_golden_bytes_and_reproduces_them_from_its_sidecar(
    name: str, tmp_path: Path
) -> None:
    output = tmp_path / "docs" / "ARCHITECTURE.md"
    first = run_archwiz("--from", str(EXAMPLES[name]), "-o", str(output))
    assert first.returncode == 0, first.stderr
    sidecar = output.with_suffix(".toml")
    assert output.read_bytes() == (GOLDEN / f"{name}.md").read_bytes()
    assert sidecar.read_bytes() == (GOLDEN / f"{name}.toml").read_bytes()

    again = run_archwiz("--from", str(sidecar), "-o", str(output))
    assert again.returncode == 0, again.stderr
    assert output.read_bytes() == (GOLDEN / f"{name}.md").read_bytes()
    assert sidecar.read_bytes() == (GOLDEN / f"{name}.toml").read_bytes()
    assert "rewrote" not in again.stderr  # the sidecar was already in archwiz's layout


@pytest.mark.parametrize("name", [*EXAMPLES, "empty"])
def test_goldens_pass_the_markdown_linter(name: str, tmp_path: Path) -> None:
    if name == "empty":
        from wizard.model import Document

        text = render_markdown(Document())
    else:
        text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    linter = PyMarkdownApi().disable_rule_by_identifier("md013").disable_rule_by_identifier("md036")
    failures = linter.scan_string(text).scan_failures
    assert not failures, [f"{item.line_number}: {item.rule_id} {item.rule_description}" for item in failures]


def test_the_complete_example_leaves_nothing_to_be_done() -> None:
    from wizard.markdown.blocks import MISSING
    from wizard.sections import SECTIONS, TEMPLATE_SECTIONS, SectionState, progress, section_state

    doc, _ = load_spec(str(COMPLETE))
    assert MISSING not in render_markdown(doc)
    assert progress(doc) == (len(TEMPLATE_SECTIONS), len(TEMPLATE_SECTIONS))
    assert {section_state(doc, section) for section in SECTIONS} == {SectionState.COMPLETE}


def test_the_spec_reference_is_generated_from_the_model(update_goldens: bool) -> None:
    from conftest import REPO

    from wizard.reference import render_reference

    check_golden(REPO / "docs" / "SPEC.md", render_reference(), update_goldens)
