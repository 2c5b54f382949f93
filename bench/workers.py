"""The web tier on every core: `podium serve --workers W` for W = 1, 2 and more, measured
with wrk (Debian's `wrk`; `install.sh` installs it) in the same run, so the figures are
ratios against one worker on the same machine at the same moment.

Run by hand (needs Docker for the judging phase; a few minutes):
`.venv/bin/python bench/workers.py [--workers 1,2,4] [--seconds 10] [--json]`.

Per worker count, on a fresh contest of 200 teams in a temporary folder:
1. idle, the API scoreboard (gzip, no ETag: every answer a full 200), the public page and
   `/scoreboard/table`, closed loop (wrk, 64 connections): requests per second;
2. judging: an admin posts A+B in Python for the teams every 0.5 s (the master judges
   them in Docker) while simulated users poll as browsers do, with the ETag they last got:
   five scoreboard polls for one status poll of a team's own submissions (a scoreboard poll
   every 5 s, a pending submission's status every second); requests per second held and
   their p99, and the users that makes at one poll per 5 s.
The server, wrk and the judge's containers share the machine's cores.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEAMS = 200
CONNECTIONS = 64
POLL_S = 5.0  # a user's scoreboard poll
SUBMIT_EVERY_S = 0.5

# wrk's Lua: each thread cycles through the paths, sending back the ETag it last got for
# each (as a browser does); `done` prints the figures as JSON.
USERS_LUA = """
local paths, auths, etags, n = {PATHS}, {AUTHS}, {}, 0
request = function()
  n = n + 1
  local i = (n % #paths) + 1
  local headers = {["Accept-Encoding"] = "gzip"}
  if auths[i] ~= "" then headers["Authorization"] = auths[i] end
  if etags[i] then headers["If-None-Match"] = etags[i] end
  wrk.thread:set("last", i)
  return wrk.format("GET", paths[i], headers)
end
response = function(status, headers, body)
  local i = wrk.thread:get("last")
  if headers["ETag"] then etags[i] = headers["ETag"] end
end
"""
DONE_LUA = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, '
    .. '"errors": %d, "non2xx": %d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.errors.status))
end
"""


def lua_list(items: list[str]) -> str:
    return "{" + ", ".join(json.dumps(item) for item in items) + "}"


def wrk(url: str, seconds: float, script: str, connections: int = CONNECTIONS) -> dict:
    """wrk's figures for `seconds` of closed-loop load on `url` with a Lua `script`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as out:
        out.write(script + DONE_LUA)
    try:
        run = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{round(seconds)}s", "--latency",
                              "-s", out.name, url], capture_output=True, text=True, check=True)
    finally:
        os.unlink(out.name)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def one_path(path: str, headers: dict[str, str] | None = None) -> str:
    """A wrk script sending one path with `headers`."""
    sets = "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n"
                   for k, v in (headers or {}).items())
    return sets + f"wrk.path = {json.dumps(path)}\n"


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def prepare(data: Path) -> dict[str, str]:
    sys.path.insert(0, str(REPO))
    from tests.webserver import make_contest

    return make_contest(data, problems=("sum",), teams=TEAMS)


def start(data: Path, port: int, workers: int, log: Path) -> subprocess.Popen:
    """`podium serve --workers W` judging on one slot, once every worker answers."""
    out = open(log, "ab")  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--data", str(data), "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--pool-size", "1"],
        stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    out.close()
    seen: set[str] = set()
    deadline = time.monotonic() + 90
    while len(seen) < workers or (workers == 1 and not seen):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server did not start: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as reply:
                seen.add(reply.headers.get("X-Podium-Worker", "1"))
        except OSError:
            time.sleep(0.2)
    return process


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(90)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Submitter(threading.Thread):
    """The admin posting A+B for the teams in turn every SUBMIT_EVERY_S until stopped."""

    def __init__(self, base: str, logins: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.base, self.auth = base, basic("admin", logins["admin"])
        self.teams = sorted(t for t in logins if t.startswith("team"))
        self.halt, self.sent, self.failed = threading.Event(), 0, 0

    def run(self) -> None:
        sys.path.insert(0, str(REPO))
        from tests.webserver import A_PLUS_B, submission_body

        while not self.halt.wait(SUBMIT_EVERY_S):
            body = submission_body("sum", "python3", A_PLUS_B, "a.py",
                                   team=self.teams[self.sent % len(self.teams)])
            request = urllib.request.Request(
                f"{self.base}/api/contests/test/submissions", json.dumps(body).encode(),
                {"Content-Type": "application/json", "Authorization": self.auth})
            try:
                urllib.request.urlopen(request, timeout=30).read()
                self.sent += 1
            except OSError:
                self.failed += 1


def measure(data: Path, logins: dict[str, str], workers: int, seconds: float,
            port: int) -> dict:
    """The idle and judging figures of one worker count."""
    process = start(data, port, workers, data / f"serve-{workers}.log")
    base = f"http://127.0.0.1:{port}"
    gzip = {"Accept-Encoding": "gzip"}
    try:
        time.sleep(1)
        figures = {"workers": workers}
        for name, path in (("api_scoreboard", "/api/contests/test/scoreboard"),
                           ("public_page", "/public"), ("table", "/scoreboard/table")):
            figures[name] = wrk(base, seconds, one_path(path, gzip))
        teams = sorted(t for t in logins if t.startswith("team"))[:20]
        paths, auths = [], []
        for team in teams:  # five scoreboard polls for one status poll of a team's own
            paths += ["/api/contests/test/scoreboard"] * 5 + ["/api/contests/test/submissions"]
            auths += [""] * 5 + [basic(team, logins[team])]
        script = USERS_LUA.replace("{PATHS}", lua_list(paths)).replace("{AUTHS}",
                                                                       lua_list(auths))
        wrk(base, 3, script)  # every team's password checked once per worker (argon2)
        submitter = Submitter(base, logins)
        submitter.start()
        try:
            figures["judging"] = wrk(base, seconds, script)
        finally:
            submitter.halt.set()
            submitter.join(30)
        figures["judging"]["submitted"] = submitter.sent
        return figures
    finally:
        stop(process)


def table(results: list[dict]) -> str:
    one = results[0]
    lines = ["| workers | API scoreboard req/s (x one) | public page req/s | table req/s | "
             "judging: req/s held, p99 | users at one poll per 5 s |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        held = r["judging"]
        users = held["rps"] * POLL_S if held["p99_ms"] < 1000 else 0
        lines.append(
            f"| {r['workers']} | {r['api_scoreboard']['rps']:,.0f} "
            f"({r['api_scoreboard']['rps'] / one['api_scoreboard']['rps']:.2f}x) | "
            f"{r['public_page']['rps']:,.0f} | {r['table']['rps']:,.0f} | "
            f"{held['rps']:,.0f}, {held['p99_ms']:.0f} ms | {users:,.0f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default=f"1,2,{max(4, len(os.sched_getaffinity(0)))}")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--port", type=int, default=18099)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench/workers.py: needs wrk (apt-get install wrk; install.sh adds it)")
    results = []
    with tempfile.TemporaryDirectory(prefix="podium-workers-") as folder:
        for count in (int(n) for n in args.workers.split(",")):
            data = Path(folder) / f"w{count}"  # a fresh store each: equal boards
            logins = prepare(data)
            results.append(measure(data, logins, count, args.seconds, args.port))
            print(f"workers {count}: {json.dumps(results[-1])}", file=sys.stderr)
    print(json.dumps(results, indent=1) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
