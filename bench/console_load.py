"""The judges' console under a busy contest: 300 teams, a submission (and its judgement)
every 100 ms pushed through a real server's event feed, the console on its scoreboard.

Measures the time from an event to the scoreboard showing it (from the event's own time,
and from its arrival at the console), and how fast the console answers a key (switching
tabs) — under load, and idle as the baseline in the same run. Run by hand:

    .venv/bin/python bench/console_load.py [--teams 300] [--interval 0.1] [--duration 60]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from appliance.clics.times import iso_time  # noqa: E402
from appliance.judging.queue import JudgeQueue  # noqa: E402
from appliance.store import Store  # noqa: E402
from judge.judging import Judgement  # noqa: E402
from judge.verdicts import Verdict  # noqa: E402
from tests.webserver import make_contest, server_process  # noqa: E402
from tui.app import PodiumConsole  # noqa: E402
from tui.client import JuryClient  # noqa: E402

VERDICTS = (Verdict.AC, Verdict.WA, Verdict.WA, Verdict.TLE, Verdict.CE)


def feed(data: Path, teams: int, interval: float, stop: threading.Event, sent: list) -> None:
    """Submit and judge one submission every `interval` seconds, as the judge would record
    it (no Docker: this measures the console, not the judge)."""
    with Store.open(data) as store:
        queue = JudgeQueue(store)
        n = 0
        next_at = time.monotonic()
        while not stop.is_set():
            n += 1
            now = time.time()
            store.submit(contest_id="test", team_id=f"team{n % teams + 1:03d}",
                         problem_id=("sum", "floats")[n % 2], language_id="python3",
                         source=b"print(1)\n", file_name="a.py", time=iso_time(now),
                         contest_time=600 + n)
            claim = queue.claim("bench", 60, time.time())
            if claim is not None:
                queue.complete(claim, Judgement(VERDICTS[n % len(VERDICTS)], time=0.1),
                               time.time())
            sent.append(now)
            next_at += interval
            stop.wait(max(0.0, next_at - time.monotonic()))


async def key_response(app: PodiumConsole, pilot, rounds: int) -> list[float]:
    """Seconds from a key press to the tab it asks for being shown."""
    times = []
    for i in range(rounds):
        tab, key = (("queue", "2"), ("scoreboard", "1"))[i % 2]
        start = time.perf_counter()
        pressing = asyncio.create_task(pilot.press(key))  # its own wait is not the app's
        while app.query_one("#tabs").active != tab:
            await asyncio.sleep(0.001)
        times.append(time.perf_counter() - start)
        await pressing
        await asyncio.sleep(0.2)
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def run(base: str, password: str, data: Path, args) -> dict:
    app = PodiumConsole(JuryClient(base, "jury", password))
    async with app.run_test(size=(160, 50)) as pilot:
        while not app.query_one("#board").row_count:
            await pilot.pause(0.1)
        idle_keys = await key_response(app, pilot, 20)
        app.latencies.clear()
        stop, sent = threading.Event(), []
        feeder = threading.Thread(target=feed, args=(data, args.teams, args.interval, stop,
                                                     sent))
        feeder.start()
        await asyncio.sleep(args.duration)  # the scoreboard stays on screen meanwhile
        latencies = list(app.latencies)
        busy_keys = await key_response(app, pilot, 20)  # then keys, the feed still running
        stop.set()
        feeder.join()
        await pilot.pause(2.0)
        return {"sent": len(sent), "latencies": latencies, "idle_keys": idle_keys,
                "busy_keys": busy_keys, "rows": app.query_one("#board").row_count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=300)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--duration", type=float, default=60.0)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="podium-console-"))
    print(f"contest with {args.teams} teams in {data} (argon2 hashes take a moment)", flush=True)
    logins = make_contest(data, teams=args.teams, started_ago=timedelta(minutes=30))
    with server_process(data, "--no-judge") as base:
        result = asyncio.run(run(base, logins["jury"], data, args))
    from_event = [b for _, b in result["latencies"]]
    from_feed = [a for a, _ in result["latencies"]]
    print(f"{result['sent']} submissions and judgements in {args.duration:.0f} s "
          f"(one every {args.interval * 1000:.0f} ms), {result['rows']} teams on the board")
    for name, values in (("event -> screen", from_event), ("feed -> screen", from_feed)):
        print(f"{name:16} n={len(values)}  p50 {pct(values, .5) * 1000:.0f} ms  p95 "
              f"{pct(values, .95) * 1000:.0f} ms  p99 {pct(values, .99) * 1000:.0f} ms  max "
              f"{max(values, default=float('nan')) * 1000:.0f} ms")
    idle, busy = result["idle_keys"], result["busy_keys"]
    print(f"key -> tab shown: idle p50 {statistics.median(idle) * 1000:.0f} ms, under load "
          f"p50 {statistics.median(busy) * 1000:.0f} ms p99 {pct(busy, .99) * 1000:.0f} ms "
          f"(ratio {statistics.median(busy) / statistics.median(idle):.2f})")
    print("Caveat: server, feeder and console share this machine's 2 cores.")


if __name__ == "__main__":
    main()
