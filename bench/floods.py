"""Floods of connections against `podium serve`: the p99 of scoreboard requests with no flood
(the baseline), then under a flood of anonymous `/live` streams and slow-header connections
(a request line and then a header byte now and then, never the blank line), and the bytes
the server logged meanwhile.

The server starts with the usual soft limit of 1,024 open files (its hard limit as this
machine has it), as a shell would start it. The streams come from many loopback addresses
(127.0.0.2, 127.0.0.3, ...: Linux routes the whole 127/8 to this machine), as many machines
on a LAN would; the scoreboard is asked from 127.0.0.1, one new connection a request.

Run by hand: `.venv/bin/python bench/floods.py [--streams 1200] [--slow 300] [--seconds 20]`.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.webserver import make_contest, spawn_server, stop_server  # noqa: E402

SOFT_FILES = 1024  # the usual soft limit of a login shell


def usual_file_limit() -> None:
    """In the server's process before exec: the soft limit a shell usually gives."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(SOFT_FILES, hard), hard))


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98] if len(samples) > 1 else samples[0]


def scoreboard_times(port: int, count: int, every: float, statuses: list) -> list[float]:
    """Seconds each of `count` scoreboard requests took (a new connection each); a request
    that failed counts as its time to failure, its status as 0."""
    times = []
    for _ in range(count):
        began = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/api/contests/test/scoreboard")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
            connection.close()
        except OSError:
            statuses.append(0)
        times.append(time.perf_counter() - began)
        time.sleep(every)
    return times


async def open_stream(port: int, source: str, held: list, statuses: dict) -> None:
    """An anonymous /live stream from `source`, held open (its socket in `held`)."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                       local_addr=(source, 0))
    except OSError:
        statuses["connect failed"] = statuses.get("connect failed", 0) + 1
        return
    held.append(writer)
    writer.write(b"GET /live HTTP/1.1\r\nHost: podium\r\nAccept: text/event-stream\r\n\r\n")
    try:
        line = await asyncio.wait_for(reader.readline(), 30)
    except (TimeoutError, OSError):
        line = b""
    status = line.split(b" ")[1].decode() if line.count(b" ") >= 2 else "no answer"
    statuses[status] = statuses.get(status, 0) + 1


async def slow_header(port: int, source: str, until: float, closed: list) -> None:
    """A request whose headers never end: one byte every 2 s until `until`; whether the
    server closed it first is appended to `closed`."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                       local_addr=(source, 0))
    except OSError:
        return
    try:
        writer.write(b"GET /api/contests/test/scoreboard HTTP/1.1\r\nHost: podium\r\nX-Slow: ")
        while time.monotonic() < until:
            writer.write(b"a")
            await writer.drain()
            try:
                if await asyncio.wait_for(reader.read(1024), 2.0) == b"":
                    closed.append(True)
                    return
            except TimeoutError:
                continue
    except OSError:
        closed.append(True)
        return
    closed.append(False)
    writer.close()


async def flood(port: int, streams: int, slow: int, seconds: float) -> dict:
    """Open the streams and the slow headers, measure the scoreboard meanwhile."""
    held: list = []
    statuses: dict = {}
    closed: list = []
    until = time.monotonic() + seconds
    sources = [f"127.0.0.{2 + i % 200}" for i in range(streams)]
    slow_tasks = [asyncio.create_task(slow_header(port, f"127.0.1.{1 + i % 200}", until, closed))
                  for i in range(slow)]
    for i in range(0, streams, 100):  # in bursts, as a crowd of pages would
        await asyncio.gather(*(open_stream(port, s, held, statuses)
                               for s in sources[i:i + 100]))
    answers: list = []
    times = await asyncio.to_thread(scoreboard_times, port, 300,
                                    max(0.0, (until - time.monotonic()) / 300), answers)
    await asyncio.gather(*slow_tasks)
    for writer in held:
        writer.close()
    return {"times": times, "answers": answers, "streams": statuses,
            "slow closed by the server": sum(closed), "slow still open": len(closed) - sum(closed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--streams", type=int, default=1200)
    parser.add_argument("--slow", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # this client holds them all
    data = Path(tempfile.mkdtemp(prefix="podium-floods-")) / "data"
    make_contest(data, problems=("sum",))
    process, base = spawn_server(data, "--no-judge", preexec_fn=usual_file_limit)
    port = int(base.rsplit(":", 1)[1])
    try:
        baseline_answers: list = []
        baseline = scoreboard_times(port, 300, 0.01, baseline_answers)
        log = data / "serve.log"
        before = log.stat().st_size
        result = asyncio.run(flood(port, args.streams, args.slow, args.seconds))
        logged = log.stat().st_size - before
    finally:
        stop_server(process)
    ok = sum(1 for s in result["answers"] if s == 200)
    print(f"server soft limit at start: {SOFT_FILES} files (hard {hard})")
    print(f"baseline: scoreboard p99 {p99(baseline) * 1000:.1f} ms "
          f"({sum(1 for s in baseline_answers if s == 200)}/{len(baseline)} answered 200)")
    print(f"flood of {args.streams} /live streams and {args.slow} slow headers for "
          f"{args.seconds:.0f} s:")
    print(f"  scoreboard p99 {p99(result['times']) * 1000:.1f} ms "
          f"({ok}/{len(result['answers'])} answered 200)")
    print(f"  streams answered: {dict(sorted(result['streams'].items()))}")
    print(f"  slow headers: {result['slow closed by the server']} closed by the server, "
          f"{result['slow still open']} still open at the end")
    print(f"  log written during the flood: {logged} bytes")
    print("log tail:")
    print("\n".join(log.read_text(errors="replace").splitlines()[-8:]))


if __name__ == "__main__":
    main()
