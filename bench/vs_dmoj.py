"""Podium beside DMOJ's judge on the same files and tests, interleaved in one run.

Run by hand on a machine with Docker, after `bench/setup_dmoj.sh` (DMOJ 4.1.0 from PyPI in
bench/.venv-dmoj): `.venv/bin/python bench/vs_dmoj.py [-n 7] [--tests 200]`.

The work: A+B in C, C++ with <iostream>, C++ with <bits/stdc++.h> and Python on the demo's
`sum` problem (12 tests), each source changed by a trailing newline every round so that
neither judge's compile cache answers. Podium's side is what the server does: stored, then
judged by a dispatcher on one warm slot, timed to the judgement's write (bench/latency.py's
code). DMOJ's side is its judge in one long-lived process (bench/dmoj_worker.py: a worker
forked per submission, its ptrace sandbox, its standard checker), timed from the hand-over
to the end of grading. The bare work (compile and 12 tests straight on the host) is measured
in the same rounds. Each round runs every language on both, with the same idle pause before
each judging. Then the cost per test of a trivial C program: Podium's by
bench/sandbox_overhead.py's method (a 2N-test run job less an N-test one), DMOJ's the same
way (a 2N-test problem less an N-test one), both against a bare fork/exec/wait.
Podium pins its slot to a CPU (the first this process may use); DMOJ and the bare work are
pinned to the same one, so that all three meet the same load (`--unpinned`: left free).
Run it on an idle machine: under cgroup v1 every container sits in Docker's one cgroup
(weight 1024), which competes for the CPU as a single process does against each busy
process outside it, so another program's load stretches the sandboxed compile's wall time
far more than DMOJ's or the bare one (`--raw` shows it, step by step).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.latency import (  # noqa: E402
    CASES,
    PACKAGE,
    Steps,
    bare,
    instrument,
    judging_server,
    submit,
    wait_judged,
)
from bench.sandbox_overhead import TRIVIAL, bare_per_run, sandboxed_rounds  # noqa: E402
from judge.blobs import BlobStore  # noqa: E402
from judge.languages import load_languages  # noqa: E402
from judge.pool import open_pool  # noqa: E402
from judge.sandbox import SandboxConfig  # noqa: E402

DMOJ_PYTHON = BENCH / ".venv-dmoj" / "bin" / "python"
DMOJ_LANGUAGE = {"c": "C11", "cpp": "CPP20", "python3": "PY3"}
TIME_LIMIT, MEMORY_KB = 1.0, 256 * 1024  # the sum package's limits
PER_TEST_LIMIT = 5.0  # bench/sandbox_overhead.py's


class Dmoj:
    """bench/dmoj_worker.py in DMOJ's venv: one submission at a time over a pipe."""

    def __init__(self, problems: Path, scratch: Path, cpu: int | None) -> None:
        self.surprises: list[str] = []  # tests not AC: kept, named at the end
        if not DMOJ_PYTHON.exists():
            raise SystemExit(f"vs_dmoj: {DMOJ_PYTHON} missing: run bench/setup_dmoj.sh first")
        self.process = subprocess.Popen(
            [str(DMOJ_PYTHON), str(BENCH / "dmoj_worker.py"), str(problems), str(scratch),
             *([] if cpu is None else [str(cpu)])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        hello = json.loads(self.process.stdout.readline() or '{"error": "no answer"}')
        if not hello.get("ready"):
            raise SystemExit(f"vs_dmoj: DMOJ's judge did not start: {hello.get('error')}")

    def judge(self, problem: str, language: str, source: bytes,
              time_limit: float = TIME_LIMIT) -> float:
        """Seconds DMOJ took to judge; a compile or internal error ends the bench, a test
        not AC (a flake under load) is noted."""
        job = {"problem": problem, "language": language, "source": source.decode(),
               "time": time_limit, "memory_kb": MEMORY_KB}
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if answer["error"]:
            raise SystemExit(f"vs_dmoj: DMOJ judged {problem} in {language}: {answer['error']}")
        wrong = collections.Counter(v for v in answer["verdicts"] if v != "AC")
        if wrong:
            self.surprises.append(f"DMOJ, {problem} in {language}: " + ", ".join(
                f"{v} on {n} of {len(answer['verdicts'])} tests" for v, n in wrong.items()))
        return answer["seconds"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def dmoj_problem(folder: Path, tests: list[tuple[bytes, bytes]]) -> None:
    """A DMOJ problem folder: init.yml listing each test's files, a point each."""
    folder.mkdir(parents=True)
    lines = ["test_cases:"]
    for i, (given, answer) in enumerate(tests, 1):
        (folder / f"{i}.in").write_bytes(given)
        (folder / f"{i}.out").write_bytes(answer)
        lines.append(f"- {{in: {i}.in, out: {i}.out, points: 1}}")
    (folder / "init.yml").write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=7, help="rounds (submissions per language)")
    parser.add_argument("--tests", type=int, default=200, help="N for the per-test cost")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the per-test cost")
    parser.add_argument("--idle", type=float, default=1.0,
                        help="seconds idle before each judging (Podium's next sandbox warm)")
    parser.add_argument("--raw", action="store_true", help="print every time measured")
    parser.add_argument("--unpinned", action="store_true",
                        help="leave DMOJ and the bare work on every CPU")
    args = parser.parse_args()
    languages = load_languages()
    tests = sorted((p, p.with_suffix(".ans")) for p in (PACKAGE / "data").rglob("*.in"))
    load_before = os.getloadavg()
    times: dict[str, dict[str, list[float]]] = {label: {"podium": [], "dmoj": [], "bare": []}
                                                for label, *_ in CASES}
    steps, slowest = Steps(), {}  # Podium's slowest judging per language, step by step
    instrument(steps)
    with tempfile.TemporaryDirectory(prefix="vs-dmoj-") as tmp:
        work = Path(tmp)
        problems, scratch = work / "dmoj-problems", work / "dmoj-scratch"
        scratch.mkdir()
        dmoj_problem(problems / "sum", [(i.read_bytes(), a.read_bytes()) for i, a in tests])
        trivial = [(b"", b"0\n")] * args.tests
        dmoj_problem(problems / "trivial1", trivial)
        dmoj_problem(problems / "trivial2", trivial * 2)
        allowed = os.sched_getaffinity(0)
        cpu = None if args.unpinned else min(allowed)  # the pool's one slot is pinned to it
        dmoj = Dmoj(problems, scratch, cpu)
        try:
            with judging_server(work / "data", 1) as store:
                wait_judged(store, submit(store, "c", "sum.c", CASES[0][3], 0))  # validator
                for i in range(args.n):
                    for k, (label, lang, name, source) in enumerate(CASES):
                        folder = work / f"bare-{k}-{i}"
                        folder.mkdir()
                        os.sched_setaffinity(0, allowed if cpu is None else {cpu})  # this thread
                        times[label]["bare"].append(bare(languages[lang], source, tests, folder))
                        os.sched_setaffinity(0, allowed)
                        time.sleep(args.idle)
                        steps.take()
                        start = time.perf_counter()
                        verdict = wait_judged(store, submit(store, lang, name, source, i + 1))
                        times[label]["podium"].append(time.perf_counter() - start)
                        if times[label]["podium"][-1] >= max(times[label]["podium"]):
                            slowest[label] = (times[label]["podium"][-1], steps.take())
                        if verdict != "AC":
                            dmoj.surprises.append(f"Podium, {label}: {verdict}")
                        time.sleep(args.idle)
                        times[label]["dmoj"].append(dmoj.judge(
                            "sum", DMOJ_LANGUAGE[lang], source + b"\n" * (i + 1)))
            per_test = per_test_costs(dmoj, work, args.tests, args.rounds,
                                      allowed if cpu is None else {cpu})
        finally:
            dmoj.close()
            surprises = dmoj.surprises
    load_after = os.getloadavg()
    where = "DMOJ and bare unpinned" if cpu is None else f"all three on CPU {cpu}"
    print(f"Podium beside DMOJ 4.1.0, {args.n} interleaved rounds, {where}, p50 "
          f"(load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
          f"{os.cpu_count()} CPUs)")
    print(f"{'work (12 tests)':<22} {'Podium p50':>10} {'DMOJ p50':>9} {'bare p50':>9} "
          f"{'Podium/DMOJ':>12} {'Podium-bare':>12} {'DMOJ-bare':>10}   best of each: "
          f"{'Podium':>7} {'DMOJ':>7} {'ratio':>6}")
    for label, spent in times.items():
        ours, theirs, work_s = (statistics.median(spent[k]) for k in ("podium", "dmoj", "bare"))
        best_ours, best_theirs = min(spent["podium"]), min(spent["dmoj"])
        print(f"{label:<22} {ours:>9.3f}s {theirs:>8.3f}s {work_s:>8.3f}s "
              f"{ours / theirs:>11.2f}x {ours - work_s:>+11.3f}s {theirs - work_s:>+9.3f}s   "
              f"{'':>13} {best_ours:>6.3f}s {best_theirs:>6.3f}s {best_ours / best_theirs:>5.2f}x")
    if args.raw:
        for label, spent in times.items():
            for side, seconds in spent.items():
                print(f"  {label:<20} {side:<7}", " ".join(f"{t:.3f}" for t in seconds))
        for label, (seconds, spent) in slowest.items():
            print(f"  Podium's slowest {label}, {seconds:.3f} s:", ", ".join(
                f"{step} {t:.3f}" for step, t in sorted(spent.items(), key=lambda x: -x[1])))
    bare_ms, ours_ms, theirs_ms = (x * 1000 for x in per_test)
    print(f"\nper test, trivial C ({args.tests} vs {2 * args.tests} tests, {args.rounds} "
          f"rounds, medians): bare "
          f"{bare_ms:.3f} ms, Podium {ours_ms:.3f} ms (+{ours_ms - bare_ms:.3f}), DMOJ "
          f"{theirs_ms:.3f} ms (+{theirs_ms - bare_ms:.3f}); Podium/DMOJ "
          f"{ours_ms / theirs_ms:.2f}x, over bare "
          f"{(ours_ms - bare_ms) / (theirs_ms - bare_ms):.2f}x")
    for surprise in surprises:
        print("not AC:", surprise)
    return 0


def per_test_costs(dmoj: Dmoj, work: Path, n: int, rounds: int,
                   bare_cpus: set[int]) -> tuple[float, float, float]:
    """Seconds per test of the trivial C program: bare, Podium, DMOJ, each the difference
    of the medians of its 2n-test and n-test jobs (bench/sandbox_overhead.py's rounds, a
    bare round and DMOJ's pair before each of Podium's)."""
    (work / "trivial.c").write_bytes(TRIVIAL)
    binary = work / "trivial"
    subprocess.run(["gcc", "-O2", "-o", str(binary), str(work / "trivial.c")], check=True)
    blobs = BlobStore(work / "per-test-blobs")
    bares, ones, twos = [], [], []

    def others() -> None:
        allowed = os.sched_getaffinity(0)
        os.sched_setaffinity(0, bare_cpus)
        bares.append(bare_per_run(binary, n, work / "out")[0])
        os.sched_setaffinity(0, allowed)
        source = TRIVIAL + b"\n" * (len(ones) + 1)  # DMOJ compiles each; the difference cancels
        ones.append(dmoj.judge("trivial1", "C11", source, PER_TEST_LIMIT))
        twos.append(dmoj.judge("trivial2", "C11", source, PER_TEST_LIMIT))

    with open_pool(SandboxConfig(), blobs.root, size=1) as pool:
        singles, doubles, _, _ = sandboxed_rounds(pool, blobs, n, rounds, others)
    median = statistics.median
    return (median(bares), (median(doubles) - median(singles)) / n,
            (median(twos) - median(ones)) / n)


if __name__ == "__main__":
    sys.exit(main())
