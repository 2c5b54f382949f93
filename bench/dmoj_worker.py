"""DMOJ's judge in one long-lived process, for bench/vs_dmoj.py; run by bench/.venv-dmoj's
python, never Podium's (it imports `dmoj`, which Podium does not depend on).

Usage: `bench/.venv-dmoj/bin/python bench/dmoj_worker.py PROBLEMS_DIR SCRATCH_DIR [CPU]`.
PROBLEMS_DIR holds DMOJ problem folders (each an init.yml and its files); CPU pins the judge,
its compiles and its runs to one CPU (as Podium pins a slot). Then one JSON object a line
on stdin, `{"problem": ID, "language": "C11"|"CPP20"|"PY3", "source": TEXT, "time": 1.0,
"memory_kb": 262144}`, is judged as DMOJ's judge does on a submission from its site (its
Judge class: a worker process forked per submission, the compile and every test under its
ptrace sandbox, the standard checker), and answered with one JSON line: `{"seconds": wall
from hand-over to the end of grading, "verdicts": [one code per test], "error": TEXT}`.
No bridge: the results go to a recorder in place of DMOJ's packet manager.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time

RUNTIMES = {"gcc11": "/usr/bin/gcc", "g++20": "/usr/bin/g++", "python3": "/usr/bin/python3"}
EXECUTORS = {"C11", "CPP20", "PY3"}


class Recorder:
    """What DMOJ's judge would send to its site, kept for one submission."""

    def __init__(self) -> None:
        self.verdicts: list[str] = []
        self.error = ""

    def test_case_status_packet(self, position, result) -> None:
        self.verdicts.append(result.readable_codes()[0])

    def compile_error_packet(self, message: str) -> None:
        self.error = "CE: " + message[:300]

    def internal_error_packet(self, message: str) -> None:
        self.error = "IE: " + message[-300:]

    def __getattr__(self, name: str):  # the other packets carry nothing we time
        if name.endswith("_packet"):
            return lambda *args, **kwargs: None
        raise AttributeError(name)


def main() -> int:
    problems, scratch = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        os.sched_setaffinity(0, {int(sys.argv[3])})  # before any thread: all inherit it
    from dmoj import judgeenv

    judgeenv.env.update({"runtime": RUNTIMES, "tempdir": scratch,
                         "compiled_binary_cache_dir": scratch})
    judgeenv.only_executors.update(EXECUTORS)  # the set dmoj.executors reads at import
    judgeenv.problem_globs = [problems + "/*"]
    judgeenv.clear_problem_dirs_cache()
    from dmoj import contrib, executors
    from dmoj.judge import Judge, Submission

    with contextlib.redirect_stdout(sys.stderr):  # stdout carries the answers only
        executors.load_executors()  # with their self-tests, as the judge starts
        contrib.load_contrib_modules()
    missing = EXECUTORS - set(executors.executors)
    if missing:
        print(json.dumps({"error": f"DMOJ lacks {sorted(missing)} here"}), flush=True)
        return 1
    recorder = Recorder()
    judge = Judge(recorder)
    print(json.dumps({"ready": True}), flush=True)
    for number, line in enumerate(sys.stdin, 1):
        job = json.loads(line)
        recorder.verdicts, recorder.error = [], ""
        submission = Submission(number, job["problem"], job["language"], job["source"],
                                job["time"], job["memory_kb"], False, {})
        start = time.perf_counter()
        judge.begin_grading(submission, report=lambda message: None, blocking=True)
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds, "verdicts": recorder.verdicts,
                          "error": recorder.error}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
