"""Server-sent events against polling for the scoreboard: what each costs the server and
how soon a change reaches the last browser, on `podium serve --workers W --no-judge`.

Run by hand: `.venv/bin/python bench/live_vs_poll.py [--browsers 800] [--workers 2]`.

Both models with the same crowd of anonymous browsers (spread over local addresses
127.0.N.M, as a floor's machines are, so the per-address stream cap is not what is measured):
- SSE: each holds `/live` open; a change sends every stream a `scoreboard` nudge, and each
  browser then fetches `/scoreboard/table` (the herd this makes is timed too);
- polling: each asks `/scoreboard/table` every 5 s (phases spread) with the ETag it has, on
  a keep-alive connection, as `podium.js` would without EventSource.
Measured: connections the server holds, its memory (the workers' RSS) per browser, the
request rate, and from a submission's POST answered to the last browser having the new
table, over `--changes` changes.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
POLL_S = 5.0
TABLE = "/scoreboard/table"


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def address(n: int) -> str:
    return f"127.0.{n // 200 + 1}.{n % 200 + 1}"


async def request(reader, writer, path: str, etag: str | None) -> tuple[int, str | None]:
    """One keep-alive GET: its status and ETag (the body read and dropped)."""
    extra = f"If-None-Match: {etag}\r\n" if etag else ""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n{extra}\r\n".encode())
    head = (await reader.readuntil(b"\r\n\r\n")).decode()
    status = int(head.split(" ", 2)[1])
    headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:] if ": " in line)
    length = int(headers.get("Content-Length", "0"))
    if length:
        await reader.readexactly(length)
    return status, headers.get("ETag")


class Crowd:
    """The browsers, and when each last saw the table change."""

    def __init__(self, port: int, count: int) -> None:
        self.port, self.count = port, count
        self.seen: dict[int, float] = {}  # browser -> when it last got a new table
        self.requests = 0
        self.tasks: list[asyncio.Task] = []
        self.ready = 0

    async def connect(self, n: int):
        return await asyncio.open_connection("127.0.0.1", self.port, local_addr=(address(n), 0))

    async def sse(self, n: int) -> None:
        reader, writer = await self.connect(n)
        table_reader, table_writer = await self.connect(n)
        _, etag = await request(table_reader, table_writer, TABLE, None)
        writer.write(b"GET /live HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        assert b" 200 " in head.split(b"\r\n")[0], head[:200]
        self.ready += 1
        seq = ""
        while True:
            line = await reader.readline()
            if not line:
                return
            if line.startswith(b"id: "):
                seq = line[4:].strip().decode()
            if line.startswith(b"event: scoreboard"):
                status, new = await request(table_reader, table_writer,
                                            f"{TABLE}?seq={seq}", etag)
                self.requests += 1
                if status == 200 and new != etag:
                    etag = new
                    self.seen[n] = time.monotonic()

    async def poll(self, n: int) -> None:
        reader, writer = await self.connect(n)
        _, etag = await request(reader, writer, TABLE, None)
        self.ready += 1
        await asyncio.sleep(random.uniform(0, POLL_S))
        while True:
            status, new = await request(reader, writer, TABLE, etag)
            self.requests += 1
            if status == 200 and new != etag:
                etag = new
                self.seen[n] = time.monotonic()
            await asyncio.sleep(POLL_S)

    async def start(self, model: str) -> None:
        for n in range(self.count):
            self.tasks.append(asyncio.create_task(getattr(self, model)(n)))
            if n % 50 == 49:
                await asyncio.sleep(0.05)
        while self.ready < self.count:
            await asyncio.sleep(0.1)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


def submit(base: str, auth: str, n: int) -> None:
    sys.path.insert(0, str(REPO))
    from tests.webserver import A_PLUS_B, submission_body

    body = submission_body("sum", "python3", A_PLUS_B, "a.py", team=f"team{n % 3 + 1:03}")
    request_ = urllib.request.Request(f"{base}/api/contests/test/submissions",
                                      json.dumps(body).encode(),
                                      {"Content-Type": "application/json",
                                       "Authorization": auth})
    urllib.request.urlopen(request_, timeout=30).read()


async def measure(model: str, port: int, master: int, browsers: int, changes: int,
                  auth: str) -> dict:
    base = f"http://127.0.0.1:{port}"
    pids = worker_pids(master) or [master]
    before = rss_kib(pids)
    crowd = Crowd(port, browsers)
    await crowd.start(model)
    await asyncio.sleep(2)
    held = rss_kib(pids)
    reach = []
    began, requests = time.monotonic(), crowd.requests
    for n in range(changes):
        crowd.seen.clear()
        await asyncio.to_thread(submit, base, auth, n)
        posted = time.monotonic()
        deadline = posted + POLL_S * 3
        while len(crowd.seen) < browsers and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        reach.append((max(crowd.seen.values()) - posted) if len(crowd.seen) == browsers
                     else float("inf"))
        await asyncio.sleep(POLL_S)
    rate = (crowd.requests - requests) / (time.monotonic() - began)
    await crowd.stop()
    return {"model": model, "browsers": browsers, "connections_held": browsers * (
        2 if model == "sse" else 1), "kib_per_browser": (held - before) / browsers,
        "requests_per_s": rate, "reach_last_s_median": statistics.median(reach),
        "reach_last_s_max": max(reach)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--browsers", type=int, default=800)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--port", type=int, default=18097)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.webserver import make_contest

    results = []
    for model in ("sse", "poll"):  # a fresh server each: the heap the other grew is not reused
        with tempfile.TemporaryDirectory(prefix="podium-live-") as folder:
            data = Path(folder)
            logins = make_contest(data, problems=("sum",), teams=3)
            auth = "Basic " + base64.b64encode(f"admin:{logins['admin']}".encode()).decode()
            out = open(data / "serve.log", "ab")  # noqa: SIM115 - the child keeps it
            server = subprocess.Popen(
                [sys.executable, "-m", "cli", "serve", "--data", str(data), "--host",
                 "0.0.0.0", "--port", str(args.port), "--workers", str(args.workers),
                 "--no-judge"], stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
            try:
                time.sleep(8)
                results.append(asyncio.run(measure(model, args.port, server.pid,
                                                   args.browsers, args.changes, auth)))
            finally:
                server.terminate()
                server.wait(60)
    print("| model | browsers | connections held | server KiB per browser | requests/s | "
          "change to the last browser (median, max) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['model']} | {r['browsers']} | {r['connections_held']} | "
              f"{r['kib_per_browser']:.1f} | {r['requests_per_s']:.0f} | "
              f"{r['reach_last_s_median']:.2f} s, {r['reach_last_s_max']:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
