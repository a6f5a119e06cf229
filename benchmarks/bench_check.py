"""How long `archwiz check` takes on a large document, beyond start-up.

The document: 1,000 components and 1,000 decisions (bench_from's generator: Markdown-rich
prose in every field), 1,000 data-flow steps between components (a few with a renamed
component, so the similarity search runs), relationships, metrics and alerts. It is
rendered with --from, so the check compares a real Markdown file too.

Measured as whole processes, interleaved: `archwiz check` on a one-decision sidecar (the
check's start-up: the interpreter, the model, the renderer and the rules loaded, one tiny
document checked) and on the large one; the target figure is the difference of their
medians: under 1 s beyond start-up. `archwiz --version` (the command line alone) is
timed too, and the difference to it printed, since it is the stricter reading.

    python benchmarks/bench_check.py [--runs 5] [--n 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_from import make_spec

TARGET_S = 1.0


def make_checked_spec(n: int) -> dict[str, Any]:
    spec = make_spec(n)
    names = [component["name"] for component in spec["components"]]
    steps = [f"{names[i]} → {names[(i + 1) % n]} (gRPC, idempotent)" for i in range(n)]
    for i in range(0, n, 100):  # a rename the data flow missed: found by similarity
        steps[i] = f"{names[i]} → {names[i + 1].replace('Service', 'Servce')}"
    spec["diagrams"] = {"data_flow": steps}
    technologies = ("Go", "PostgreSQL", "Kafka", "Redis", "gRPC", "Envoy", "Python")
    spec["tech_stack"] = {"core": [{"component": "Platform", "technology": tech} for tech in technologies]}
    spec["entities"] = [
        {"name": f"Entity{i}", "has_many": [f"Entity{(i + 1) % 50}"], "belongs_to": [f"Entity{(i + 7) % 50}"]}
        for i in range(50)
    ]
    spec["observability"] = {
        "metrics": [{"name": f"svc{i}.requests.total", "purpose": "Requests served"} for i in range(100)],
        "alerts": [
            {"name": f"Alert {i}", "condition": f"svc{i}.requests.total == 0 for 5m"} for i in range(100)
        ],
    }
    return spec


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env)
    took = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stderr}")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--n", type=int, default=1_000)
    args = parser.parse_args(argv)
    archwiz = [sys.executable, "-m", "wizard"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # Compiled modules are cached (in the work folder, not beside the sources) as an
        # installed archwiz has them: PYTHONDONTWRITEBYTECODE would time compiling instead.
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        (work / "spec.toml").write_text(tomli_w.dumps(make_checked_spec(args.n)))
        render = [*archwiz, "-q", "--from", "spec.toml", "-o", "ARCHITECTURE.md"]
        subprocess.run(render, cwd=work, check=True, env=env)
        tiny = {"header": {"title": "Tiny"}, "decisions": [{"title": "One", "status": "Accepted"}]}
        (work / "tiny.toml").write_text(tomli_w.dumps(tiny))
        subprocess.run(
            [*archwiz, "-q", "--from", "tiny.toml", "-o", "TINY.md"], cwd=work, check=True, env=env
        )
        check = [*archwiz, "check", "-q", "ARCHITECTURE.toml"]
        # The first run also fills the module cache.
        result = subprocess.run(check, cwd=work, capture_output=True, text=True, env=env)
        findings = result.stdout.splitlines()
        version, startup, checking = [], [], []
        for _ in range(args.runs):  # interleaved: the machine's load hits all alike
            version.append(_run([*archwiz, "--version"], work, env))
            startup.append(_run([*archwiz, "check", "-q", "TINY.toml"], work, env))
            checking.append(_run(check, work, env))
    bare, base, whole = statistics.median(version), statistics.median(startup), statistics.median(checking)
    beyond = whole - base
    rules = sorted({line.split(": ")[1] for line in findings})
    print(f"document: {args.n} components, {args.n} decisions, {args.n} data-flow steps")
    print(f"findings: {len(findings)} ({', '.join(rules)}); exit {result.returncode}")
    print(f"archwiz --version, median of {args.runs}: {bare * 1000:.0f} ms")
    print(f"start-up: archwiz check on a one-decision sidecar, median of {args.runs}: {base * 1000:.0f} ms")
    print(f"archwiz check on the large sidecar, median of {args.runs}: {whole * 1000:.0f} ms")
    print(f"beyond archwiz --version: {whole - bare:.2f} s")
    ok = beyond < TARGET_S
    print(f"beyond start-up: {beyond:.2f} s (target < {TARGET_S:.0f} s): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
