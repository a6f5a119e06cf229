"""Bad input: a short located message, a non-zero exit, and nothing written or lost."""

from pathlib import Path

import pytest
from conftest import COMPLETE, run_archwiz

from wizard.cli import main
from wizard.spec import MAX_SPEC_BYTES


def render(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


@pytest.fixture
def outputs(tmp_path: Path) -> tuple[Path, Path]:
    """An existing document and sidecar that a failed run must leave untouched."""
    markdown, sidecar = tmp_path / "ARCHITECTURE.md", tmp_path / "ARCHITECTURE.toml"
    markdown.write_text("# my precious document\n")
    sidecar.write_text("# my precious sidecar\n")
    return markdown, sidecar


def assert_untouched(outputs: tuple[Path, Path]) -> None:
    markdown, sidecar = outputs
    assert markdown.read_text() == "# my precious document\n"
    assert sidecar.read_text() == "# my precious sidecar\n"
    assert sorted(path.name for path in markdown.parent.iterdir() if path.name.startswith(".")) == []


def spec(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "spec.toml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_a_toml_syntax_error_names_file_line_and_column(tmp_path, capsys, outputs) -> None:
    path = spec(tmp_path, '[header]\ntitle = "x"\nversion = 1.0.0\n')
    code, err = render(capsys, "--from", str(path), "-o", str(outputs[0]))
    assert code == 2
    assert err.startswith(f"{path}:3:")
    assert "TOML syntax" in err and len(err.splitlines()) == 1
    assert_untouched(outputs)


def test_every_schema_error_is_reported_at_once_with_its_line(tmp_path, capsys, outputs) -> None:
    path = spec(
        tmp_path,
        "\n".join(
            [
                "[header]",  # 1
                'status = "Done"',  # 2
                'version = "1.0"',  # 3
                "last_updated = 2026-13-01T00:00:00" if False else 'last_updated = "tomorrow"',  # 4
                "",
                "[[components]]",  # 6
                'nmae = "API"',  # 7
                "",
                "[[components]]",  # 9
                'name = "DB"',  # 10
                'technologies = ["ok", 3]',  # 11
                "",
                "[[entities]]",  # 13
                'name = "Payment"',  # 14
                "[[entities]]",  # 15
                'name = "Payment"',  # 16
                "",
                "[review]",  # 18
                'owner = "bad\\u001bescape"',  # 19
                "",
            ]
        ),
    )
    code, err = render(capsys, "--from", str(path), "-o", str(outputs[0]))
    assert code == 2
    lines = err.splitlines()
    expected = [
        f"{path}:2: header.status: Input should be 'Proposed', 'Active' or 'Deprecated'; got 'Done'",
        f"{path}:3: header.version: must be a version like 1.4.0 (X.Y.Z)",
        f"{path}:4: header.last_updated: expected a date like 2026-11-20, got a string 'tomorrow'",
        f"{path}:6: components[0].name: required: Name, e.g. 'API Gateway'",
        f"{path}:7: components[0].nmae: unknown key 'nmae'; did you mean 'name'?",
        f"{path}:11: components[1].technologies[1]: expected a string, got an integer 3",
        f"{path}:16: entities[1].name: duplicate entity name 'Payment'; the 1st entity has it already",
        f"{path}:19: review.owner: contains an ESC at column 4; remove it: it is invisible, or a terminal control",
    ]
    assert lines == expected
    assert_untouched(outputs)


def test_an_unknown_section_lists_what_is_expected(tmp_path, capsys) -> None:
    code, err = render(
        capsys, "--from", str(spec(tmp_path, "[scalabilty.horizontal]\napi_tier = 'x'\n")), "-o", "-"
    )
    assert code == 2 and ":1: scalabilty: unknown key 'scalabilty'; did you mean 'scalability'?" in err
    code, err = render(capsys, "--from", str(spec(tmp_path, "[zzz]\n")), "-o", "-")
    assert "expected one of: schema_version, header, summary" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'[header]\ntitle = "caf\xe9"\n', ":2:13: invalid UTF-8 (byte 0xe9); save it as UTF-8"),
        (b'\xef\xbb\xbf[header]\ntitle = "x"\n', ":1:1: starts with a byte-order mark (BOM)"),
        ("[header]\n".encode("utf-16"), ":1:1: is UTF-16 encoded; save it as UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", ":1:8: contains a NUL byte; this is a binary file, not TOML"),
        (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", ": is nested too deeply to be a spec"),
        (
            b"schema_version = 3\n[header]\n",
            ":1: schema_version: 3 is newer than this archwiz understands (2)",
        ),
        (b"schema_version = 0\n[header]\n", ":1: schema_version:"),
        (b"", ": the spec is empty; there is nothing to render"),
        (b"# only a comment\nschema_version = 1\n", ": the spec is empty; there is nothing to render"),
    ],
    ids=[
        "invalid-utf8",
        "bom",
        "utf16",
        "binary",
        "deep-nesting",
        "newer-schema",
        "older-schema",
        "empty",
        "only-version",
    ],
)
def test_unreadable_content_is_refused_cleanly(tmp_path, capsys, outputs, content, message) -> None:
    path = spec(tmp_path, content)
    code, err = render(capsys, "--from", str(path), "-o", str(outputs[0]))
    assert code == 2
    assert err.startswith(str(path)) and message in err, err
    assert_untouched(outputs)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path, capsys, outputs) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(MAX_SPEC_BYTES + 10)
    code, err = render(capsys, "--from", str(path), "-o", str(outputs[0]))
    assert code == 2 and "is larger than 32 MiB" in err
    assert_untouched(outputs)


def test_a_missing_or_folder_input_is_a_clear_error(tmp_path, capsys, outputs) -> None:
    code, err = render(capsys, "--from", str(tmp_path / "nope.toml"), "-o", str(outputs[0]))
    assert (code, err.strip()) == (2, f"{tmp_path / 'nope.toml'}: no such file")
    code, err = render(capsys, "--from", str(tmp_path), "-o", str(outputs[0]))
    assert (code, err.strip()) == (2, f"{tmp_path}: is a folder; --from takes a TOML file")
    assert_untouched(outputs)


def test_an_impossible_output_path_is_exit_1_and_writes_nothing(tmp_path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, err = render(capsys, "--from", str(COMPLETE), "-o", str(blocker / "docs" / "A.md"))
    assert code == 1 and "cannot create the folder" in err
    assert blocker.read_text() == "not a folder"


def test_output_named_toml_is_refused_because_the_sidecar_would_overwrite_it(tmp_path, capsys) -> None:
    code, err = render(capsys, "--from", str(COMPLETE), "-o", str(tmp_path / "ARCH.toml"))
    assert code == 2 and "name the Markdown file" in err
    assert list(tmp_path.iterdir()) == []


def test_a_sidecar_path_that_is_a_folder_is_refused_and_nothing_is_written(tmp_path, capsys) -> None:
    (tmp_path / "A.toml").mkdir()
    code, err = render(capsys, "--from", str(COMPLETE), "-o", str(tmp_path / "A.md"))
    assert code == 1 and f"cannot write {tmp_path / 'A.toml'}: it is a folder" in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["A.toml"]


def test_usage_errors_exit_2_without_a_traceback(tmp_path) -> None:
    for args in (["--from"], ["--bogus"], ["-o", str(tmp_path / "x.md")], []):
        result = run_archwiz(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr and result.stderr.strip()
    assert list(tmp_path.iterdir()) == []


def test_a_real_process_reports_a_schema_error_without_a_traceback(tmp_path) -> None:
    path = spec(tmp_path, "[[goals]]\ntarget = 1\n")
    result = run_archwiz("--from", str(path), "-o", str(tmp_path / "A.md"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{path}:1: goals[0].name: required: Goal, e.g. 'Reliability'",
        f"{path}:2: goals[0].target: expected a string, got an integer 1",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.toml"]


def test_terminal_escapes_in_names_never_reach_the_terminal(tmp_path: Path) -> None:
    clear_screen = tmp_path / "evil\x1b[2J\x1b[31m.toml"
    clear_screen.write_text("[header\n")
    retitle = tmp_path / "bad\x1b]0;pwned\x07\u202e.toml"
    retitle.write_text("[header]\ntitle = 'x'\n")
    for path, code in ((clear_screen, 2), (retitle, 0)):
        result = run_archwiz("--from", str(path), "-o", str(tmp_path / "out\x1b[5m.md"))
        assert result.returncode == code, result.stderr
        for raw in ("\x1b", "\x07", "\u202e"):
            assert raw not in result.stderr
    assert "evil\\x1b[2J\\x1b[31m.toml:1:" in run_archwiz("--from", str(clear_screen)).stderr
    usage = run_archwiz("--from", str(retitle), "--bogus\x1b[2J")
    assert usage.returncode == 2 and "\x1b" not in usage.stderr and "--bogus\\x1b[2J" in usage.stderr


def test_an_empty_stdin_never_replaces_a_document(capsys, outputs, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, err = render(capsys, "--from", "-", "-o", str(outputs[0]))
    assert (code, err.strip()) == (2, "<stdin>: the spec is empty; there is nothing to render")
    assert_untouched(outputs)


def test_a_duplicate_is_reported_even_when_its_list_has_other_errors(tmp_path, capsys) -> None:
    path = spec(
        tmp_path, '[[entities]]\nname = "E"\n[[entities]]\nname = "E"\n[[entities]]\nname = "F"\nschema = 5\n'
    )
    code, err = render(capsys, "--from", str(path), "-o", "-")
    assert code == 2
    assert err.splitlines() == [
        f"{path}:4: entities[1].name: duplicate entity name 'E'; the 1st entity has it already",
        f"{path}:7: entities[2].schema: expected a string, got an integer 5",
    ]


def test_a_flood_of_problems_is_cut_short(tmp_path, capsys) -> None:
    path = spec(tmp_path, "".join(f"[[goals]]\nnmae = 'g{number}'\n" for number in range(200)))
    code, err = render(capsys, "--from", str(path), "-o", "-")
    lines = err.splitlines()
    assert code == 2 and len(lines) == 51
    assert lines[-1] == f"{path}: ... and 350 more problems; fix these first"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            f"[header]\ntitle = '{'x' * 410}'\n",
            ":2: header.title: too long: 410 characters, at most 400 allowed",
        ),
        ("[[goals]]\nname = ' '\n", ":2: goals[0].name: must not be empty: Goal, e.g. 'Reliability'"),
        (
            "[header]\nlast_updated = 2026-11-20T10:00:00\n",
            ":2: header.last_updated: expected a date like 2026-11-20 (without a time), got a date-time 2026-11-20T10:00:00",
        ),
        ("[[endpoints]]\nmethod = 'psot'\npath = '/'\n", "; got 'psot'; did you mean 'POST'?"),
        ("[header]\nstatus = 'Activ'\n", "; got 'Activ'; did you mean 'Active'?"),
        (
            "[[endpoints]]\npath = '/'\nresponse_status = '201'\n",
            ":3: endpoints[0].response_status: expected a whole number, got a string '201'",
        ),
        (
            "schema_version = true\n[header]\n",
            ":1: schema_version: expected a whole number, got a boolean True",
        ),
        ('[summary]\ntext = "bell\\u0007"\n', "contains the control character U+0007 at column 5; remove it"),
    ],
    ids=[
        "too-long",
        "empty-name",
        "date-time",
        "method-case",
        "status-typo",
        "number-as-string",
        "bool-version",
        "bell",
    ],
)
def test_messages_say_what_was_expected(tmp_path, capsys, toml: str, message: str) -> None:
    code, err = render(capsys, "--from", str(spec(tmp_path, toml)), "-o", "-")
    assert code == 2 and message in err, err


def test_the_spec_itself_is_never_the_markdown_output(tmp_path, capsys) -> None:
    path = tmp_path / "myspec"
    path.write_bytes(COMPLETE.read_bytes())
    code, err = render(capsys, "--from", str(path), "-o", str(path))
    assert code == 2 and "is the spec itself" in err
    assert path.read_bytes() == COMPLETE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["myspec"]


def test_a_file_nobody_may_write_is_refused_even_for_root(tmp_path, capsys) -> None:
    target = tmp_path / "A.md"
    target.write_text("keep me")
    target.chmod(0o444)
    code, err = render(capsys, "--from", str(COMPLETE), "-o", str(target))
    assert code == 1 and "the file is read-only; not replacing it" in err
    assert target.read_text() == "keep me"


def test_options_that_would_be_silently_ignored_are_usage_errors(tmp_path) -> None:
    for args in (
        ["--from", "a.toml", "--from", "b.toml"],
        ["-o", "a.md", "-o", "b.md"],
        ["--from", str(COMPLETE), "schema"],
    ):
        result = run_archwiz(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert "given twice" in result.stderr or "'schema' takes no --from" in result.stderr
    assert list(tmp_path.iterdir()) == []
