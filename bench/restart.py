"""Restart after a crash: `podium serve` killed with SIGKILL while it judges, then started
again. Prints how long after the restart the stranded submissions (those under a lease at
the kill) were claimed again against the lease they held, when the last submission was
judged, and how many were lost (no judgement) or doubled (more than one).

Run by hand: `.venv/bin/python bench/restart.py [--count 80] [--kill-after 4] [--pool-size 2]`.
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from appliance.store import Store  # noqa: E402
from tests.webserver import make_contest, spawn_server  # noqa: E402

SUM = REPO / "problem_packs/sum/submissions"
SOURCES = [("accepted/sum.py", "python3"), ("accepted/sum.c", "c"),
           ("wrong_answer/sum_int32.c", "c"), ("accepted/sum.cpp", "cpp")]


def rows(data: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data / "podium.db", timeout=30) as db:
        return db.execute(sql).fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=80)
    parser.add_argument("--kill-after", type=float, default=4.0,
                        help="seconds of judging before the kill")
    parser.add_argument("--pool-size", default="2")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="podium-restart-")) / "data"
    make_contest(data, problems=("sum",), teams=10)
    with Store.open(data) as store:
        for i in range(args.count):
            name, language = SOURCES[i % len(SOURCES)]
            store.submit(contest_id="test", team_id=f"team{i % 10 + 1:03d}", problem_id="sum",
                         language_id=language, source=(SUM / name).read_bytes(),
                         file_name=Path(name).name,
                         time=datetime.now().astimezone().isoformat(), contest_time=float(i))
    first, _ = spawn_server(data, "--pool-size", args.pool_size)
    time.sleep(args.kill_after)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = time.time()
    stranded = rows(data, "SELECT id, lease_until FROM submissions WHERE status = 'judging'")
    judged_at_kill = rows(data, "SELECT count(*) FROM submissions WHERE status = 'judged' "
                                "AND contest_id = 'test'")[0][0]
    restart = time.time()
    second, _ = spawn_server(data, "--pool-size", args.pool_size, log_name="serve2.log")
    try:
        while rows(data, "SELECT count(*) FROM submissions WHERE contest_id = 'test' "
                         "AND status != 'judged'")[0][0]:
            time.sleep(0.1)
        done = time.time()
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(90)
    print(f"{args.count} submissions, {len(stranded)} stranded under a lease at the kill "
          f"({judged_at_kill} judged before it); restart {restart - killed_at:.2f} s after")
    for sid, lease_until in stranded:
        claimed, ended = rows(data, f"SELECT start_time, end_time FROM judgements "
                                    f"WHERE submission_id = {sid} ORDER BY id")[0]
        claimed_s = datetime.fromisoformat(claimed).timestamp() - restart
        ended_s = datetime.fromisoformat(ended).timestamp() - restart
        print(f"  submission {sid}: claimed again {claimed_s:.2f} s after the restart "
              f"(its dead lease ran {lease_until - restart:.1f} s more), judged at "
              f"{ended_s:.2f} s")
    counts = dict(rows(data, "SELECT s.id, count(j.id) FROM submissions s LEFT JOIN "
                             "judgements j ON j.submission_id = s.id "
                             "WHERE s.contest_id = 'test' GROUP BY s.id"))
    lost = sum(1 for n in counts.values() if n == 0)
    doubled = sum(1 for n in counts.values() if n > 1)
    print(f"every submission judged {done - restart:.1f} s after the restart; "
          f"lost {lost}, doubled {doubled}")
    recovery = [line for line in (data / "serve2.log").read_text().splitlines()
                if "recovery:" in line]
    print("log:", *recovery or ["(no recovery line)"])
    return 0 if lost == doubled == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
