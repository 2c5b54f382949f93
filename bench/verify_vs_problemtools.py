"""`podium package verify` beside problemtools' `verifyproblem` on the same packages.

Run by hand: `.venv/bin/python bench/verify_vs_problemtools.py [--verifyproblem PATH] PKG...`
(problemtools in its own venv, by default bench/.venv-problemtools: `python3 -m venv
bench/.venv-problemtools && bench/.venv-problemtools/bin/pip install problemtools`). For
each package it runs problemtools once and Podium twice, in the same run and in a data
folder of this run's own: the first time with empty compile and result caches, the second
with what the first left (a package verified again: unchanged judgings are not run again).
It prints their wall times, both ratios podium/problemtools, and each submission's verdict
from both: the same verdict, a different one, or one tool that could not run it (a language
it lacks, a toolchain it cannot find).
problemtools runs submissions bare on the host; Podium runs each in a sandbox. So that both
do the same work, problemtools gets a languages.yaml of this run's own (its documented
XDG_CONFIG_HOME override) that builds Java with the host's javac (its default asks for
`-source 21`, which an older javac refuses) and Go with the host's `go` (its default is
gccgo): without it, problemtools skips those submissions as "could not build".
`--as-shipped` runs it with its own configuration instead. A package
whose submission sleeps (problemtools limits CPU time only, so it waits for ever) is cut
after --timeout seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PODIUM = Path(sys.executable).parent / "podium"  # the venv running this bench
VERIFYPROBLEM = Path(__file__).resolve().parent / ".venv-problemtools/bin/verifyproblem"
# "   accepted/hello.cc (C++) OK: AC [CPU: 0.00s @ testcase secret/hello]", and a verdict
# its folder does not expect: "ERROR accepted/a.py (Python 3 (w/PyPy3)) got WA [CPU: ...]"
RESULT = re.compile(r"^(?:\s+|ERROR )(?P<path>\S+/\S+) \((?P<lang>.*)\) (?:OK: |got )"
                    r"(?P<verdict>[A-Z]{2,3})\b")
SAME = {("MLE", "RTE")}
# problemtools' languages.yaml, merged key by key over its own: the host's toolchains
HOST_LANGUAGES = """\
java:
    compile: 'javac -encoding UTF-8 -sourcepath {path} -d {path} {files}'
go:
    compile: 'go build -o {binary} {files}'
"""  # problemtools calls running out of memory a run-time error


def run_podium(package: Path, data: Path) -> tuple[float, dict[str, str]]:
    start = time.perf_counter()
    result = subprocess.run([str(PODIUM), "package", "verify", str(package), "--json"],
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "PODIUM_DATA": str(data)})
    wall = time.perf_counter() - start
    report = json.loads(result.stdout)
    verdicts = {s["path"].removeprefix("submissions/"): (s["got"] or "skipped")
                for s in report["submissions"]}
    return wall, verdicts


def run_problemtools(verifyproblem: str, package: Path, timeout: float,
                     config: Path | None) -> tuple[float, dict[str, str]]:
    env = {**os.environ, **({"XDG_CONFIG_HOME": str(config)} if config else {})}
    start = time.perf_counter()
    try:
        result = subprocess.run([verifyproblem, "-l", "info", str(package)],
                                capture_output=True, text=True, check=False, timeout=timeout,
                                env=env)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"verify_vs_problemtools: problemtools did not finish {package} "
                         f"within {timeout:g} s (a sleeping submission?)") from None
    wall = time.perf_counter() - start
    return wall, problemtools_verdicts(result.stdout + result.stderr)


def problemtools_verdicts(output: str) -> dict[str, str]:
    """Each submission's verdict from verifyproblem's log, or "could not build"."""
    verdicts = {}
    for line in output.splitlines():
        match = RESULT.match(line)
        if match:
            verdicts[match["path"]] = match["verdict"]
    for line in output.splitlines():
        failed = re.match(r"ERROR Compile error for (\S+/\S+) ", line)
        if failed and failed[1] not in verdicts:
            verdicts[failed[1]] = "could not build"
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verifyproblem", default=str(VERIFYPROBLEM),
                        help="problemtools' verifyproblem (default: bench/.venv-problemtools')")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds problemtools may take on one package")
    parser.add_argument("--as-shipped", action="store_true",
                        help="problemtools with its own languages.yaml (no host toolchains)")
    parser.add_argument("packages", nargs="+", type=Path)
    args = parser.parse_args()
    load_before = os.getloadavg()
    totals = {"first": 0.0, "again": 0.0, "problemtools": 0.0}
    with tempfile.TemporaryDirectory(prefix="verify-vs-problemtools-") as scratch:
        data, config = Path(scratch, "data"), Path(scratch, "config")
        (config / "problemtools").mkdir(parents=True)
        (config / "problemtools/languages.yaml").write_text(HOST_LANGUAGES)
        for package in args.packages:
            pt_wall, pt = run_problemtools(args.verifyproblem, package, args.timeout,
                                           None if args.as_shipped else config)
            first_wall, podium = run_podium(package, data)
            again_wall, again = run_podium(package, data)
            totals["first"] += first_wall
            totals["again"] += again_wall
            totals["problemtools"] += pt_wall
            print(f"\n{package.name}: problemtools {pt_wall:.1f} s, podium {first_wall:.1f} s "
                  f"(ratio {first_wall / pt_wall:.2f}), again {again_wall:.1f} s "
                  f"(ratio {again_wall / pt_wall:.2f})")
            same = 0
            for path in sorted(set(podium) | set(pt)):
                ours, theirs = podium.get(path, "-"), pt.get(path, "-")
                agree = ours == theirs or (ours, theirs) in SAME
                same += agree
                mark = "same" if agree else "differs"
                if again.get(path, "-") != ours:
                    mark += f", podium's second run: {again.get(path, '-')}"
                print(f"  {path:48} podium {ours:8} problemtools {theirs:16} {mark}")
            print(f"  {same} of {len(set(podium) | set(pt))} submissions judged alike")
    load_after = os.getloadavg()
    print(f"\nall packages (load average {load_before[0]:.2f} before, {load_after[0]:.2f} "
          f"after): problemtools {totals['problemtools']:.1f} s, podium first run "
          f"{totals['first']:.1f} s (ratio {totals['first'] / totals['problemtools']:.2f}), "
          f"second run {totals['again']:.1f} s "
          f"(ratio {totals['again'] / totals['problemtools']:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
