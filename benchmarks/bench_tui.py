"""How quickly does the Textual wizard answer, on a real pseudo-terminal?

Run from the repository root with the virtualenv active:

    python benchmarks/bench_tui.py              # about a minute
    python benchmarks/bench_tui.py --runs 3 --keys 20 --json /tmp/tui.json

Everything is measured from outside, as a user sees it: archwiz runs in its own
process on a pseudo-terminal (80x24) and the clock stops when the bytes that
draw the answer have arrived, not when Python thinks it is done.

1. Start-up: process start to the first interactive screen (the start screen
   drawn). Target: within 500 ms.
2. With a document of 1,000 components (``archwiz edit big.toml``):
   - typing a character in a field, to the redrawn field (time to the end of the
     frame: no more output for ``QUIET`` seconds, which is then subtracted);
   - moving to the next / previous section with ctrl+n / ctrl+p, to the new
     section's title on screen; the first visit to the 1,000-row Components screen
     builds it, later visits reuse it, so both are reported.
   Target: keypress to screen within 50 ms.

Needs a POSIX system (pty, select). Nothing is written inside the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import tomli_w

QUIET = 0.03  # seconds without output that count as "the frame is complete"
SIZE = (24, 80)
START_MARK = b"Start a new document"
TARGET_START_MS = 500
TARGET_KEY_MS = 50
ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


class Terminal:
    """archwiz on a pseudo-terminal of its own."""

    def __init__(self, args: list[str], cwd: Path, **env_overrides: str) -> None:
        self.started = time.perf_counter()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(SIZE[1]),
            "LINES": str(SIZE[0]),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            **env_overrides,
        }
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [shutil.which("archwiz") or "archwiz", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.seen = b""

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return b""
        self.seen += data
        return data

    def wait_for(self, mark: bytes, timeout: float = 20.0) -> float:
        """Seconds until ``mark`` appears in the output (escape codes ignored)."""
        start = time.perf_counter()
        text = b""
        while time.perf_counter() - start < timeout:
            data = self.read(0.05)
            text += ANSI.sub(b"", data) if data else b""
            if mark in text or mark in ANSI.sub(b"", self.seen[-200_000:]):
                return time.perf_counter() - start
        raise TimeoutError(f"{mark!r} never appeared; last output: {ANSI.sub(b'', self.seen[-400:])!r}")

    def settle(self, timeout: float = 5.0) -> None:
        """Read until the screen has been quiet for a while."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end and self.read(0.2):
            pass

    def frame_after(self, keys: bytes) -> float:
        """Seconds from writing ``keys`` to the end of the frame that answers them."""
        self.settle(0.5)
        sent = time.perf_counter()
        os.write(self.master, keys)
        last = None
        while True:
            data = self.read(QUIET if last else 2.0)
            if not data:
                break
            last = time.perf_counter()
        if last is None:
            raise TimeoutError(f"no output after {keys!r}")
        return last - sent

    def key_to_mark(self, keys: bytes, mark: bytes) -> float:
        self.settle(0.5)
        self.seen = b""
        sent = time.perf_counter()
        os.write(self.master, keys)
        self.wait_for(mark)
        return time.perf_counter() - sent

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        os.close(self.master)


def big_spec(folder: Path, count: int) -> Path:
    spec = {
        "schema_version": 1,
        "header": {"title": "Big", "version": "1.0.0"},
        "components": [
            {"name": f"Service {n}", "responsibility": f"Does thing {n}.", "input": "HTTP", "output": "gRPC"}
            for n in range(count)
        ],
    }
    path = folder / "big.toml"
    path.write_bytes(tomli_w.dumps(spec).encode())
    return path


def summary(values: list[float]) -> dict[str, float]:
    ms = sorted(v * 1000 for v in values)
    return {
        "median_ms": round(statistics.median(ms), 1),
        "p90_ms": round(ms[max(0, int(len(ms) * 0.9) - 1)], 1),
        "max_ms": round(ms[-1], 1),
        "n": len(ms),
    }


def measure_start(folder: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        term = Terminal([], folder)
        try:
            term.wait_for(START_MARK)
            times.append(time.perf_counter() - term.started)
        finally:
            term.close()
    return times


def measure_big(folder: Path, keys: int, count: int) -> dict[str, object]:
    spec = big_spec(folder, count)
    term = Terminal(["edit", str(spec)], folder)
    try:
        first = term.wait_for(b"1 of 21")
        term.settle()
        typing = [term.frame_after(b"x") for _ in range(keys)]  # into "System name", focused
        forward, back = [], []
        first_components = None
        for _ in range(3):
            steps = [term.key_to_mark(b"\x0e", f"{n} of 21".encode()) for n in range(2, 8)]  # ctrl+n
            if first_components is None:
                first_components = steps[4]  # section 6, built on its first visit
                steps = steps[:4] + steps[5:]
            forward += steps
            back += [term.key_to_mark(b"\x10", f"{n} of 21".encode()) for n in range(6, 0, -1)]  # ctrl+p
        return {
            "open_document_s": round(first, 2),
            "type_a_character": summary(typing),
            "next_section": summary(forward),
            "previous_section": summary(back),
            "first_visit_to_components_ms": round((first_components or 0) * 1000, 1),
        }
    finally:
        term.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="start-up runs")
    parser.add_argument("--keys", type=int, default=40, help="characters typed")
    parser.add_argument("--components", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = summary(measure_start(folder, args.runs))
        big = measure_big(folder, args.keys, args.components)
    result = {"start_to_first_screen": start, f"with_{args.components}_components": big}
    print(json.dumps(result, indent=2))
    verdict = lambda ms, target: "PASS" if ms <= target else "MISS"  # noqa: E731
    print(
        f"first screen: median {start['median_ms']} ms, target {TARGET_START_MS}: "
        f"{verdict(start['median_ms'], TARGET_START_MS)}"
    )
    for name in ("type_a_character", "next_section", "previous_section"):
        figures = big[name]
        assert isinstance(figures, dict)
        print(
            f"{name}: median {figures['median_ms']} ms, p90 {figures['p90_ms']} ms, target {TARGET_KEY_MS}: "
            f"{verdict(figures['p90_ms'], TARGET_KEY_MS)}"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
