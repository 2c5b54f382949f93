"""Crash rehearsal of the durable queue: N submissions, the dispatcher SIGKILLed at random
moments K times, then run to the end. Prints whether every submission got exactly one
current judgement with the verdict of an undisturbed judge, and whether the scoreboard
replayed from the event log equals the undisturbed one; and the wall times.

Run by hand: `.venv/bin/python bench/crash_queue.py [--count 500] [--kills 5] [--seed 1]`.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from appliance.scoreboard.board import (  # noqa: E402
    JudgementEvent,
    Problem,
    Scoreboard,
    SubmissionEvent,
    Team,
    Timing,
)
from appliance.scoreboard.standings import scoreboard_from_store  # noqa: E402
from appliance.store import Store  # noqa: E402
from judge.verdicts import Verdict  # noqa: E402

PODIUM = str(REPO / ".venv/bin/podium")
SUM = REPO / "problem_packs/sum"
SOURCES = [("accepted/sum.c", "c", "AC"), ("accepted/sum.py", "python3", "AC"),
           ("wrong_answer/sum_int32.c", "c", "WA"), ("run_time_error/sum_null.c", "c", "RTE"),
           ("accepted/sum.cpp", "cpp", "AC"), ("wrong_answer/sum_difference.py", "python3", "WA")]
TEAMS = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data = Path(tempfile.mkdtemp(prefix="podium-crash-"))
    subprocess.run([PODIUM, "contest", "create", "Crash", "--problem", str(SUM), "--teams",
                    str(TEAMS), "--data", str(data)], check=True, capture_output=True)
    expected: dict[int, str] = {}
    store = Store.open(data)
    for i in range(args.count):
        name, language, verdict = SOURCES[rng.randrange(len(SOURCES))]
        sid = store.submit(contest_id="crash", team_id=f"team{i % TEAMS + 1:03d}",
                           problem_id="sum", language_id=language,
                           source=(SUM / "submissions" / name).read_bytes(),
                           file_name=Path(name).name, time="2026-11-23T12:00:00+00:00",
                           contest_time=float(i))
        expected[sid] = verdict
    start = time.perf_counter()
    for _ in range(args.kills):
        process = subprocess.Popen([PODIUM, "dispatch", "--until-empty", "--lease", "3",
                                    "--data", str(data)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(1.5, 8.0))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        done = store.query("SELECT count(*) AS n FROM judgements WHERE is_current = 1")[0]["n"]
        print(f"killed; {done} of {args.count} judged so far")
    subprocess.run([PODIUM, "dispatch", "--until-empty", "--lease", "3", "--data", str(data)],
                   check=True, capture_output=True)
    wall = time.perf_counter() - start
    current = store.query("SELECT submission_id, verdict, count(*) AS n FROM judgements "
                          "WHERE is_current = 1 GROUP BY submission_id")
    all_judgements = store.query("SELECT count(*) AS n FROM judgements")[0]["n"]
    once = len(current) == args.count and all(r["n"] == 1 for r in current)
    same = {r["submission_id"]: r["verdict"] for r in current} == expected
    undisturbed = Scoreboard.from_events(
        [Team(f"team{i:03d}", f"Team {i}") for i in range(1, TEAMS + 1)],
        [Problem("sum", "A", 0)], Timing(0.0, 5 * 3600, 3600),
        [*(SubmissionEvent(str(sid), f"team{(sid - 1) % TEAMS + 1:03d}", "sum", float(sid - 1))
           for sid in expected),
         *(JudgementEvent(str(sid), Verdict(v)) for sid, v in expected.items())])
    board_same = [r.to_json() for r in scoreboard_from_store(store, "crash").view(False)] == \
        [r.to_json() for r in undisturbed.view(False)]
    print(f"{args.count} submissions, {args.kills} kills, {wall:.1f} s in all")
    print(f"exactly one current judgement each: {once}  (judgement rows in all: "
          f"{all_judgements})")
    print(f"verdicts equal to an undisturbed judge's: {same}")
    print(f"scoreboard replayed from the event log equals the undisturbed one: {board_same}")
    return 0 if once and same and board_same else 1


if __name__ == "__main__":
    sys.exit(main())
