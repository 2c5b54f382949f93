"""Stopping `podium serve`: seconds from SIGTERM to the process's exit, busy (judging, with
three event-feed streams open) against idle (nothing judging, no stream), and whether the
submissions in hand were lost (each must end judged or queued, none under a lease).

Run by hand: `.venv/bin/python bench/shutdown.py [--count 30] [--judge-for 3]`.
"""

from __future__ import annotations

import argparse
import http.client
import signal
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from appliance.store import Store  # noqa: E402
from tests.webserver import as_user, make_contest, spawn_server  # noqa: E402

SUM = REPO / "problem_packs/sum/submissions"
SOURCES = [("accepted/sum.py", "python3"), ("accepted/sum.c", "c"),
           ("time_limit_exceeded/sum_count.cpp", "cpp"), ("accepted/sum.cpp", "cpp")]


def open_stream(base: str, path: str, auth: str) -> threading.Thread:
    """An event feed read on a thread until the server ends it."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
    connection.request("GET", path, headers={"Authorization": auth})
    response = connection.getresponse()

    def read() -> None:
        try:
            while response.read1(65536):
                pass
        except (OSError, http.client.HTTPException):  # cut off: the server ended it rudely
            pass

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def run(count: int, streams: int, judge_for: float) -> tuple[float, dict, str]:
    """One stop: seconds to exit, the submissions' states after it, the log's last line."""
    data = Path(tempfile.mkdtemp(prefix="podium-shutdown-")) / "data"
    logins = make_contest(data, problems=("sum",))
    with Store.open(data) as store:
        for i in range(count):
            name, language = SOURCES[i % len(SOURCES)]
            store.submit(contest_id="test", team_id=f"team{i % 3 + 1:03d}", problem_id="sum",
                         language_id=language, source=(SUM / name).read_bytes(),
                         file_name=Path(name).name,
                         time=datetime.now().astimezone().isoformat(), contest_time=float(i))
    process, base = spawn_server(data, "--pool-size", "2")
    auth = as_user((base, logins, data), "jury").auth or ""
    readers = [open_stream(base, "/api/contests/test/event-feed", auth) for _ in range(streams)]
    time.sleep(judge_for)
    began = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(300)
    took = time.monotonic() - began
    for reader in readers:
        reader.join(5)
    with sqlite3.connect(data / "podium.db") as db:
        states = dict(db.execute("SELECT status, count(*) FROM submissions "
                                 "WHERE contest_id = 'test' GROUP BY status"))
    last = (data / "serve.log").read_text().strip().splitlines()[-1]
    return took, states, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--judge-for", type=float, default=3.0)
    args = parser.parse_args()
    idle, _, idle_log = run(0, 0, args.judge_for)
    busy, states, busy_log = run(args.count, 3, args.judge_for)
    print(f"idle (no stream, nothing judging): {idle:.2f} s to exit; {idle_log}")
    print(f"busy (3 event feeds open, judging {args.count}): {busy:.2f} s to exit "
          f"({busy / idle:.1f}x idle); {busy_log}")
    print(f"submissions after the stop: {states} (none may be left 'judging')")
    return 0 if "judging" not in states else 1


if __name__ == "__main__":
    sys.exit(main())
