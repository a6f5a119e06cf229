"""How fast is ``archwiz --from``, and does it stay linear as a spec grows?

Run from the repository root with the virtualenv active:

    python benchmarks/bench_from.py                  # full run, about a minute
    python benchmarks/bench_from.py --max 1000       # quick run
    python benchmarks/bench_from.py --runs 50 --json /tmp/bench.json

Two parts:

1. Whole-process start-up: the complete example rendered by a fresh interpreter,
   next to baselines (bare interpreter, pydantic import, model import) that show
   how much of the time archwiz could ever win back.
2. Scaling: generated specs with N components and N decisions, timed phase by
   phase in-process and once as a whole process, so non-linear growth shows up.

Nothing is written inside the repository: specs, outputs and even the bytecode
caches of the child interpreters live in a temporary folder that is removed at the end.
Needs a POSIX system (``os.fork`` and ``os.wait4``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "payments-platform.toml"

TARGET_STARTUP_MS = 150.0
TARGET_10K_S = 5.0
LINEAR_RATIO = 1.5
SIZES = (10, 100, 1_000, 10_000)
# Above this size one in-process run takes seconds and run-to-run noise is small
# relative to it, so best-of-3 would only triple the wait.
BEST_OF_LIMIT = 1_000
BEST_OF = 3


# --- measuring a child process ------------------------------------------------


@dataclass
class ProcessRun:
    wall_ms: float
    peak_rss_mib: float
    exit_code: int


def _rss_mib(ru_maxrss: int) -> float:
    # getrusage reports kilobytes on Linux but bytes on macOS.
    return ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)


# Runs in its own bare interpreter (no site, so almost nothing imported) and
# forks every measured command from there. A child's ru_maxrss starts from the
# memory of whoever forked it: spawned from this script it would report this
# script's peak (hundreds of MiB once a 10,000-item spec has been loaded), not
# its own. Forked from a ~8 MiB process, it reports what the command itself used.
_FORK_SERVER = """
import os, sys, time
devnull = os.open(os.devnull, os.O_RDWR)
while line := sys.stdin.buffer.readline():
    argv = [os.fsdecode(arg) for arg in line.rstrip(b"\\n").split(b"\\0")]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    print(wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status), flush=True)
"""


class ForkServer:
    """Runs commands one at a time and reports wall time, peak RSS and exit code."""

    def __init__(self, env: dict[str, str]) -> None:
        # -I -S: the server must stay small and must not be affected by the
        # PYTHON* variables meant for the children, which inherit env as is.
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-B", "-c", _FORK_SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )

    def run(self, argv: Sequence[str]) -> ProcessRun:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(b"\0".join(os.fsencode(arg) for arg in argv) + b"\n")
        self._process.stdin.flush()
        reply = self._process.stdout.readline().split()
        if len(reply) != 3:
            raise SystemExit("the fork server died; run with a POSIX Python (os.fork, os.wait4)")
        return ProcessRun(float(reply[0]) * 1000, _rss_mib(int(reply[1])), int(reply[2]))

    def run_checked(self, argv: Sequence[str]) -> ProcessRun:
        result = self.run(argv)
        if result.exit_code != 0:
            # A failing command is fast; timing it would report a bogus success.
            raise SystemExit(f"exit code {result.exit_code} from: {' '.join(argv)}")
        return result

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait()


def p90(values: Sequence[float]) -> float:
    """Nearest-rank 90th percentile: always a time that was actually measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


@dataclass
class StartupResult:
    label: str
    argv: list[str]
    wall_ms: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.wall_ms)

    @property
    def min_ms(self) -> float:
        return min(self.wall_ms)

    @property
    def p90_ms(self) -> float:
        return p90(self.wall_ms)

    @property
    def peak_rss_mib(self) -> float:
        return max(self.rss_mib)

    def summary(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "median_ms": self.median_ms,
            "min_ms": self.min_ms,
            "p90_ms": self.p90_ms,
            "peak_rss_mib": self.peak_rss_mib,
        }


def bench_startup(runs: int, warmup: int, work: Path, server: ForkServer) -> list[StartupResult]:
    python = sys.executable
    out = work / "startup" / "ARCHITECTURE.md"
    out.parent.mkdir()
    results = [
        StartupResult("python -c pass", [python, "-c", "pass"]),
        StartupResult("import pydantic.BaseModel", [python, "-c", "from pydantic import BaseModel"]),
        StartupResult("import wizard.model", [python, "-c", "import wizard.model"]),
        StartupResult(
            "archwiz --from example",
            [python, "-m", "wizard", "-q", "--from", str(EXAMPLE), "-o", str(out)],
        ),
    ]
    # The first warm-up also fills the bytecode cache, which an installed
    # package would already have; it must not count.
    for _ in range(warmup):
        for result in results:
            server.run_checked(result.argv)
    # Round-robin, so that a burst of load on the machine hits every command
    # alike instead of skewing whichever happened to be running.
    for _ in range(runs):
        for result in results:
            measured = server.run_checked(result.argv)
            result.wall_ms.append(measured.wall_ms)
            result.rss_mib.append(measured.peak_rss_mib)
    return results


# --- generated specs -----------------------------------------------------------

_NOUNS = ("ledger", "payout", "invoice", "refund", "merchant", "settlement", "webhook", "tenant")
_VERBS = ("validates", "aggregates", "reconciles", "routes", "enriches", "archives", "signs", "batches")
_TECH = ("Go 1.23", "PostgreSQL 16", "Kafka 3.7", "Redis 7", "gRPC", "Envoy 1.31", "Python 3.12")


def _pick(words: Sequence[str], i: int, step: int = 1) -> str:
    return words[(i * step) % len(words)]


def make_component(i: int) -> dict[str, Any]:
    """A component whose prose is Markdown-rich, as real documents' are: emphasis, code
    spans, links and nested lists in every prose field."""
    noun, other, verb = _pick(_NOUNS, i), _pick(_NOUNS, i, 3), _pick(_VERBS, i, 5)
    return {
        "name": f"{noun.title()} {verb.title()} Service {i:05d}",
        "responsibility": (
            f"Receives `{noun}` commands from the gateway and **{verb}** them before storage,\n"
            f"keeping an idempotency key per request so that retries are harmless (p99 < 80 ms).\n\n"
            f"- It owns no _{other}_ data;\n"
            f"  - it reads {other} state through [the public API](https://docs.example.com/{other}).\n"
            f"- It never calls a bank directly.\n"
        ),
        "technologies": [_pick(_TECH, i), _pick(_TECH, i, 3), _pick(_TECH, i, 5)],
        "input": f"`{noun.title()}Created` and `{noun.title()}Updated` events, partitioned by tenant",
        "output": f"Signed {other} records in PostgreSQL and an _outbox_ row per state change",
    }


def make_decision(i: int) -> dict[str, Any]:
    noun, verb = _pick(_NOUNS, i), _pick(_VERBS, i, 3)
    # One decision in twenty has a heading of its own in its context, which must be nested
    # below the decision's: the slow path, measured at the share real documents have.
    heading = "# Background\n\n" if i % 20 == 0 else ""
    return {
        "title": f"How the {noun} pipeline {verb} data, decision {i:05d}",
        "status": "accepted",
        "date": "2026-03-02",
        "context": (
            f"{heading}The {noun} data must never be lost between the database and Kafka:\n\n"
            f"1. a crash after the commit must not drop the event;\n"
            f"2. a retry must not publish it twice.\n\n"
            f"```sql\nINSERT INTO outbox (topic, payload) VALUES ('{noun}', $1);\n```\n"
        ),
        "decision": f"Use a transactional outbox in PostgreSQL for every `{noun}` write",
        "rationale": (
            f"The team already runs PostgreSQL; the outbox costs **one extra insert** per transaction.\n"
            f"Exactly-once delivery is not needed because every consumer is idempotent\n"
            f"(see [ADR-{i:03d}](docs/adr/{i:03d}.md)).\n"
        ),
        "consequences": f"- A relay process per {noun} partition.\n- Its lag is alerted on.\n",
        "options": [
            {
                "name": "Transactional outbox",
                "pros": [f"Atomic with the `{noun}` write", "Simple to operate, well understood"],
                "cons": ["One extra table and a relay process to run and monitor"],
            },
            {
                "name": "Change data capture (Debezium)",
                "pros": ["No application changes", "Captures every row-level change"],
                "cons": [f"Another cluster to run; `{noun}` schema changes break consumers"],
            },
        ],
    }


def make_spec(n: int) -> dict[str, Any]:
    # Only the header and summary besides the two lists: any other section is a
    # fixed cost that would blur the per-item figures at small N.
    return {
        "schema_version": 2,
        "header": {"title": f"Generated Platform ({n} components)", "status": "Active", "version": "1.0.0"},
        "summary": {"text": "A generated spec for measuring how archwiz scales with the size of a document."},
        "components": [make_component(i) for i in range(n)],
        "decisions": [make_decision(i) for i in range(n)],
    }


# --- scaling -------------------------------------------------------------------


@dataclass
class ScalingResult:
    n: int
    runs: int
    spec_kb: float
    markdown_kb: float
    load_s: float
    render_s: float
    dump_s: float
    total_s: float
    process_s: float
    process_rss_mib: float

    @property
    def per_item_us(self) -> float:
        return self.total_s / self.n * 1e6

    @property
    def process_per_item_us(self) -> float:
        return self.process_s / self.n * 1e6


def _timed(call: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = call(*args)
    return time.perf_counter() - start, value


def bench_size(n: int, work: Path, server: ForkServer) -> ScalingResult:
    # Imported here, after main() has redirected the bytecode cache out of the repository.
    import tomli_w

    from wizard.markdown import render_markdown
    from wizard.sidecar import dump_toml
    from wizard.spec import load_spec

    folder = work / f"n{n}"
    folder.mkdir()
    spec = folder / "spec.toml"
    spec.write_text(tomli_w.dumps(make_spec(n), multiline_strings=True), encoding="utf-8")

    runs = BEST_OF if n <= BEST_OF_LIMIT else 1
    best: tuple[float, float, float] | None = None
    markdown = ""
    for _ in range(runs):
        load, (doc, _) = _timed(load_spec, str(spec))
        render, markdown = _timed(render_markdown, doc)
        dump, _ = _timed(dump_toml, doc)
        # The phases of the fastest run, not the fastest of each phase, so that
        # the columns add up to the total.
        if best is None or load + render + dump < sum(best):
            best = (load, render, dump)
    assert best is not None
    if len(doc.components) != n or len(doc.decisions) != n:
        raise SystemExit(f"generated spec for N={n} did not load {n} components and decisions")

    out = folder / "out.md"
    process = server.run_checked([sys.executable, "-m", "wizard", "-q", "--from", str(spec), "-o", str(out)])
    return ScalingResult(
        n=n,
        runs=runs,
        spec_kb=spec.stat().st_size / 1024,
        markdown_kb=len(markdown.encode()) / 1024,
        load_s=best[0],
        render_s=best[1],
        dump_s=best[2],
        total_s=sum(best),
        process_s=process.wall_ms / 1000,
        process_rss_mib=process.peak_rss_mib,
    )


# --- reporting -----------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """First column left-aligned (labels), the rest right-aligned (numbers)."""
    widths = [max(len(str(row[col])) for row in [headers, *rows]) for col in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.ljust(width) if col == 0 else cell.rjust(width)
            for col, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report_startup(results: list[StartupResult], runs: int, warmup: int) -> None:
    print(f"Whole process, {runs} runs each after {warmup} warm-up runs (interleaved)")
    rows = [
        [r.label, f"{r.median_ms:.1f}", f"{r.min_ms:.1f}", f"{r.p90_ms:.1f}", f"{r.peak_rss_mib:.1f}", ""]
        for r in results
    ]
    archwiz = results[-1]
    rows[-1][-1] = f"{verdict(archwiz.median_ms <= TARGET_STARTUP_MS)} (target <= {TARGET_STARTUP_MS:.0f} ms)"
    print(table(["command", "median ms", "min ms", "p90 ms", "peak RSS MiB", "target"], rows))
    floor = results[0].median_ms
    print(f"archwiz over a bare interpreter: {archwiz.median_ms - floor:+.1f} ms (median)")
    print(f"archwiz over importing the model: {archwiz.median_ms - results[2].median_ms:+.1f} ms (median)")


def report_scaling(results: list[ScalingResult]) -> dict[str, Any]:
    print("Scaling: N components + N decisions (2 options each)")
    print(
        f"in-process: best of {BEST_OF} for N <= {BEST_OF_LIMIT:,}, a single run above; whole process: 1 run"
    )
    rows = [
        [
            f"{r.n:,}",
            str(r.runs),
            f"{r.spec_kb:,.0f}",
            f"{r.markdown_kb:,.0f}",
            f"{r.load_s * 1000:,.1f}",
            f"{r.render_s * 1000:,.1f}",
            f"{r.dump_s * 1000:,.1f}",
            f"{r.total_s * 1000:,.1f}",
            f"{r.per_item_us:,.0f}",
            f"{r.process_s * 1000:,.0f}",
            f"{r.process_per_item_us:,.0f}",
            f"{r.process_rss_mib:,.0f}",
        ]
        for r in results
    ]
    headers = [
        "N",
        "runs",
        "spec KB",
        "md KB",
        "load ms",
        "render ms",
        "dump ms",
        "total ms",
        "us/item",
        "process ms",
        "proc us/item",
        "proc RSS MiB",
    ]
    print(table(headers, rows))
    print("(us/item = in-process total / N; proc us/item = whole process / N, start-up included)")

    shares = [
        [f"{r.n:,}", *(f"{part / r.total_s:.0%}" for part in (r.load_s, r.render_s, r.dump_s))]
        for r in results
    ]
    print()
    print("Share of the in-process total")
    print(table(["N", "load", "render", "dump"], shares))
    print()

    checks: dict[str, Any] = {}
    largest = next((r for r in results if r.n == 10_000), None)
    if largest is None:
        print(f"N=10,000 whole process: not measured (--max); target <= {TARGET_10K_S:.0f} s")
    else:
        ok = largest.process_s <= TARGET_10K_S
        checks["n10000_process_pass"] = ok
        print(
            f"N=10,000 whole process: {largest.process_s:.2f} s  "
            f"{verdict(ok)} (target <= {TARGET_10K_S:.0f} s)"
        )

    if len(results) >= 2:
        small, big = results[-2], results[-1]
        ratio = big.per_item_us / small.per_item_us
        process_ratio = big.process_per_item_us / small.process_per_item_us
        linear = ratio < LINEAR_RATIO
        checks.update(linear=linear, per_item_ratio=ratio, process_per_item_ratio=process_ratio)
        print(
            f"Growth {small.n:,} -> {big.n:,}: in-process per-item time x{ratio:.2f} "
            f"(whole process x{process_ratio:.2f}): "
            f"{'linear' if linear else 'NOT linear'} (linear means in-process ratio < {LINEAR_RATIO})"
        )
    return checks


# --- main ----------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20, help="whole-process runs per command (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs per command first (default 2)")
    parser.add_argument(
        "--max",
        type=int,
        default=SIZES[-1],
        help=f"largest N for scaling (default {SIZES[-1]:,}; 0 skips it)",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the raw figures here")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archwiz-bench-") as tmp:
        work = Path(tmp)
        # Without a prefix, the editable install would write __pycache__ folders
        # into the repository, for this process and for every child.
        cache = work / "pycache"
        sys.pycache_prefix = str(cache)
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(cache)}
        # An installed archwiz runs from cached bytecode. With the cache moved to an
        # empty prefix and writing disabled (as some dev shells and CI images do),
        # every child would compile the standard library, pydantic and wizard from
        # source each time, tripling the start-up being measured.
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        server = ForkServer(env)
        try:
            print(f"Python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs")
            print(f"{sys.executable}; children use a bytecode cache in a temporary folder")
            print()
            startup = bench_startup(args.runs, args.warmup, work, server)
            report_startup(startup, args.runs, args.warmup)

            scaling = [bench_size(n, work, server) for n in SIZES if n <= args.max]
            checks: dict[str, Any] = {}
            if scaling:
                print()
                checks = report_scaling(scaling)
        finally:
            server.close()

    if args.json is not None:
        figures = {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "runs": args.runs,
            "warmup": args.warmup,
            "startup": [result.summary() for result in startup],
            "startup_target_ms": TARGET_STARTUP_MS,
            "startup_pass": startup[-1].median_ms <= TARGET_STARTUP_MS,
            "scaling": [
                {**asdict(r), "per_item_us": r.per_item_us, "process_per_item_us": r.process_per_item_us}
                for r in scaling
            ],
            "scaling_checks": checks,
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
