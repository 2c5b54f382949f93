"""Per-test cost of the sandbox against a bare fork/exec, and the stability of CPU timings.

Run by hand on a machine with Docker:
`.venv/bin/python bench/sandbox_overhead.py [-n 200] [--rounds 5]`.
It compiles one trivial C program and runs it N times bare (fork/exec/wait from a fresh
python3, as a judge without a sandbox would) and as N tests of one sandboxed submission (runner,
launcher, limits, output check). The sandbox's per-test cost is the difference between a
2N-test and an N-test run of the same container, so start-up and compilation cancel out.
Bare and sandboxed rounds alternate, so a machine whose load changes meanwhile weighs on
both; the best and the median of each kind of round are compared (the load average is
printed).
Then it runs a fixed busy loop as 20 tests and prints the coefficient of variation of the
CPU times the judge measured. Targets: <= 1 ms extra per test, CV <= 2 %.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judge.blobs import BlobStore  # noqa: E402
from judge.judging import EXEC_SLACK, base_job, compile_job_for  # noqa: E402
from judge.languages import load_languages  # noqa: E402
from judge.limits import Limits, MiB  # noqa: E402
from judge.pool import open_pool  # noqa: E402
from judge.sandbox import SandboxConfig, run_memory  # noqa: E402
from judge.validators.default import Flags, flags_to_args  # noqa: E402

TRIVIAL = b'#include <stdio.h>\nint main(void) { puts("0"); return 0; }\n'
BUSY = (b'#include <stdio.h>\nint main(void) { volatile unsigned long x = 0;\n'
        b'  for (unsigned long i = 0; i < 300000000UL; i++) x += i;\n'
        b'  printf("%lu\\n", x > 0 ? 0UL : 1UL); return 0; }\n')


BARE_LOOP = """
import os, sys, time
binary, n = sys.argv[1], int(sys.argv[2])
devnull = os.open(os.devnull, os.O_RDONLY)
out = os.open(sys.argv[3], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
def cpu():
    return sum(os.times()[:4])
start, start_cpu = time.perf_counter(), cpu()
for _ in range(n):
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 0)
        os.dup2(out, 1)
        os.execv(binary, [binary])
    os.wait4(pid, 0)
print((time.perf_counter() - start) / n, (cpu() - start_cpu) / n)
"""


BARE_CPU = """
import os, resource, sys
binary, n = sys.argv[1], int(sys.argv[2])
devnull = os.open(os.devnull, os.O_RDWR)
for _ in range(n):
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        os.execv(binary, [binary])
    _, _, usage = os.wait4(pid, 0)
    print(usage.ru_utime + usage.ru_stime)
"""


def bare_cpu_times(binary: Path, n: int) -> list[float]:
    """CPU seconds of n bare runs of the binary: the machine's own timing noise."""
    result = subprocess.run(["/usr/bin/python3", "-S", "-c", BARE_CPU, str(binary), str(n)],
                            check=True, capture_output=True, text=True)
    return [float(line) for line in result.stdout.split()]


def bare_per_run(binary: Path, n: int, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the loop's and its children's) per fork/exec/wait of the
    binary, one round of n.

    The loop runs in a fresh `python3 -S`, the same interpreter and size as the runner in the
    sandbox, since the cost of fork grows with the forking process's memory.
    """
    result = subprocess.run(["/usr/bin/python3", "-S", "-c", BARE_LOOP, str(binary), str(n),
                             str(out)], check=True, capture_output=True, text=True)
    wall, cpu = result.stdout.split()
    return float(wall), float(cpu)


def container_cpu(container_id: str) -> float | None:
    """CPU seconds a container's processes have used (the runner and every test), from the
    host's cgroup (v1 cpuacct, or v2 cpu.stat); None when neither is there. Unlike wall
    time, hardly moved by what else the machine runs."""
    for path in (f"/sys/fs/cgroup/cpuacct/docker/{container_id}/cpuacct.usage",
                 f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/cpu.stat"):
        try:
            text = Path(path).read_text()
        except OSError:
            continue
        if path.endswith("cpuacct.usage"):
            return int(text) / 1e9
        return int(dict(line.split() for line in text.splitlines())["usage_usec"]) / 1e6
    return None


def run_tests(box, base: dict, run_argv: list[str], test: dict, count: int,
              limits: Limits) -> tuple[float, list[dict], float | None]:
    """Wall seconds of one run job of `count` identical tests, its per-test report, and the
    CPU seconds the container used meanwhile (None: unknown)."""
    job = {**base, "phase": "run", "command": run_argv, "tests": [test] * count,
           "validator_flags": flags_to_args(Flags()), "stop_on_failure": True,
           "limits": {"time": limits.time, "wall": limits.wall, "output": limits.output,
                      "memory": limits.memory}}
    cpu_before = container_cpu(box.container.id)
    start = time.perf_counter()
    report = box.run(job, timeout=limits.wall * count + EXEC_SLACK)
    wall = time.perf_counter() - start
    cpu_after = container_cpu(box.container.id)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return wall, report["tests"], cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="tests per round (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each (default 5)")
    args = parser.parse_args()
    n = args.n
    load_before = os.getloadavg()
    c = load_languages()["c"]
    limits = Limits(time=5.0, memory=256 * MiB)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "trivial.c").write_bytes(TRIVIAL)
        binary = tmpdir / "trivial"
        subprocess.run(["gcc", "-O2", "-o", str(binary), str(tmpdir / "trivial.c")], check=True)
        (tmpdir / "busy.c").write_bytes(BUSY)
        subprocess.run(["gcc", "-O2", "-o", str(tmpdir / "busy"), str(tmpdir / "busy.c")],
                       check=True)
        bare_busy = bare_cpu_times(tmpdir / "busy", 20)

        blobs = BlobStore(tmpdir / "data" / "blobs")
        empty, zero = blobs.put_bytes(b""), blobs.put_bytes(b"0\n")
        test = {"name": "t", "input": empty, "answer": zero}
        with open_pool(SandboxConfig(), blobs.root, size=1) as pool:
            base = base_job(pool, c)
            name, compile_argv, run_argv = c.commands(TRIVIAL.decode(), limits.memory // MiB)
            with pool.acquire() as box:
                compiled = box.run(compile_job_for(base, {name: blobs.put_bytes(TRIVIAL)},
                                                   compile_argv, limits),
                                   timeout=limits.compile_wall + EXEC_SLACK)
                assert compiled["ok"], compiled["output"]
                box.set_memory(run_memory(pool.config, limits.memory, compiled["retained"]))
                singles, doubles, bares, cpus = [], [], [], []
                for _ in range(args.rounds):
                    bares.append(bare_per_run(binary, n, tmpdir / "out"))
                    t1, report1, cpu1 = run_tests(box, base, run_argv, test, n, limits)
                    t2, _, cpu2 = run_tests(box, base, run_argv, test, 2 * n, limits)
                    singles.append(t1)
                    doubles.append(t2)
                    if cpu1 is not None and cpu2 is not None:
                        cpus.append((cpu2 - cpu1) / n)
                assert all(r["verdict"] == "AC" for r in report1)
                exec_median = statistics.median(r["wall_time"] for r in report1)

            with pool.acquire() as box:
                name, compile_argv, run_argv = c.commands(BUSY.decode(), limits.memory // MiB)
                compiled = box.run(compile_job_for(base, {name: blobs.put_bytes(BUSY)},
                                                   compile_argv, limits),
                                   timeout=limits.compile_wall + EXEC_SLACK)
                assert compiled["ok"], compiled["output"]
                box.set_memory(run_memory(pool.config, limits.memory, compiled["retained"]))
                _, busy, _ = run_tests(box, base, run_argv, test, 20, limits)
    times = [r["time"] for r in busy]
    walls = [r["wall_time"] for r in busy]
    cv = statistics.stdev(times) / statistics.mean(times)
    wall_cv = statistics.stdev(walls) / statistics.mean(walls)
    load_after = os.getloadavg()
    print(f"load average {load_before[0]:.2f} at start, {load_after[0]:.2f} at end "
          f"(1 min; {os.cpu_count()} CPUs)")
    for name, pick in (("best", min), ("median", statistics.median)):
        # each job's size picked apart: a burst of load in one round spoils one figure,
        # not the difference of two
        bare, sandboxed = pick(b[0] for b in bares), (pick(doubles) - pick(singles)) / n
        print(f"{name:6} bare fork/exec/wait        {bare * 1000:8.3f} ms per run   "
              f"sandboxed test {sandboxed * 1000:8.3f} ms   overhead "
              f"{(sandboxed - bare) * 1000:+7.3f} ms   ratio {sandboxed / bare:5.2f}   "
              f"target <= +1 ms")
    if cpus:
        bare_cpu, sandboxed_cpu = statistics.median(b[1] for b in bares), statistics.median(cpus)
        print(f"CPU    bare fork/exec/wait        {bare_cpu * 1000:8.3f} ms per run   "
              f"sandboxed test {sandboxed_cpu * 1000:8.3f} ms   overhead "
              f"{(sandboxed_cpu - bare_cpu) * 1000:+7.3f} ms   ratio "
              f"{sandboxed_cpu / bare_cpu:5.2f}   (medians; the container's cgroup)")
    print(f"  (rounds of {n} bare runs and ({2 * n} - {n}) sandboxed tests, "
          f"{args.rounds} of each, alternating)")
    print(f"  of the sandboxed test, start to reap {exec_median * 1000:8.3f} ms "
          "(runner's own clock, median)")
    bare_cv = statistics.stdev(bare_busy) / statistics.mean(bare_busy)
    print(f"busy loop CPU time, sandboxed mean {statistics.mean(times):.4f} s  "
          f"CV {cv * 100:.2f} %   target <= 2 %   (wall CV {wall_cv * 100:.2f} %, 20 runs)")
    print(f"busy loop CPU time, bare      mean {statistics.mean(bare_busy):.4f} s  "
          f"CV {bare_cv * 100:.2f} %   (the machine's own noise, 20 runs)   "
          f"CV ratio sandboxed/bare {cv / bare_cv:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
