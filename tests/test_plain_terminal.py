"""The plain wizard as a real process on a pseudo-terminal: what a user at a terminal gets."""

import os
import signal
from pathlib import Path

import pytest
from conftest import run_archwiz
from terminal import drain, spawn, until

from wizard.drafts import DRAFT_NAME, read_draft


def test_plain_mode_on_a_terminal_writes_a_document_and_ctrl_c_keeps_the_draft(tmp_path: Path) -> None:
    process, master = spawn(["--plain"], tmp_path)
    try:
        until(master, b"Start a new document")
        os.write(master, b"\r")  # new
        until(master, b"Go on: section 1 of 21")
        os.write(master, b"\r")
        until(master, b"System name")
        os.write(master, b"Ledger\r")
        until(master, b"Status")
        os.write(master, b"\r")
        until(master, b"Version")
        os.write(master, b"1.0")  # typing, not finished
        drain(master, 0.3)
        os.write(master, b"\x03")  # ctrl+c
        output = until(master, b"resume with")
        assert process.wait(timeout=20) == 130
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert b"Interrupted." in output
    assert b"draft saved in .archwiz-draft.toml; resume with: archwiz --resume --plain" in output
    draft = read_draft(tmp_path / DRAFT_NAME)
    assert draft.document.header.title == "Ledger"
    assert draft.document.header.version == ""


def test_a_dumb_terminal_gets_line_prompts_without_escape_sequences(tmp_path: Path) -> None:
    process, master = spawn([], tmp_path, TERM="dumb")
    typed = [
        (b"Choose 1-3 [1]: ", b"\n"),  # new document
        (b"Choose 1-4 [1]: ", b"\n"),  # go on: the header
        (b"System name (e.g. ", b"Ledger\n"),
        (b"Choose 1-3 [1]: ", b"active\n"),
        (b"Version (e.g. ", b"1.0.0\n"),
        (b"Last Updated (e.g. ", b"\n"),
        (b"Choose 1-4 [1]: ", b"review\n"),
        (b"Choose 1-4 [1]: ", b"\n"),  # write
        (b"Write the document to [ARCHITECTURE.md]: ", b"\n"),
        (b"Choose 1-4 [4]: ", b"\n"),  # quit
    ]
    output = b""
    try:
        for prompt, answer in typed:
            output += until(master, prompt)
            os.write(master, answer)
        assert process.wait(timeout=20) == 0
        output += drain(master, 0.3)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
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
    process, master = spawn(["--plain"], tmp_path)
    try:
        until(master, b"Start a new document")
        os.write(master, b"\r")
        until(master, b"Go on: section 1 of 21")
        os.write(master, b"\r")
        until(master, b"System name")
        os.write(master, b"Ledger\r")
        until(master, b"Status")
        process.send_signal(signum)
        output = drain(master, 1.0)
        assert process.wait(timeout=20) == code
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert b"Traceback" not in output
    assert read_draft(tmp_path / DRAFT_NAME).document.header.title == "Ledger"
