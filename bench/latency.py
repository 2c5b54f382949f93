"""Submit -> verdict latency per language against the bare work, and where the rest goes.

Run by hand on a machine with Docker: `.venv/bin/python bench/latency.py [-n 9]`.
It sets up a contest of the demo's `sum` problem (12 tests) in a fresh data folder, runs a
dispatcher on one warm slot in this process, stores A+B submissions one at a time on an idle
server (C, C++
with <iostream>, C++ with <bits/stdc++.h>, Python) and times each from the moment it is
stored to the moment its judgement is written. Beside it, in the same run, the bare work:
the same compile argv and the 12 tests run straight on the host. Each step of a judging
(claim, the sandbox lent, each runner call, the memory update, the result's write) is timed
by wrapping those calls, so the table says where the time beyond the work goes. Then the
saturated throughput: the bits/stdc++.h A+B submitted in a burst on every slot.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appliance.config import Config  # noqa: E402
from appliance.contest.setup import import_contest, quick_contest  # noqa: E402
from appliance.judging.dispatcher import Dispatcher  # noqa: E402
from appliance.judging.queue import JudgeQueue  # noqa: E402
from appliance.store import Store  # noqa: E402
from judge import judging  # noqa: E402
from judge import pool as pool_module  # noqa: E402
from judge.languages import load_languages  # noqa: E402
from judge.pool import open_pool  # noqa: E402
from judge.sandbox import SandboxConfig  # noqa: E402

PACKAGE = Path(__file__).resolve().parent.parent / "problem_packs" / "sum"
BITS = b"#include <bits/stdc++.h>\nint main() { long long a, b; std::cin >> a >> b;\n" \
       b"  std::cout << a + b << '\\n'; }\n"
IOSTREAM = b"#include <iostream>\nint main() { long long a, b; std::cin >> a >> b;\n" \
           b"  std::cout << a + b << '\\n'; }\n"
C = b'#include <stdio.h>\nint main(void) { long long a, b;\n' \
    b'  if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\\n", a + b); }\n'
PYTHON = b"a, b = map(int, input().split())\nprint(a + b)\n"
BACKGROUND = " (background)"  # a step's calls made off the submission's path
CASES = [("C", "c", "sum.c", C), ("C++ <iostream>", "cpp", "sum.cpp", IOSTREAM),
         ("C++ bits/stdc++.h", "cpp", "sum.cpp", BITS), ("Python", "python3", "sum.py", PYTHON)]


class Steps:
    """Time spent in each wrapped call, per submission (thread-safe)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.current: dict[str, float] = collections.defaultdict(float)
        self.runner: dict[str, float] = collections.defaultdict(float)

    def add(self, name: str, seconds: float) -> None:
        with self.lock:
            self.current[name] += seconds

    def take(self) -> dict[str, float]:
        with self.lock:
            taken, self.current = dict(self.current), collections.defaultdict(float)
            return taken

    def wrap(self, owner, attr: str, name: str) -> None:
        """Time every call of owner.attr under `name` (a context manager is timed while
        it is entered only: its body is the caller's); a call made by the pool's own
        threads (a sandbox's reset, after the verdict) is counted apart, off the path."""
        original = getattr(owner, attr)
        steps = self

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                off_path = threading.current_thread().name.startswith("pool")
                steps.add(name + (BACKGROUND if off_path else ""),
                          time.perf_counter() - start)

        setattr(owner, attr, timed)


def instrument(steps: Steps) -> None:
    """Wrap the calls of a judging that are not the submission's own work."""
    steps.wrap(JudgeQueue, "claim", "claim (SQLite)")
    steps.wrap(JudgeQueue, "complete", "result's write (SQLite)")
    steps.wrap(pool_module.Pool, "_take", "sandbox lent")
    steps.wrap(pool_module.Sandbox, "set_memory", "memory-limit update")
    original_run = pool_module.Sandbox.run

    def run(self, job, timeout):
        start = time.perf_counter()
        result = original_run(self, job, timeout)
        spent = time.perf_counter() - start
        if job["phase"] == "reset":  # the sandbox made as new for the next, after the verdict
            steps.add("reset call" + BACKGROUND, spent)
        elif job["phase"] == "compile":
            steps.add("compile call (runner + Docker)", spent - result.get("wall_time", 0.0))
            steps.add("compiler (wall, in the sandbox)", result.get("wall_time", 0.0))
        else:
            work = sum(t["wall_time"] for t in result.get("tests", ()))
            steps.add("run call (runner + Docker)", spent - work)
            steps.add("tests (wall, in the sandbox)", work)
        return result

    pool_module.Sandbox.run = run
    steps.wrap(judging, "_test_job", "test blobs stored")


def bare(language, source: bytes, tests: list[tuple[Path, Path]], folder: Path) -> float:
    """Seconds of the compile (same argv, same environment, so the same /usr/bin tools as
    the sandbox's, never a shim on the caller's PATH) and every test run on the host."""
    name, compile_argv, run_argv = language.commands(source.decode(), 256, [])
    env = {**SandboxConfig().env, "HOME": str(folder), "TMPDIR": str(folder), **language.env}
    start = time.perf_counter()
    (folder / name).write_bytes(source)
    if compile_argv:
        subprocess.run(compile_argv, cwd=folder, check=True, capture_output=True, env=env)
    for test_in, _ in tests:
        with open(test_in, "rb") as stdin:
            subprocess.run(run_argv, cwd=folder, stdin=stdin, check=True,
                           capture_output=True, env=env)
    return time.perf_counter() - start


def wait_judged(store: Store, sid: int, timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = store.query("SELECT verdict FROM judgements WHERE submission_id = ? "
                           "AND is_current = 1", [sid])
        if rows:
            return rows[0]["verdict"]
        time.sleep(0.002)
    raise RuntimeError(f"submission {sid} was not judged within {timeout} s")


def submit(store: Store, language: str, name: str, source: bytes, n: int) -> int:
    return store.submit(contest_id="latency", team_id="team001", problem_id="sum",
                        language_id=language, source=source + b"\n" * n, file_name=name,
                        time="2026-11-23T12:00:00+00:00", contest_time=60.0)


@contextmanager
def judging_server(data: Path, slots: int):
    """A store with the contest and a dispatcher judging on `slots` warm sandboxes."""
    config = Config.build(data_dir=data, pool_size=slots)
    store = Store.open(data)
    import_contest(store, quick_contest("Latency", [PACKAGE], 1), config.library_dir)
    stop = threading.Event()
    with open_pool(config.sandbox, config.blobs_dir, slots) as pool:
        dispatcher = Dispatcher(store, pool, config.library_dir, load_languages(), "bench")
        thread = threading.Thread(target=dispatcher.run, args=(stop,))
        thread.start()
        try:
            yield store
        finally:
            stop.set()
            thread.join()
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=9, help="submissions per language")
    parser.add_argument("--idle", type=float, default=1.0,
                        help="seconds idle before each submission")
    parser.add_argument("--burst", type=int, default=12, help="submissions in the burst")
    args = parser.parse_args()
    languages = load_languages()
    tests = sorted((p, p.with_suffix(".ans")) for p in (PACKAGE / "data").rglob("*.in"))
    steps = Steps()
    instrument(steps)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        with judging_server(Path(tmp) / "data", 1) as store:
            wait_judged(store, submit(store, "c", "sum.c", C, 0))  # the validator's build
            steps.take()
            for label, lang, name, source in CASES:
                bares, verdicts, spent = [], [], []
                per_step: dict[str, list[float]] = collections.defaultdict(list)
                for i in range(args.n):
                    folder = Path(tmp) / f"bare-{len(rows)}-{i}"
                    folder.mkdir()
                    bares.append(bare(languages[lang], source, tests, folder))
                    time.sleep(args.idle)  # an idle server: the slot's next sandbox is warm
                    start = time.perf_counter()
                    sid = submit(store, lang, name, source, i + 1)  # a new source each time
                    verdict = wait_judged(store, sid)
                    spent.append(time.perf_counter() - start)
                    verdicts.append(verdict)
                    for step, seconds in steps.take().items():
                        per_step[step].append(seconds)
                assert set(verdicts) == {"AC"}, (label, verdicts)
                rows.append((label, statistics.median(spent), statistics.median(bares),
                             {k: statistics.median(v) for k, v in per_step.items()}))
        with judging_server(Path(tmp) / "burst", len(os.sched_getaffinity(0))) \
                as store:
            wait_judged(store, submit(store, "c", "sum.c", C, 0))
            start = time.perf_counter()
            ids = [submit(store, "cpp", "sum.cpp", BITS, i + 1) for i in range(args.burst)]
            for sid in ids:
                wait_judged(store, sid, timeout=600)
            throughput = args.burst / (time.perf_counter() - start)
    print(f"{'work (12 tests)':<22} {'verdict p50':>11} {'bare':>8} {'the rest':>9} "
          f"{'ratio':>6}")
    for label, p50, bare_p50, _ in rows:
        print(f"{label:<22} {p50:>10.3f}s {bare_p50:>7.3f}s {p50 - bare_p50:>+8.3f}s "
              f"{p50 / bare_p50:>6.2f}")
    print("\nwhere a judging's time goes (p50 per submission, seconds):")
    names = sorted({k for *_, s in rows for k in s})
    print(f"{'step':<34}" + "".join(f"{label[:14]:>15}" for label, *_ in rows))
    for step in names:
        print(f"{step:<34}" + "".join(f"{s.get(step, 0.0):>15.4f}" for *_, s in rows))
    other = [p50 - sum(v for k, v in s.items() if not k.endswith(BACKGROUND))
             for _, p50, _, s in rows]
    print(f"{'the rest (wake-up, waits, Python)':<34}" + "".join(f"{o:>15.4f}" for o in other))
    print(f"\nsaturated throughput, bits/stdc++.h A+B on every slot: {throughput:.2f} "
          "submissions/s")


if __name__ == "__main__":
    main()
