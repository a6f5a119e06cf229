"""archwiz replaces a file only when it is its own, unchanged output; anything else a user
wrote is refused (exit 1, nothing written) or, with --force, kept as a backup."""

import shutil
from pathlib import Path

import pytest
from conftest import COMPLETE, GOLDEN, MINIMAL, run_archwiz

from wizard.ownership import refusals, stamp_markdown, stamp_sidecar
from wizard.writing import WouldReplace, write_document


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    shutil.copy(COMPLETE, tmp_path / "spec.toml")
    return tmp_path / "spec.toml"


def test_a_hand_written_document_is_refused_with_what_differs_and_how_to_go_on(spec: Path) -> None:
    work = spec.parent
    (work / "ARCHITECTURE.md").write_text("# my doc\n\nWritten by hand.\n")
    result = run_archwiz("--from", "spec.toml", cwd=work)
    assert result.returncode == 1
    assert (work / "ARCHITECTURE.md").read_text() == "# my doc\n\nWritten by hand.\n"
    assert not (work / "ARCHITECTURE.toml").exists()  # all or nothing: the sidecar waits too
    err = result.stderr
    assert "ARCHITECTURE.md was not written by archwiz; not replacing it." in err
    assert "- # my doc" in err and "+ # Tillpoint Payments Platform Architecture" in err
    assert "add --force" in err and "ARCHITECTURE.md as ARCHITECTURE.md.bak" in err
    assert "Traceback" not in err and "\\n" not in err  # real line breaks, one thing a line


def test_force_replaces_it_and_keeps_the_old_file_beside_it(spec: Path) -> None:
    work = spec.parent
    (work / "ARCHITECTURE.md").write_text("# my doc\n")
    (work / "ARCHITECTURE.md.bak").write_text("an older backup\n")
    result = run_archwiz("--from", "spec.toml", "--force", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "ARCHITECTURE.md").read_bytes() == (GOLDEN / "payments-platform.md").read_bytes()
    assert (work / "ARCHITECTURE.md.bak").read_text() == "an older backup\n"  # never replaced
    assert (work / "ARCHITECTURE.md.2.bak").read_text() == "# my doc\n"
    assert "kept the file it replaced as ARCHITECTURE.md.2.bak" in result.stderr


def test_archwiz_output_is_replaced_while_unchanged_and_refused_once_edited(spec: Path) -> None:
    work = spec.parent
    assert run_archwiz("--from", "spec.toml", cwd=work).returncode == 0
    shutil.copy(MINIMAL, spec)
    assert run_archwiz("--from", "spec.toml", cwd=work).returncode == 0  # its own: replaced
    assert (work / "ARCHITECTURE.md").read_bytes() == (GOLDEN / "minimal.md").read_bytes()

    edited = (work / "ARCHITECTURE.md").read_text().replace("_TBD_", "Decided in the review.", 1)
    (work / "ARCHITECTURE.md").write_text(edited)
    shutil.copy(COMPLETE, spec)
    result = run_archwiz("--from", "spec.toml", cwd=work)
    assert result.returncode == 1
    assert "ARCHITECTURE.md was edited since archwiz wrote it; not replacing it." in result.stderr
    assert "Decided in the review." in result.stderr  # the hand edit is among the changed lines
    assert (work / "ARCHITECTURE.md").read_text() == edited


def test_a_sidecar_edited_by_hand_is_rendered_from_but_not_replaced_by_another_spec(spec: Path) -> None:
    work = spec.parent
    assert run_archwiz("--from", "spec.toml", cwd=work).returncode == 0
    sidecar = work / "ARCHITECTURE.toml"
    edited = sidecar.read_text().replace("Tillpoint Payments Platform", "Tillpoint Ledger", 1)
    sidecar.write_text(edited)
    # Rendering the edited sidecar itself rewrites it: its data is all in the new files.
    again = run_archwiz("--from", "ARCHITECTURE.toml", cwd=work)
    assert again.returncode == 0, again.stderr
    assert (work / "ARCHITECTURE.md").read_text().startswith("# Tillpoint Ledger Architecture")
    # Edited again, it is no longer archwiz's output: another spec may not replace it.
    sidecar.write_text(sidecar.read_text().replace("Tillpoint Ledger", "Tillpoint Books", 1))
    other = run_archwiz("--from", "spec.toml", cwd=work)
    assert other.returncode == 1
    assert "ARCHITECTURE.toml was edited since archwiz wrote it" in other.stderr
    assert "Tillpoint Books" in sidecar.read_text()


def test_comments_in_a_sidecar_being_rendered_are_not_dropped_silently(spec: Path) -> None:
    work = spec.parent
    assert run_archwiz("--from", "spec.toml", cwd=work).returncode == 0
    sidecar = work / "ARCHITECTURE.toml"
    sidecar.write_text(sidecar.read_text() + "# ask Dana about the SLA\n")
    result = run_archwiz("--from", "ARCHITECTURE.toml", cwd=work)
    assert result.returncode == 1
    assert "+" not in result.stderr.split("first changed lines")[1].split("\n")[1][:6]
    assert "- # ask Dana about the SLA" in result.stderr
    assert sidecar.read_text().endswith("# ask Dana about the SLA\n")


def test_the_stamps_tell_archwiz_output_from_anything_else(tmp_path: Path) -> None:
    from wizard.markdown import render_markdown
    from wizard.sidecar import dump_toml
    from wizard.spec import load_spec

    doc, _ = load_spec(str(MINIMAL))
    markdown = tmp_path / "ARCHITECTURE.md"
    files = [(markdown, stamp_markdown(render_markdown(doc)))]
    markdown.write_text("# Notes\n")
    assert [item.why for item in refusals(files)] == ["was not written by archwiz"]
    markdown.write_bytes(files[0][1])
    assert refusals(files) == []
    (tmp_path / "ARCHITECTURE.toml").write_bytes(stamp_sidecar(dump_toml(doc)))
    assert refusals([(tmp_path / "ARCHITECTURE.toml", b"other")]) == []


def test_the_sessions_write_refuses_too_and_forcing_keeps_a_backup(tmp_path: Path) -> None:
    from wizard.session import Session
    from wizard.spec import load_spec

    doc, _ = load_spec(str(MINIMAL))
    (tmp_path / "ARCHITECTURE.toml").write_text("# my notes, not archwiz's\n")
    session = Session(doc)
    with pytest.raises(WouldReplace) as refused:
        session.write(tmp_path / "ARCHITECTURE.md")
    assert "ARCHITECTURE.toml was not written by archwiz" in refused.value.question()
    assert refused.value.question().endswith("as ARCHITECTURE.toml.bak?")
    session.write(tmp_path / "ARCHITECTURE.md", force=True)
    assert (tmp_path / "ARCHITECTURE.toml.bak").read_text() == "# my notes, not archwiz's\n"
    assert session.backups == [tmp_path / "ARCHITECTURE.toml.bak"]
    assert write_document(doc, tmp_path / "ARCHITECTURE.md") == []  # its own now: no question
