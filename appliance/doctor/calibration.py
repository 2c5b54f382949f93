"""The calibration of `podium doctor`: the same busy loop run N times on every judging slot,
sandboxed as a submission is judged and bare on the same CPU, per language; the spread
(coefficient of variation of the CPU time) of each, side by side.

A sandboxed spread well above the bare one means the sandbox adds noise; both high means the
machine does (see `findings`). Each slot has a pool of its own, pinned to the slot's CPU, so
a figure belongs to one slot; the slots run at once, as in a contest.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from judge.blobs import BlobStore
from judge.judging import Submission, TestCase, judge_submission
from judge.languages import Language
from judge.limits import Limits
from judge.pool import Pool, connect
from judge.sandbox import SandboxConfig
from judge.verdicts import Verdict

# A loop of a few tenths of a second whose result is used, so no compiler removes it.
LOOPS = {
    "c": b"#include <stdio.h>\nint main(void) {\n  unsigned long long x = 1;\n"
         b"  for (long i = 0; i < 150000000L; i++) x = x * 6364136223846793005ULL + 1442695040888963407ULL;\n"  # noqa: E501
         b"  puts(x == 42 ? \"odd\" : \"done\");\n  return 0;\n}\n",
    "python3": b"x = 1\nfor i in range(3000000):\n    x = (x * 31 + 7) % 1000003\n"
               b"print('odd' if x == 42 else 'done')\n",
}
ANSWER = b"done\n"
LIMITS = Limits(time=10.0)


def spread(times: Sequence[float]) -> float | None:
    """The coefficient of variation (population standard deviation over the mean); None
    for fewer than two times or a zero mean."""
    if len(times) < 2 or not statistics.fmean(times):
        return None
    return statistics.pstdev(times) / statistics.fmean(times)


@dataclass(frozen=True)
class SlotCalibration:
    """One language on one slot: the loop's CPU times sandboxed and bare."""

    language: str
    cpu: str
    sandboxed: tuple[float, ...] = ()
    bare: tuple[float, ...] = ()
    error: str = ""

    @property
    def sandboxed_spread(self) -> float | None:
        return spread(self.sandboxed)

    @property
    def bare_spread(self) -> float | None:
        return spread(self.bare)

    def to_json(self) -> dict:
        mean = (lambda t: round(statistics.fmean(t), 6) if t else None)  # noqa: E731
        return {"language": self.language, "cpu": self.cpu, "runs": len(self.sandboxed),
                "sandboxed_mean": mean(self.sandboxed), "bare_mean": mean(self.bare),
                "sandboxed_spread": self.sandboxed_spread, "bare_spread": self.bare_spread,
                "sandboxed": list(self.sandboxed), "bare": list(self.bare),
                "error": self.error or None}


@dataclass
class Calibration:
    """Every language on every slot."""

    runs: int
    slots: list[SlotCalibration] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"runs": self.runs, "slots": [s.to_json() for s in self.slots]}




@contextmanager
def slot_pools(config: SandboxConfig, blobs_dir: Path,
               cpus: Sequence[str]) -> Iterator[dict[str, Pool]]:
    """A started pool of one slot pinned to each CPU (on the local engine), all closed on
    the way out."""
    client = connect()
    with ExitStack() as stack:
        pools = {}
        for cpu in dict.fromkeys(cpus):
            pool = Pool(client, config, blobs_dir, size=1, cpus=[cpu])
            stack.callback(pool.close)
            pool.start()
            pools[cpu] = pool
        yield pools


def calibrate(pools: Mapping[str, Pool], blobs: BlobStore, languages: Mapping[str, Language],
              runs: int, work: Path) -> Calibration:
    """The loop `runs` times per slot (one pool per slot's CPU), per language of LOOPS that
    `languages` has: sandboxed, then bare, the slots at once each time."""
    inputs = work / "calibration"
    inputs.mkdir(parents=True, exist_ok=True)
    (inputs / "empty.in").write_bytes(b"")
    (inputs / "done.ans").write_bytes(ANSWER)
    tests = [TestCase(f"run{i + 1}", inputs / "empty.in", inputs / "done.ans")
             for i in range(runs)]
    found = Calibration(runs)
    for lang_id, source in LOOPS.items():
        language = languages.get(lang_id)
        if language is None:
            continue
        boxed = _each_slot(list(pools), lambda cpu, lang=language, text=source: _sandboxed(
            pools[cpu], blobs, lang, text, tests))
        env = {**next(iter(pools.values())).config.env, **language.env}  # the sandbox's
        bare = _bare_all(list(pools), language, source, runs, env)
        for cpu in pools:
            (times, error), (bare_times, bare_error) = boxed[cpu], bare[cpu]
            found.slots.append(SlotCalibration(lang_id, cpu, tuple(times), tuple(bare_times),
                                               "; ".join(e for e in (error, bare_error) if e)))
    return found


def _each_slot(cpus: list[str], fn: Callable[[str], tuple[list[float], str]]
               ) -> dict[str, tuple[list[float], str]]:
    """`fn` per CPU, all at once, each in a thread pinned to its CPU (so is what it starts)."""
    results: dict[str, tuple[list[float], str]] = {}

    def one(cpu: str) -> None:
        os.sched_setaffinity(0, {int(cpu)})  # this thread only; children inherit it
        try:
            results[cpu] = fn(cpu)
        except OSError as exc:
            results[cpu] = ([], str(exc))

    threads = [threading.Thread(target=one, args=(cpu,), name=f"calibrate-{cpu}")
               for cpu in cpus]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _sandboxed(pool: Pool, blobs: BlobStore, language: Language, source: bytes,
               tests: list[TestCase]) -> tuple[list[float], str]:
    """The loop judged once with every run a test: one CPU time per test."""
    judgement = judge_submission(pool, blobs, Submission(
        language=language, source=source, tests=tests, limits=LIMITS, stop_on_failure=False))
    if judgement.verdict is not Verdict.AC:
        why = judgement.error or judgement.compile_output[:200] or next(
            (f"{t.name}: {t.verdict.value}" for t in judgement.tests
             if t.verdict is not Verdict.AC), "")
        return [t.time for t in judgement.tests if t.verdict is Verdict.AC], \
            f"sandboxed: {judgement.verdict.value} {why}".strip()
    return [t.time for t in judgement.tests], ""


def _bare_all(cpus: list[str], language: Language, source: bytes, runs: int,
              env: dict[str, str]) -> dict[str, tuple[list[float], str]]:
    """The loop compiled once on the host, then run `runs` times per CPU, the CPUs at once,
    with the sandbox's environment (PATH finds the same toolchain)."""
    with tempfile.TemporaryDirectory(prefix="podium-calibration-") as folder:
        work = Path(folder)
        name, compile_argv, run_argv = language.commands(source.decode(), 256)
        (work / name).write_bytes(source)
        if compile_argv:
            done = subprocess.run(compile_argv, cwd=work, env=env, capture_output=True,
                                  timeout=120)
            if done.returncode:
                error = f"bare: does not compile: {done.stderr.decode(errors='replace')[:200]}"
                return {cpu: ([], error) for cpu in cpus}
        return _each_slot(cpus, lambda _cpu: _bare_runs(run_argv, work, env, runs))


def _bare_runs(argv: list[str], work: Path, env: dict[str, str],
               runs: int) -> tuple[list[float], str]:
    """The program run `runs` times on this thread's CPU; the CPU time of each (rusage)."""
    times = []
    for _ in range(runs):
        process = subprocess.Popen(argv, cwd=work, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            return times, f"bare: exit status {process.returncode}"
        times.append(usage.ru_utime + usage.ru_stime)
    return times, ""
