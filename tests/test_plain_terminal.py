"""The plain wizard as a real process on a pseudo-terminal: what a user at a terminal gets."""

import signal
from pathlib import Path

import pytest
from conftest import run_archwiz
from terminal import archwiz, new_document

from wizard.drafts import DRAFT_NAME, read_draft


def test_ctrl_c_in_plain_mode_keeps_the_draft_and_says_how_to_resume(tmp_path: Path) -> None:
    with archwiz(["--plain"], tmp_path) as pty:
        new_document(pty, plain=True)
        pty.send(b"\r")  # status
        pty.until(b"Version")
        pty.send(b"1.0")  # typing, not finished
        pty.drain(0.3)
        pty.send(b"\x03")  # ctrl+c
        assert pty.wait() == 130
    assert b"Interrupted." in pty.seen
    assert b"draft saved in .archwiz-draft.toml; resume with: archwiz --resume --plain" in pty.seen
    draft = read_draft(tmp_path / DRAFT_NAME)
    assert draft.document.header.title == "Ledger"
    assert draft.document.header.version == ""


def test_a_dumb_terminal_gets_line_prompts_without_escape_sequences(tmp_path: Path) -> None:
    typed = [
        (b"Choose 1-3 [1]: ", b"\n"),  # new document
        (b"Choose 1-4 [1]: ", b"\n"),  # go on: the header
        (b"System name (e.g. ", b"Ledger\n"),
        (b"Choose 1-4 [1]: ", b"active\n"),  # status: "Not answered" first
        (b"Version (e.g. ", b"1.0.0\n"),
        (b"Last Updated (e.g. ", b"\n"),
        (b"Choose 1-5 [1]: ", b"review\n"),  # the fifth: "Undo: Header: Version"
        (b"Choose 1-4 [1]: ", b"\n"),  # write
        (b"Write the document to [ARCHITECTURE.md]: ", b"\n"),
        (b"Choose 1-4 [4]: ", b"\n"),  # quit
    ]
    with archwiz([], tmp_path, TERM="dumb") as pty:
        for prompt, answer in typed:
            pty.until(prompt)
            pty.send(answer)
        assert pty.wait() == 0
    output = pty.seen
    assert b"cannot show the full-screen wizard, so the questions come line by line (--plain)" in output
    assert b"\x1b" not in output  # no colour, no cursor movement: nothing a dumb terminal shows as junk
    written = tmp_path / "ARCHITECTURE.md"
    assert written.read_text().startswith("# Ledger Architecture\n")
    again = run_archwiz("--from", "ARCHITECTURE.toml", "-o", "-", cwd=tmp_path)
    assert again.stdout == written.read_text()


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_at_a_plain_prompt_save_and_exit_128_plus_signal(
    tmp_path: Path, signum: int, code: int
) -> None:
    with archwiz(["--plain"], tmp_path) as pty:
        new_document(pty, plain=True)
        pty.process.send_signal(signum)
        assert pty.wait() == code
    assert b"Traceback" not in pty.seen
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == "Ledger"
