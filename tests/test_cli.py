"""The command line, used as people use it: paths, stdin/stdout, the schema, messages."""

import json
import os
import re
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import COMPLETE, GOLDEN, MINIMAL, run_archwiz

from wizard.autosave import Autosave
from wizard.cli import main


def test_without_o_the_document_lands_in_the_current_folder(tmp_path: Path) -> None:
    result = run_archwiz("--from", str(MINIMAL), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ARCHITECTURE.md").read_bytes() == (GOLDEN / "minimal.md").read_bytes()
    assert (tmp_path / "ARCHITECTURE.toml").read_bytes() == (GOLDEN / "minimal.toml").read_bytes()
    wrote, summary = result.stderr.splitlines()
    assert wrote == "wrote ARCHITECTURE.md and ARCHITECTURE.toml"
    assert re.fullmatch(r"1 of 21 sections complete; \d+ parts marked _TBD_", summary)
    assert result.stdout == ""


def test_o_may_name_a_folder_which_is_created_when_it_ends_in_a_slash(tmp_path: Path, capsys: Any) -> None:
    assert main(["-q", "--from", str(MINIMAL), "-o", f"{tmp_path}/new/"]) == 0
    assert (tmp_path / "new" / "ARCHITECTURE.md").exists() and (
        tmp_path / "new" / "ARCHITECTURE.toml"
    ).exists()
    assert main(["-q", "--from", str(MINIMAL), "-o", str(tmp_path / "new")]) == 0
    assert capsys.readouterr().err == ""


def test_o_dash_prints_the_markdown_and_writes_no_file(tmp_path: Path) -> None:
    result = run_archwiz("--from", str(COMPLETE), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == (GOLDEN / "payments-platform.md").read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == []


def test_from_dash_reads_the_spec_from_stdin(tmp_path: Path) -> None:
    result = run_archwiz("--from", "-", "-o", "-", stdin=MINIMAL.read_bytes())
    assert result.returncode == 0 and result.stdout == (GOLDEN / "minimal.md").read_text(encoding="utf-8")
    bad = run_archwiz("--from", "-", "-o", "-", stdin=b"[header\n")
    assert bad.returncode == 2 and bad.stderr.startswith("<stdin>:1:")


def test_rendering_a_hand_written_spec_onto_itself_keeps_its_comments(tmp_path: Path) -> None:
    spec = tmp_path / "ARCHITECTURE.toml"
    written = "# my notes\n[header]\ntitle = 'Ledger'\n"
    spec.write_text(written)
    result = run_archwiz("--from", str(spec), "-o", str(tmp_path / "ARCHITECTURE.md"))
    assert result.returncode == 1
    assert "ARCHITECTURE.toml was not written by archwiz; not replacing it." in result.stderr
    assert "- # my notes" in result.stderr
    assert spec.read_text() == written and not (tmp_path / "ARCHITECTURE.md").exists()
    forced = run_archwiz("--from", str(spec), "-o", str(tmp_path / "ARCHITECTURE.md"), "--force")
    assert forced.returncode == 0, forced.stderr
    # Nothing is chosen for the author: no status until one is chosen.
    assert tomllib.loads(spec.read_text())["header"] == {"title": "Ledger"}
    assert (tmp_path / "ARCHITECTURE.toml.bak").read_text() == written


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    result = run_archwiz("-q", "--from", str(MINIMAL), "-o", str(tmp_path / "A.md"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_version_and_help(tmp_path: Path) -> None:
    assert run_archwiz("--version").stdout.startswith("archwiz ")
    help_text = run_archwiz("--help").stdout
    assert "--from SPEC" in help_text and "schema" in help_text and "Exit codes" in help_text


def test_without_arguments_it_says_how_to_render_and_exits_2() -> None:
    result = run_archwiz()
    assert result.returncode == 2 and "archwiz --from SPEC.toml" in result.stderr


def _json_ready(value: Any) -> Any:
    """TOML dates as the strings JSON Schema's "date" format describes."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


def test_the_schema_validates_the_examples_and_catches_a_typo() -> None:
    result = run_archwiz("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = jsonschema.Draft202012Validator(schema)
    real = sorted((Path(__file__).parent / "realdocs").glob("*/spec.toml"))
    for example in (COMPLETE, MINIMAL, GOLDEN / "payments-platform.toml", *real):
        validator.validate(_json_ready(tomllib.loads(example.read_text())))
    typo = _json_ready(tomllib.loads(MINIMAL.read_text()))
    typo["header"]["titel"] = "x"
    assert not validator.is_valid(typo)
    typo["header"] = {"version": "v1.0"}  # editors check the version format too
    assert not validator.is_valid(typo)
    # Editors complete from the enum; a choice in another letter case is valid, as in archwiz.
    status = schema["$defs"]["Header"]["properties"]["status"]
    assert (
        status["description"]
        and {"type": "string", "enum": ["Proposed", "Active", "Deprecated"]} in (status["anyOf"])
    )
    assert validator.is_valid({"header": {"status": "active"}})
    assert not validator.is_valid({"header": {"status": "Activ"}})


def test_the_schema_is_as_strict_as_the_model_where_json_schema_can_say_it(tmp_path: Path) -> None:
    from wizard.errors import InputError
    from wizard.spec import validate

    out = tmp_path / "schema" / "archwiz.schema.json"
    result = run_archwiz("schema", "-o", str(out))
    assert result.returncode == 0, result.stderr
    schema = json.loads(out.read_text())
    assert out.read_text() == run_archwiz("schema").stdout  # -o writes what stdout shows
    validator = jsonschema.Draft202012Validator(schema)
    base = _json_ready(tomllib.loads(MINIMAL.read_text()))
    for breaking in (
        lambda spec: spec["header"].update(title="Two\nlines"),  # a line break in a one-line field
        lambda spec: spec["header"].update(title="Esc\x1b[31m"),  # a control character
        lambda spec: spec["summary"].update(text="Bidi \u202e override"),  # even in prose
        lambda spec: spec.update(schema_version=3),  # a version this archwiz does not know
        lambda spec: spec.update(schema_version=0),
    ):
        spec = json.loads(json.dumps(base))
        breaking(spec)
        assert not validator.is_valid(spec), spec
        with pytest.raises(InputError):  # and archwiz agrees: the schema says no more than it
            validate(spec, "", "spec.toml")
    assert validator.is_valid({**base, "summary": {"text": "Two\n\nparagraphs"}})


def test_schema_o_never_replaces_a_file_that_is_not_a_schema(tmp_path: Path) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}\n')
    result = run_archwiz("schema", "-o", str(notes))
    assert result.returncode == 1
    assert "not an archwiz schema; not replacing it" in result.stderr
    assert notes.read_text() == '{"mine": true}\n'


def test_rendering_never_imports_a_front_end(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from wizard.cli import main\n"
        f"assert main(['-q', '--from', {str(COMPLETE)!r}, '-o', {str(tmp_path / 'A.md')!r}]) == 0\n"
        "front = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'textual', 'questionary', 'rich', 'prompt_toolkit', 'screens'})\n"
        "print(front)\n"
    )
    import subprocess

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_wizard_without_a_terminal_points_to_from() -> None:
    result = run_archwiz(stdin=b"")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "--from" in result.stderr
    assert "Traceback" not in result.stderr


def test_edit_reports_a_broken_file_before_anything_else(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[header]\nstatus = "Done"\n')
    result = run_archwiz("edit", str(broken), stdin=b"")
    assert result.returncode == 2
    assert f"{broken}:2:" in result.stderr and "header.status" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run_archwiz("edit", str(tmp_path / "nope.toml"), stdin=b"")
    assert missing.returncode == 2 and "nope.toml" in missing.stderr


def test_edit_a_good_file_without_a_terminal_still_refuses_cleanly() -> None:
    result = run_archwiz("edit", str(COMPLETE), stdin=b"")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr


def test_a_dumb_terminal_without_a_terminal_is_refused_before_any_note(tmp_path: Path) -> None:
    result = run_archwiz(cwd=tmp_path, stdin=b"", env={**os.environ, "TERM": "dumb"})
    assert result.returncode == 2
    assert result.stderr.startswith("archwiz: the interactive wizard needs a terminal")
    assert "line by line" not in result.stderr


def test_a_wizard_path_expands_home_and_refuses_standard_output() -> None:
    from wizard.errors import InputError
    from wizard.outputs import output_paths

    markdown, sidecar = output_paths("~/docs/A.md")
    assert markdown == Path.home() / "docs" / "A.md" and sidecar == Path.home() / "docs" / "A.toml"
    with pytest.raises(InputError, match="standard output"):
        output_paths("-")
    with pytest.raises(InputError, match=r"^~nobody-archwiz-test/A\.md: there is no such user"):
        output_paths("~nobody-archwiz-test/A.md")


def test_writing_the_document_over_its_own_draft_is_refused(tmp_path: Path) -> None:
    from wizard.errors import InputError
    from wizard.model import Document
    from wizard.session import Session

    draft = tmp_path / ".archwiz-draft.toml"
    draft.write_text("the draft")
    session = Session(Document(), autosave=Autosave(draft))
    with pytest.raises(InputError, match="is where this session's draft is saved"):
        session.write(tmp_path / ".archwiz-draft.md")
    assert draft.read_text() == "the draft" and not (tmp_path / ".archwiz-draft.md").exists()
