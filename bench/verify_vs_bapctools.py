"""`podium package verify` timed against BAPCtools' `bt run` on the same 2025-09 packages.

Run by hand: `.venv/bin/python bench/verify_vs_bapctools.py --bt PATH [--rounds 3] PKG...`
(install BAPCtools in its own venv, never in Podium's: `python3 -m venv /tmp/bt &&
/tmp/bt/bin/pip install bapctools`, then `--bt /tmp/bt/bin/bt`). The real packages of the
tests are in tests/fixtures/packages/real-2025-09/.

For each package and round, both tools run one after the other in the same run (their order
swapped every round, so neither always finds the disk cache warm): `bt run -G -B` (no
generation: the package's data as it is; no progress bar) on a fresh copy of the package,
since bt writes beside the problem, and `podium package verify --json`. It prints each wall
time, the best of the rounds for each tool, the ratio podium/bt (below 1: Podium is faster),
and each submission's verdict from both. Podium's refusal of the whole package is shown as
such, with the time it took to refuse. Both tools judge in parallel by default (bt with
cpu_count/2 jobs, Podium with its pool size): `--jobs N` gives both the same number.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PODIUM = Path(__file__).resolve().parent.parent / ".venv/bin/podium"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# "accepted/test-hello.c:        AC 0.002s @ sample/1", "tle.py: TLE16.065s @ sample/1"
BT_RESULT = re.compile(r"^(?P<path>[^\s:]+/[^\s:]+):\s+(?P<verdict>[A-Z]{2,3})\s*[\d.]+s @")
BT_BUILD_FAILED = re.compile(r"^Build submissions: (?P<path>\S+/\S+)\s+Failed")
SAME = {("MLE", "RTE"), ("OLE", "RTE")}  # bt's four verdicts have no memory nor output kind


def run_bt(bt: str, package: Path, jobs: int | None) -> tuple[float, dict[str, str], str]:
    """`bt run` on a copy of the package: wall time, verdicts by submission, bt's output."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / package.name
        shutil.copytree(package, copy, symlinks=True)
        command = [bt, "run", "-G", "-B", "--problem", str(copy)]
        if jobs:
            command += ["-j", str(jobs)]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                cwd=scratch)
        wall = time.perf_counter() - start
    output = ANSI.sub("", result.stdout + result.stderr)
    verdicts: dict[str, str] = {}
    for line in output.splitlines():
        if built := BT_BUILD_FAILED.match(line):
            verdicts.setdefault(built["path"], "could not build")
        if match := BT_RESULT.match(line):
            verdicts[match["path"]] = match["verdict"]
    return wall, verdicts, output


def run_podium(podium: str, package: Path,
               jobs: int | None) -> tuple[float, dict[str, str], str]:
    """`podium package verify --json`: wall time, verdicts by submission, and the refusal
    (empty when the package loaded)."""
    # --fresh: every round judges for real, as bt does (its rounds keep builds, not results)
    command = [podium, "package", "verify", str(package), "--json", "--fresh"]
    if jobs:
        command += ["--pool-size", str(jobs)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if not result.stdout.startswith("{"):
        refusal = (result.stderr or result.stdout).strip().splitlines()
        return wall, {}, refusal[0] if refusal else f"exit status {result.returncode}"
    report = json.loads(result.stdout)
    verdicts = {s["path"].removeprefix("submissions/"): (s["got"] or "skipped")
                for s in report["submissions"]}
    return wall, verdicts, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bt", required=True, help="BAPCtools' bt, from its own venv")
    parser.add_argument("--podium", default=str(PODIUM), help="the podium command to time")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each tool per package")
    parser.add_argument("--jobs", type=int, default=None,
                        help="parallel judgings for both (bt -j, podium --pool-size)")
    parser.add_argument("packages", nargs="+", type=Path)
    args = parser.parse_args()
    best_podium_total = best_bt_total = 0.0
    refused = 0
    for package in args.packages:
        podium_walls, bt_walls = [], []
        podium: dict[str, str] = {}
        bt: dict[str, str] = {}
        refusal = ""
        for round_ in range(args.rounds):
            tools = ["bt", "podium"] if round_ % 2 == 0 else ["podium", "bt"]
            for tool in tools:
                if tool == "bt":
                    wall, bt, _ = run_bt(args.bt, package, args.jobs)
                    bt_walls.append(wall)
                else:
                    wall, podium, refusal = run_podium(args.podium, package, args.jobs)
                    podium_walls.append(wall)
        best_podium, best_bt = min(podium_walls), min(bt_walls)
        rounds = lambda walls: " ".join(f"{w:.1f}" for w in walls)  # noqa: E731
        print(f"\n{package.name}: podium {rounds(podium_walls)} s, bt {rounds(bt_walls)} s; "
              f"best podium {best_podium:.1f} s, bt {best_bt:.1f} s")
        if refusal:  # a refusal takes no judging: its time is no figure to compare
            print(f"  podium refused the package, no ratio: {refusal}")
            refused += 1
        else:
            best_podium_total += best_podium
            best_bt_total += best_bt
            print(f"  ratio podium/bt {best_podium / best_bt:.2f}")
        same = 0
        paths = sorted(set(podium) | set(bt))
        for path in paths:
            ours, theirs = podium.get(path, "-"), bt.get(path, "-")
            agree = ours == theirs or (ours, theirs) in SAME
            same += agree
            print(f"  {path:50} podium {ours:8} bt {theirs:16} "
                  f"{'same' if agree else 'differs'}")
        print(f"  {same} of {len(paths)} submissions judged alike")
    judged = len(args.packages) - refused
    if judged:
        print(f"\n{judged} packages verified by both, best of {args.rounds}: podium "
              f"{best_podium_total:.1f} s, bt {best_bt_total:.1f} s, "
              f"ratio {best_podium_total / best_bt_total:.2f}")
    if refused:
        print(f"{refused} packages refused by podium: no ratio for them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
