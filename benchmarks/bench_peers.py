"""``archwiz --from`` against its peers, whole process, in one interleaved run.

This machine is shared and noisy, so an absolute time says little; the peers run
in the same loop, one after the other, and the ratio of medians is what holds.

    pip install cookiecutter copier            # the peers (not test dependencies)
    python benchmarks/bench_peers.py            # 30 rounds
    python benchmarks/bench_peers.py --runs 60

Each round renders the complete example with ``archwiz --from`` (a fresh output
folder, so archwiz's overwrite check sees no file: the common case), then each real
document under tests/realdocs (Markdown in every paragraph), runs
``cookiecutter --no-input`` on a one-file template, and ``copier copy --defaults``
on the same one-file template. Everything lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "payments-platform.toml"
REAL = sorted((REPO / "tests" / "realdocs").glob("*/spec.toml"))
TARGETS = {"cookiecutter": 0.75, "copier": 0.45}  # archwiz / peer, at most (issue 15)


def _templates(base: Path) -> tuple[Path, Path]:
    cookie = base / "cookie"
    (cookie / "{{cookiecutter.name}}").mkdir(parents=True)
    (cookie / "cookiecutter.json").write_text('{"name": "doc", "title": "Payments"}\n')
    (cookie / "{{cookiecutter.name}}" / "ARCHITECTURE.md").write_text(
        "# {{cookiecutter.title}} Architecture\n"
    )
    copier = base / "copier"
    copier.mkdir()
    (copier / "copier.yml").write_text("title:\n  type: str\n  default: Payments\n")
    (copier / "ARCHITECTURE.md.jinja").write_text("# {{ title }} Architecture\n")
    return cookie, copier


def _timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr.decode()[-500:]}")
    return elapsed * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    bin_folder = Path(sys.executable).parent
    cookiecutter, copier = bin_folder / "cookiecutter", bin_folder / "copier"
    if not cookiecutter.exists() or not copier.exists():
        raise SystemExit("install the peers first: pip install cookiecutter copier")
    specs = {"archwiz": EXAMPLE, **{f"  {path.parent.name}": path for path in REAL}}
    times: dict[str, list[float]] = {name: [] for name in specs} | {"cookiecutter": [], "copier": []}
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        cookie, copier_template = _templates(base)
        for round_ in range(args.runs + 1):
            out = base / f"out-{round_}"
            out.mkdir()
            commands = {
                name: [sys.executable, "-m", "wizard", "-q", "--from", str(spec), "-o", f"{number}/A.md"]
                for number, (name, spec) in enumerate(specs.items())
            } | {
                "cookiecutter": [str(cookiecutter), "--no-input", "-o", "cc", str(cookie)],
                "copier": [str(copier), "copy", "--defaults", "--quiet", str(copier_template), "cp"],
            }
            for name, command in commands.items():
                elapsed = _timed(command, out)
                if round_:  # the first round warms the disk cache and bytecode
                    times[name].append(elapsed)
            shutil.rmtree(out)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.runs} interleaved rounds, whole process, median (p90) ms")
    for name, values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"  {name:<32} {medians[name]:7.1f} ({p90:.1f})")
    for name in list(specs)[1:]:
        ratio = medians[name] / medians["archwiz"]
        print(f"  {name.strip()} / complete example: {ratio:.2f}x (same whole-process time: about 1.00x)")
    verdict = 0
    for peer, target in TARGETS.items():
        ratio = medians["archwiz"] / medians[peer]
        ok = ratio <= target
        verdict |= not ok
        print(f"  archwiz / {peer:<12} {ratio:.2f}x  target <= {target:.2f}x  {'PASS' if ok else 'MISS'}")
    return verdict


if __name__ == "__main__":
    sys.exit(main())
