"""`podium package verify` beside problemtools' `verifyproblem` on the same packages.

Run by hand: `.venv/bin/python bench/verify_vs_problemtools.py --verifyproblem PATH PKG...`
(install problemtools in its own venv: `python3 -m venv /tmp/pt && /tmp/pt/bin/pip install
problemtools`). For each package it runs both tools once, in the same run, and prints their
wall times, the ratio podium/problemtools, and each submission's verdict from both: the
same verdict, a different one, or one tool that could not run it (a language it lacks, a
toolchain it cannot find). problemtools runs submissions bare on the host; Podium runs
each in a fresh sandbox container.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

PODIUM = Path(__file__).resolve().parent.parent / ".venv/bin/podium"
# "   accepted/hello.cc (C++) OK: AC [CPU: 0.00s @ testcase secret/hello]"
RESULT = re.compile(
    r"^\s+(?P<path>\S+/\S+) \((?P<lang>[^)]*)\) (?:OK|\S+.*?): (?P<verdict>[A-Z]{2,3})\b")
SAME = {("MLE", "RTE")}  # problemtools calls running out of memory a run-time error


def run_podium(package: Path) -> tuple[float, dict[str, str]]:
    start = time.perf_counter()
    result = subprocess.run([str(PODIUM), "package", "verify", str(package), "--json"],
                            capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    report = json.loads(result.stdout)
    verdicts = {s["path"].removeprefix("submissions/"): (s["got"] or "skipped")
                for s in report["submissions"]}
    return wall, verdicts


def run_problemtools(verifyproblem: str, package: Path) -> tuple[float, dict[str, str]]:
    start = time.perf_counter()
    result = subprocess.run([verifyproblem, "-l", "info", str(package)], capture_output=True,
                            text=True, check=False)
    wall = time.perf_counter() - start
    verdicts = {}
    for line in (result.stdout + result.stderr).splitlines():
        match = RESULT.match(line)
        if match:
            verdicts[match["path"]] = match["verdict"]
    for line in (result.stdout + result.stderr).splitlines():
        failed = re.match(r"ERROR Compile error for (\S+/\S+) ", line)
        if failed and failed[1] not in verdicts:
            verdicts[failed[1]] = "could not build"
    return wall, verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verifyproblem", required=True, help="problemtools' verifyproblem")
    parser.add_argument("packages", nargs="+", type=Path)
    args = parser.parse_args()
    total_podium = total_pt = 0.0
    for package in args.packages:
        pt_wall, pt = run_problemtools(args.verifyproblem, package)
        podium_wall, podium = run_podium(package)
        total_podium += podium_wall
        total_pt += pt_wall
        print(f"\n{package.name}: podium {podium_wall:.1f} s, problemtools {pt_wall:.1f} s, "
              f"ratio podium/problemtools {podium_wall / pt_wall:.2f}")
        same = 0
        for path in sorted(set(podium) | set(pt)):
            ours, theirs = podium.get(path, "-"), pt.get(path, "-")
            agree = ours == theirs or (ours, theirs) in SAME
            same += agree
            mark = "same" if agree else "differs"
            print(f"  {path:48} podium {ours:8} problemtools {theirs:16} {mark}")
        print(f"  {same} of {len(set(podium) | set(pt))} submissions judged alike")
    print(f"\nall packages: podium {total_podium:.1f} s, problemtools {total_pt:.1f} s, "
          f"ratio {total_podium / total_pt:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
