"""Saturated throughput against an earlier commit of Podium, measured in one run.

Run by hand on a machine with Docker:
`.venv/bin/python bench/throughput.py [--ref REF] [-n 24] [--rounds 2] [--pool-size 2]`.
REF (default: main before the warm runner, the issue's "today") is checked out beside this
one (`git worktree`, removed afterwards). Each round, for this checkout and for REF in
turn: a fresh data folder with a contest of the demo's `sum` problem, `n` A+B submissions
in C++ with `<bits/stdc++.h>` queued before the server starts (each source differs by a
comment, so no compile cache answers), then a real `podium serve` judging them on every
slot. Throughput is the submissions judged per second from the first leaving the queue to
the last judged, read from the store by polling; the server's own start is not counted.
The ratio this/REF is printed per round and for the best of each.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASELINE = "88e5c7f^1"  # main before the warm runner, the precompiled header and the cache
SOURCE = ("#include <bits/stdc++.h>\nusing namespace std;\n// {n}\n"
          "int main() {{ long long a, b; cin >> a >> b; cout << a + b << endl; }}\n")

QUEUE = """
import sys
from datetime import datetime
from pathlib import Path
from appliance.store import Store
from tests.webserver import make_contest
data, n, source = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
make_contest(data, problems=("sum",))
with Store.open(data) as store:
    for i in range(n):
        store.submit(contest_id="test", team_id=f"team{i % 3 + 1:03d}", problem_id="sum",
                     language_id="cpp", source=source.format(n=i).encode(),
                     file_name="sum.cpp", time=datetime.now().astimezone().isoformat(),
                     contest_time=float(i))
"""


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db, timeout=30) as con:
        return dict(con.execute("SELECT status, count(*) FROM submissions GROUP BY status"))


def one_run(checkout: Path, n: int, pool_size: int, python: str) -> float:
    """Submissions judged per second by a real server of `checkout` (its start excluded)."""
    with tempfile.TemporaryDirectory(prefix="podium-throughput-") as folder:
        data = Path(folder) / "data"
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        subprocess.run([python, "-c", QUEUE, str(data), str(n), SOURCE], cwd=checkout,
                       env=env, check=True)
        extra = ["--workers", "1"] if "--workers" in subprocess.run(
            [python, "-m", "cli", "serve", "--help"], cwd=checkout, env=env,
            capture_output=True, text=True).stdout else []
        with open(data / "serve.log", "wb") as log:
            server = subprocess.Popen(
                [python, "-m", "cli", "serve", "--data", str(data), "--host", "127.0.0.1",
                 "--port", "0", "--pool-size", str(pool_size), *extra],
                cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            db = data / "podium.db"
            deadline = time.monotonic() + 600
            while counts(db).get("queued", 0) == n:
                assert server.poll() is None, (data / "serve.log").read_text()[-2000:]
                assert time.monotonic() < deadline, "nothing was claimed"
                time.sleep(0.01)
            began = time.monotonic()
            while counts(db).get("judged", 0) < n:
                assert time.monotonic() < deadline, "not all were judged"
                time.sleep(0.01)
            elapsed = time.monotonic() - began
        finally:
            server.terminate()
            server.wait(120)
        return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default=BASELINE, help="the commit to compare against")
    parser.add_argument("-n", type=int, default=24, help="submissions per run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pool-size", type=int, default=2)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="podium-ref-") as folder:
        old = Path(folder) / "ref"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.ref],
                       cwd=REPO, check=True)
        try:
            ours, theirs = [], []
            for round_ in range(1, args.rounds + 1):
                load = os.getloadavg()[0]
                theirs.append(one_run(old, args.n, args.pool_size, python))
                ours.append(one_run(REPO, args.n, args.pool_size, python))
                print(f"round {round_} (load {load:.1f}): {args.ref} {theirs[-1]:.2f}/s, "
                      f"this {ours[-1]:.2f}/s, ratio {ours[-1] / theirs[-1]:.2f}x", flush=True)
            print(f"best: {args.ref} {max(theirs):.2f}/s, this {max(ours):.2f}/s, "
                  f"ratio {max(ours) / max(theirs):.2f}x (load now {os.getloadavg()[0]:.1f})")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=REPO,
                           check=False)


if __name__ == "__main__":
    main()
