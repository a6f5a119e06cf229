"""A real archwiz on a pseudo-terminal, for tests that need a process: signals, locks, ttys."""

import contextlib
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

# Root ignores file modes. Rather than switch to another user (who may not reach the
# interpreter, e.g. under /root/.pyenv), a root run drops the two capabilities that
# bypass permission checks, so modes bind it as they bind any user.
_DROP = "-dac_override,-dac_read_search"


def unprivileged() -> list[str]:
    """A command prefix under which file permissions bind, as for any ordinary user."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file modes cannot be enforced")
    return [setpriv, f"--inh-caps={_DROP}", f"--bounding-set={_DROP}"]


def spawn(
    args: list[str],
    cwd: Path,
    *,
    prefix: Sequence[str] = (),
    code: str = "",
    command: Sequence[str] = (),
    **env: str,
) -> tuple[subprocess.Popen[bytes], int]:
    """``archwiz ARGS`` in ``cwd`` on an 80x24 terminal; the process and the terminal's master end.

    ``prefix`` runs it through another command (setpriv); ``code`` runs that Python first,
    in the same process (to plant a bug), then archwiz. ``command`` runs that program
    instead of this interpreter's archwiz, with no PYTHONPATH (an installed archwiz).
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    # No cursor-position reports: nothing on this side of the pty would answer them.
    environment = {
        **os.environ,
        "TERM": "xterm-256color",
        "PYTHONPATH": str(REPO),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        **env,
    }
    if code:
        launch = [
            "-c",
            f"{code}\nimport sys\nfrom wizard.cli import main\nsys.exit(main(sys.argv[1:]))",
            *args,
        ]
    else:
        launch = ["-m", "wizard", *args]
    if command:
        environment.pop("PYTHONPATH")
    process = subprocess.Popen(
        [*prefix, *(command or [sys.executable, *launch])] + (list(args) if command else []),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=environment,
        start_new_session=True,
    )
    os.close(slave)
    return process, master


def drain(master: int, seconds: float) -> bytes:
    out, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    return out


def until(master: int, text: bytes, timeout: float = 30.0) -> bytes:
    """Read the terminal until ``text`` appears; everything read, for more checks."""
    seen, end = b"", time.monotonic() + timeout
    while time.monotonic() < end:
        seen += drain(master, 0.1)
        if text in seen:
            return seen
    raise AssertionError(f"{text!r} never appeared")


@dataclass
class Pty:
    """A running archwiz and everything its terminal has shown so far (``seen``)."""

    process: subprocess.Popen[bytes]
    master: int
    seen: bytes = b""

    def until(self, text: bytes, timeout: float = 30.0) -> None:
        self.seen += until(self.master, text, timeout)

    def drain(self, seconds: float) -> None:
        self.seen += drain(self.master, seconds)

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait(self, timeout: float = 20.0) -> int:
        code = self.process.wait(timeout=timeout)
        self.drain(0.2)
        return code


@contextlib.contextmanager
def archwiz(args: list[str], cwd: Path, **options: Any) -> Iterator[Pty]:
    """``spawn`` as a context: whatever the test does, the process ends and the pty closes."""
    process, master = spawn(args, cwd, **options)
    try:
        yield Pty(process, master)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        os.close(master)


def new_document(pty: Pty, *, plain: bool, title: bytes = b"Ledger") -> None:
    """From the first screen: a new document, and ``title`` typed as its system name
    (and submitted, in plain mode, where the next question then shows)."""
    pty.until(b"Start a new document")
    pty.send(b"\r")
    if plain:
        pty.until(b"Go on: section 1")
        pty.send(b"\r")
    pty.until(b"System name")
    pty.send(title + (b"\r" if plain else b""))
    if plain:
        pty.until(b"Status")
