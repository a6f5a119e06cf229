"""How quickly does the plain wizard ask its next question, on a real pseudo-terminal?

Run from the repository root with the virtualenv active:

    python benchmarks/bench_plain.py              # about half a minute
    python benchmarks/bench_plain.py --runs 3 --answers 10 --json /tmp/plain.json

As in bench_tui.py, archwiz runs in its own process on an 80x24 pseudo-terminal
and the clock stops when the next question's text has arrived. Cursor-position
reports are switched off (PROMPT_TOOLKIT_NO_CPR), as nothing here would answer them.

1. Start-up: process start to the first question, with questionary prompts
   (``--plain``) and with the line prompts of a dumb terminal (``TERM=dumb``).
   Target: within 500 ms.
2. With a document of 1,000 components (``archwiz edit big.toml --plain``), Enter
   on an answer to the next question: every answer is validated with its whole
   section and saved to the draft (serialised and fsynced) before the next
   question, so this is the cost a user feels between questions.
   - in the header (a small section, but the draft holds all 1,000 components);
   - in the Components section (the section validated is the 1,000-item list).
   Target: within 100 ms (p90); a question-by-question user does not notice that.

Needs a POSIX system (pty, select). Nothing is written inside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_tui import Terminal, big_spec, summary

TARGET_START_MS = 500
TARGET_ANSWER_MS = 100
FIRST_QUESTION = b"What would you like to do?"


def measure_start(folder: Path, runs: int, dumb: bool) -> list[float]:
    times = []
    for _ in range(runs):
        term = Terminal(["--plain"], folder, TERM="dumb" if dumb else "xterm-256color")
        try:
            term.wait_for(FIRST_QUESTION)
            times.append(time.perf_counter() - term.started)
        finally:
            term.close()
    return times


def measure_answers(folder: Path, answers: int, count: int) -> dict[str, object]:
    spec = big_spec(folder, count)
    term = Terminal(["edit", str(spec), "--plain", "--draft", str(folder / "draft.toml")], folder)
    try:
        term.wait_for(b"Go on: section 1 of 21")
        term.settle()
        header = []
        for _ in range(answers):
            term.key_to_mark(b"Choose\r", b"Which section?")
            term.key_to_mark(b"1 of 21: Header\r", b"System name")
            header.append(term.key_to_mark(b"\r", b"Status"))  # Enter keeps the name: the next question
            term.key_to_mark(b"\r", b"Version")
            term.key_to_mark(b"\r", b"Last Updated")
            term.key_to_mark(b"\r", b"What next?")
        components = []
        term.key_to_mark(b"Choose\r", b"Which section?")
        term.key_to_mark(b"Components\r", b"Components: what next?")
        for _ in range(answers):
            term.key_to_mark(b"Edit\r", b"Edit which component?")
            term.key_to_mark(b"Service 0\r", b"Name")
            components.append(term.key_to_mark(b"\r", b"Responsibility"))  # keep the name, validate 1,000
            term.key_to_mark(b"\x1b\r", b"Technologies: what next?")
            term.key_to_mark(b"\r", b"Input")
            term.key_to_mark(b"\r", b"Output")
            term.key_to_mark(b"\r", b"Components: what next?")
        return {"header_answer": summary(header), "components_answer": summary(components)}
    finally:
        term.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8, help="start-up runs of each kind")
    parser.add_argument("--answers", type=int, default=10, help="answers timed in each section")
    parser.add_argument("--components", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = summary(measure_start(folder, args.runs, dumb=False))
        start_dumb = summary(measure_start(folder, args.runs, dumb=True))
        answers = measure_answers(folder, args.answers, args.components)
    result = {
        "start_to_first_question": start,
        "start_to_first_question_dumb_terminal": start_dumb,
        f"with_{args.components}_components": answers,
    }
    print(json.dumps(result, indent=2))
    verdict = lambda ms, target: "PASS" if ms <= target else "MISS"  # noqa: E731
    for name, figures in (("first question", start), ("first question, TERM=dumb", start_dumb)):
        median = figures["median_ms"]
        print(f"{name}: median {median} ms, target {TARGET_START_MS}: {verdict(median, TARGET_START_MS)}")
    for name in ("header_answer", "components_answer"):
        figures = answers[name]
        assert isinstance(figures, dict)
        print(
            f"{name}: median {figures['median_ms']} ms, p90 {figures['p90_ms']} ms, "
            f"target {TARGET_ANSWER_MS}: {verdict(figures['p90_ms'], TARGET_ANSWER_MS)}"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
