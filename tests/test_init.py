"""``archwiz init``: a starter spec a newcomer fills in, which renders as it is."""

import json
import tomllib
from pathlib import Path

import jsonschema
from conftest import run_archwiz

from wizard.sections import SECTIONS, fields_of


def test_init_writes_a_starter_that_renders_as_it_is_and_validates(tmp_path: Path) -> None:
    result = run_archwiz("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    starter = tmp_path / "architecture-spec.toml"
    text = starter.read_text()
    assert text.startswith("#:schema ./archwiz.schema.json\n")
    data = tomllib.loads(text)
    schema = json.loads((tmp_path / "archwiz.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    for section in SECTIONS:  # every section is there, in template order
        assert f"# === {section.number}. {section.title} ===" in text
        for spec in fields_of(section.model):
            assert spec.label in text, (section.key, spec.key)
    assert "(required)" in text and "# e.g." in text
    rendered = run_archwiz("--from", "architecture-spec.toml", cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "ARCHITECTURE.md").read_text().startswith("# _TBD_ Architecture\n")


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    mine = tmp_path / "spec.toml"
    mine.write_text("# mine\n")
    result = run_archwiz("init", "spec.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert "spec.toml already exists; archwiz init never replaces a file" in result.stderr
    assert mine.read_text() == "# mine\n"
    assert not (tmp_path / "archwiz.schema.json").exists()


def test_a_filled_in_item_of_the_starter_renders(tmp_path: Path) -> None:
    assert run_archwiz("init", "doc.toml", cwd=tmp_path).returncode == 0
    text = (tmp_path / "doc.toml").read_text()
    # Uncomment the example goal, as a user would.
    start = text.index("# [[goals]]")
    end = text.index("\n\n", start)
    block = "\n".join(
        line[2:] if line.startswith("# [[") or " = " in line else line for line in text[start:end].split("\n")
    )
    (tmp_path / "doc.toml").write_text(text[:start] + block + text[end:])
    result = run_archwiz("--from", "doc.toml", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1. **Reliability**" in result.stdout


def test_help_says_what_bare_archwiz_does_and_every_exit_code() -> None:
    help_text = " ".join(run_archwiz("--help").stdout.split())
    assert "With no command, archwiz opens the full-screen wizard" in help_text
    for code in ("0 done", "1 output not written", "2 bad input", "129", "130", "143"):
        assert code in help_text
