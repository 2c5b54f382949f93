"""Load on a running `podium serve`: browsers polling the scoreboard, teams submitting C++.

Run by hand, never in CI (it needs Docker and takes several minutes):
`.venv/bin/python bench/load.py [--browsers 500] [--submitters 50] [--duration 60] [--json]`.

It makes a fresh contest (550 teams, problem "sum") in a temporary folder, starts the real
server (`podium serve --pool-size 2`, judging in Docker) and, on another port, a trivial aiohttp
server that answers the scoreboard's bytes and ETag and nothing else: the baseline, measured in
the same run because the machine is shared and noisy. Phases:

1. scoreboard only, closed loop (each browser polls again as soon as it has its answer, so the
   figure is capacity, not a think-time rate), browsers sending If-None-Match with the last
   ETag they saw: against the baseline, then against Podium with an idle judge; the same again
   with browsers that send no ETag (every answer a full 200);
2. the issue's load: the browsers as above, plus `--submitters` teams POSTing A+B in C++
   every `submitters / submit-rate` seconds (the server allows 10 a minute per team);
3. the drain: waiting (bounded) until every submission has its verdict;
4. a light phase: one submission per team from `--light-submissions` other teams, spread over
   `--light-duration`, slower than the judge can go, for the latency of an unloaded judge.

Browsers run in `--client-procs` processes (aiohttp's client, one keep-alive connection per
browser) so that one client event loop is not the limit. Verdicts are timed by following the
event feed as the jury: a submission's latency is from sending its POST to the arrival of its
current judgement on the feed (one stream, where polling each submission every 50 ms would
itself be load). Teams authenticate with HTTP Basic, as tools do: the server checks a team's
password (argon2) on its first request and again once its 60 s cache of it runs out;
`--warm-auth` has each team authenticate just before its phase. Client, server and the judge's
containers share the machine's CPUs; the CPU each used is printed with every phase.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

REPO = Path(__file__).resolve().parent.parent
PODIUM = REPO / ".venv/bin/podium"
CONTEST = "test"
SCOREBOARD = f"/api/contests/{CONTEST}/scoreboard"
SUBMISSIONS = f"/api/contests/{CONTEST}/submissions"
FEED = f"/api/contests/{CONTEST}/event-feed"
SUM_CPP = (REPO / "problem_packs/sum/submissions/accepted/sum.cpp").read_bytes()
PASSWORDS = "load-passwords.json"
TEAMS = 550
TICK = os.sysconf("SC_CLK_TCK")


# --- small helpers --------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float | None:
    """The q-quantile (nearest rank) of values, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(seconds: float | None) -> str:
    """Seconds as whole milliseconds for the summary; "-" for no value."""
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def secs(seconds: float | None) -> str:
    """Seconds to two decimals for the summary; "-" for no value."""
    return "-" if seconds is None else f"{seconds:.2f} s"


def say(text: str) -> None:
    """Progress, on stderr so that --json stays clean on stdout."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def free_port() -> int:
    """A port nothing listens on now, for the servers this run starts."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_cpu() -> tuple[float, float]:
    """CPU seconds all CPUs spent busy, and stolen by the hypervisor, since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq) / TICK, steal / TICK


def basic(user: str, password: str) -> dict[str, str]:
    """An Authorization header, as a tool sends it."""
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) of a live process."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    rest = stat[stat.rindex(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / TICK


def self_cpu() -> float:
    """CPU seconds of this process, to charge each client process its own share."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def iso(text: str) -> float:
    """A CLICS time as a Unix time, to compare the server's stamps with this clock."""
    return datetime.fromisoformat(text).timestamp()


# --- the baseline server --------------------------------------------------------------------

def serve_static(port: int, body_path: Path, etag: str) -> None:
    """The baseline: the scoreboard's bytes and ETag, with If-None-Match, and nothing else."""
    body = body_path.read_bytes()
    headers = {"ETag": etag, "Cache-Control": "no-cache"}

    async def scoreboard(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        return web.Response(body=body, content_type="application/json", headers=headers)

    app = web.Application()
    app.router.add_get(SCOREBOARD, scoreboard)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


# --- browsers (in client processes) ---------------------------------------------------------

def poll_scoreboard(url: str, browsers: int, start_at: float, warmup: float, duration: float,
                    use_etag: bool, think: float) -> dict[str, Any]:
    """One client process's browsers, polling in a closed loop from `start_at` (wall clock)
    for `duration`; what they saw after `warmup`. Runs in a worker process."""
    return asyncio.run(_poll(url, browsers, start_at, warmup, duration, use_etag, think))


async def _poll(url: str, browsers: int, start_at: float, warmup: float, duration: float,
                use_etag: bool, think: float) -> dict[str, Any]:
    offset = time.monotonic() - time.time()
    begin = start_at + offset
    counted, end = begin + warmup, begin + duration
    latencies: list[float] = []
    finished: list[float] = []
    statuses: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    connector = aiohttp.TCPConnector(limit=browsers)
    timeout = aiohttp.ClientTimeout(total=60)

    async def browser(n: int) -> None:
        await asyncio.sleep(max(0.0, begin - time.monotonic()) + n / browsers)  # 1 s ramp-up
        etag = None
        while (sent := time.monotonic()) < end:
            headers = {"If-None-Match": etag} if use_etag and etag else {}
            try:
                async with session.get(url, headers=headers) as response:
                    await response.read()
                    status = response.status
                    etag = response.headers.get("ETag", etag)
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                if time.monotonic() >= counted:
                    errors[type(exc).__name__] += 1
                await asyncio.sleep(0.05)
                continue
            done = time.monotonic()
            if counted <= done <= end:
                latencies.append(done - sent)
                finished.append(done - counted)
                statuses[str(status)] += 1
            if think:
                await asyncio.sleep(think)

    cpu = self_cpu()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(browser(n) for n in range(browsers)))
    per_second = Counter(int(t) for t in finished)
    return {"latencies": latencies, "statuses": dict(statuses), "errors": dict(errors),
            "per_second": dict(per_second), "cpu": self_cpu() - cpu}


@dataclass
class PollStats:
    """What all client processes saw in one phase."""

    name: str
    window: float
    requests: int
    statuses: dict[str, int]
    errors: dict[str, int]
    p50: float | None
    p90: float | None
    p99: float | None
    max: float | None
    per_second: list[int]
    client_cpu: float
    cpu: dict[str, float] = field(default_factory=dict)
    serving: str = "server"  # which process answered: "server" or "baseline"

    @property
    def rate(self) -> float:
        return self.requests / self.window

    @property
    def cpu_per_request(self) -> float:
        """Seconds of the answering process's CPU per request (from averages)."""
        return self.cpu.get(self.serving, 0.0) / self.rate if self.requests else 0.0

    def json(self) -> dict[str, Any]:
        return {"name": self.name, "window_s": self.window, "requests": self.requests,
                "requests_per_s": round(self.rate, 1), "statuses": self.statuses,
                "errors": self.errors, "latency_s": {"p50": self.p50, "p90": self.p90,
                                                     "p99": self.p99, "max": self.max},
                "per_second": self.per_second, "cpu_cores": self.cpu, "serving": self.serving,
                "server_cpu_per_request_us": round(self.cpu_per_request * 1e6, 1)}


class Browsers:
    """The client processes, made once and reused by every phase."""

    def __init__(self, procs: int, think: float) -> None:
        self.procs, self.think = procs, think
        self.pool = ProcessPoolExecutor(procs, mp_context=get_context("spawn"))
        for future in [self.pool.submit(time.sleep, 0.1) for _ in range(procs)]:
            future.result()  # spawned and imported before anything is timed

    async def run(self, name: str, url: str, browsers: int, start_at: float, warmup: float,
                  duration: float, use_etag: bool) -> PollStats:
        loop = asyncio.get_running_loop()
        shares = [browsers // self.procs + (i < browsers % self.procs) for i in range(self.procs)]
        futures = [loop.run_in_executor(self.pool, poll_scoreboard, url, n, start_at, warmup,
                                        duration, use_etag, self.think) for n in shares if n]
        parts = await asyncio.gather(*futures)
        latencies = [x for p in parts for x in p["latencies"]]
        statuses: Counter[str] = Counter()
        errors: Counter[str] = Counter()
        per_second: Counter[int] = Counter()
        for p in parts:
            statuses.update(p["statuses"])
            errors.update(p["errors"])
            per_second.update({int(k): v for k, v in p["per_second"].items()})
        window = duration - warmup
        latencies.sort()
        return PollStats(name, window, len(latencies), dict(statuses), dict(errors),
                         pct(latencies, 0.5), pct(latencies, 0.9), pct(latencies, 0.99),
                         latencies[-1] if latencies else None,
                         [per_second.get(s, 0) for s in range(int(window))],
                         sum(p["cpu"] for p in parts))

    def close(self) -> None:
        self.pool.shutdown()


# --- submissions and verdicts ---------------------------------------------------------------

def submission_body(n: int) -> dict[str, Any]:
    """A CLICS POST body: A+B in C++ (each source distinct) in a base64 zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sum.cpp", SUM_CPP + f"// load submission {n}\n".encode())
    return {"problem_id": "sum", "language_id": "cpp",
            "files": [{"data": base64.b64encode(buffer.getvalue()).decode()}]}


@dataclass
class Sent:
    """One submission as the team saw it."""

    team: str
    scheduled: float
    sent: float = 0.0  # monotonic
    answered: float = 0.0
    status: int = 0
    id: str | None = None
    server_time: float | None = None  # the submission's time, as the server recorded it
    error: str | None = None


async def post_submission(session: aiohttp.ClientSession, url: str, body: dict,
                          auth: dict[str, str], sent: Any) -> dict | None:
    """POST one submission and note on `sent` (a Sent of this or another bench) when it
    went, when it was answered, the status, the new id or the error; the reply on 200."""
    sent.sent = time.monotonic()
    try:
        async with session.post(url, json=body, headers=auth) as response:
            sent.status = response.status
            data = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
        sent.error = f"{type(exc).__name__}: {exc}"
        return None
    finally:
        sent.answered = time.monotonic()
    if sent.status != 200:
        sent.error = f"{sent.status}: {data.get('message', data)}"
        return None
    sent.id = str(data["id"])
    return data


@dataclass
class Verdict:
    """A current judgement as it arrived on the event feed."""

    arrived: float  # monotonic
    arrived_wall: float
    verdict: str
    start: float  # server's judging start and end (wall clock)
    end: float


class VerdictFeed:
    """Follows the event feed as the jury and timestamps each current judgement's arrival."""

    def __init__(self, base: str, auth: dict[str, str]) -> None:
        self.base, self.auth = base, auth
        self.verdicts: dict[str, Verdict] = {}
        self.reconnects = 0
        self.changed = asyncio.Event()
        self.token: str | None = None

    async def catch_up(self, session: aiohttp.ClientSession) -> None:
        """Skip what is already in the feed (the contest's setup): remember its last token."""
        async with session.get(self.base + FEED, params={"stream": "false"},
                               headers=self.auth) as response:
            lines = (await response.read()).split(b"\n")
        for line in lines:
            if line.strip():
                self.token = json.loads(line)["token"]

    async def follow(self, session: aiohttp.ClientSession) -> None:
        """Read the stream until cancelled, reconnecting from the last token if it drops."""
        while True:
            try:
                params = {"since_token": self.token} if self.token else {}
                async with session.get(self.base + FEED, params=params, headers=self.auth,
                                       timeout=aiohttp.ClientTimeout(total=None)) as response:
                    response.raise_for_status()
                    while line := await response.content.readline(max_line_length=1 << 24):
                        if line.strip():
                            self._event(json.loads(line))
            except (aiohttp.ClientError, OSError, ValueError) as exc:
                say(f"event feed dropped ({type(exc).__name__}: {exc}); reconnecting")
            self.reconnects += 1
            await asyncio.sleep(0.5)

    def _event(self, event: dict[str, Any]) -> None:
        self.token = event["token"]
        data = event.get("data")
        if event["type"] != "judgements" or not data or not data.get("current"):
            return
        if data.get("judgement_type_id") is None or data["submission_id"] in self.verdicts:
            return
        self.verdicts[data["submission_id"]] = Verdict(
            time.monotonic(), time.time(), data["judgement_type_id"], iso(data["start_time"]),
            iso(data["end_time"]))
        self.changed.set()

    async def wait_for(self, ids: set[str], deadline: float) -> bool:
        """Wait until all `ids` have verdicts or the monotonic `deadline` passes."""
        while not ids <= self.verdicts.keys():
            if time.monotonic() >= deadline:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), min(1.0, deadline - time.monotonic()))
            except TimeoutError:
                pass
        return True


class Submitters:
    """Teams submitting on a fixed schedule (open loop: a slow answer delays no later one)."""

    def __init__(self, base: str, passwords: dict[str, str], feed: VerdictFeed) -> None:
        self.base, self.passwords, self.feed = base, passwords, feed
        self.counter = 0

    async def run(self, session: aiohttp.ClientSession, teams: list[str], interval: float,
                  duration: float, start_at: float, samples: list[dict]) -> list[Sent]:
        """Each team submits every `interval` s from a staggered offset, for `duration` s from
        `start_at` (monotonic); the queue is sampled every second into `samples`."""
        plan = [Sent(team, start_at + i * interval / len(teams) + k * interval)
                for i, team in enumerate(teams)
                for k in range(int((duration - i * interval / len(teams)) // interval) + 1)
                if i * interval / len(teams) + k * interval < duration]
        plan.sort(key=lambda s: s.scheduled)
        sampler = asyncio.create_task(self.sample(plan, start_at, samples))
        tasks = []
        for sent in plan:
            await asyncio.sleep(max(0.0, sent.scheduled - time.monotonic()))
            tasks.append(asyncio.create_task(self.submit(session, sent)))
        await asyncio.gather(*tasks)
        sampler.cancel()
        return plan

    async def warm(self, session: aiohttp.ClientSession, teams: list[str]) -> float:
        """One authenticated GET per team, so that the server has checked (argon2) and cached
        its Basic credentials for the next minute; the seconds it took."""
        started = time.monotonic()

        async def one(team: str) -> None:
            async with session.get(self.base + f"/api/contests/{CONTEST}/state",
                                   headers=basic(team, self.passwords[team])) as response:
                response.raise_for_status()

        await asyncio.gather(*(one(team) for team in teams))
        return time.monotonic() - started

    async def submit(self, session: aiohttp.ClientSession, sent: Sent) -> None:
        self.counter += 1
        body = submission_body(self.counter)
        auth = basic(sent.team, self.passwords[sent.team])
        data = await post_submission(session, self.base + SUBMISSIONS, body, auth, sent)
        if data is not None:
            sent.server_time = iso(data["time"])

    async def sample(self, plan: list[Sent], start_at: float, samples: list[dict]) -> None:
        """Every second: accepted so far, judged so far, and the difference (the queue)."""
        while True:
            await asyncio.sleep(1.0)
            ids = {s.id for s in plan if s.id}
            judged = sum(1 for i in ids if i in self.feed.verdicts)
            samples.append({"t": round(time.monotonic() - start_at, 1), "accepted": len(ids),
                            "judged": judged, "queue": len(ids) - judged})


def submission_stats(plan: list[Sent], feed: VerdictFeed, window: float) -> dict[str, Any]:
    """Latencies of one batch of submissions: POST, submit -> verdict, and its parts."""
    accepted = [s for s in plan if s.id]
    judged = [(s, feed.verdicts[s.id]) for s in accepted if s.id in feed.verdicts]
    total = [v.arrived - s.sent for s, v in judged]
    posts = [s.answered - s.sent for s in plan if s.status]
    waits = [v.start - s.server_time for s, v in judged if s.server_time]
    judging = [v.end - v.start for _, v in judged]
    delivery = [v.arrived_wall - v.end for _, v in judged]
    verdicts = Counter(v.verdict for _, v in judged)
    ends = sorted(v.arrived for _, v in judged)
    throughput = (len(ends) - 1) / (ends[-1] - ends[0]) if len(ends) > 1 else None
    refused = Counter(s.error.split(":")[0] for s in plan if s.error)
    first = min((s.sent for s in plan), default=0.0)

    def quantiles(values: list[float]) -> dict[str, float | None]:
        return {"p50": pct(values, 0.5), "p99": pct(values, 0.99),
                "max": max(values) if values else None}

    return {"planned": len(plan), "accepted": len(accepted), "judged": len(judged),
            "unjudged": len(accepted) - len(judged), "refused": dict(refused),
            "refusal_samples": [s.error for s in plan if s.error][:5],
            "arrival_per_s": len(accepted) / window if window else None,
            "verdicts": dict(verdicts),
            "non_ac": [{"id": s.id, "verdict": v.verdict} for s, v in judged if v.verdict != "AC"],
            "throughput_per_s": throughput, "post_s": quantiles(posts),
            "submit_to_verdict_s": quantiles(total), "queue_wait_s": quantiles(waits),
            "judging_s": quantiles(judging), "feed_delay_s": quantiles(delivery),
            "each": [{"team": s.team, "t": round(s.sent - first, 3), "status": s.status,
                      "id": s.id, "post_s": round(s.answered - s.sent, 3),
                      "verdict_s": round(feed.verdicts[s.id].arrived - s.sent, 3)
                      if s.id in feed.verdicts else None} for s in plan]}


# --- the server -----------------------------------------------------------------------------

def prepare(data: Path) -> dict[str, str]:
    """A contest of TEAMS teams in `data`, or the one a previous run left there."""
    saved = data / PASSWORDS
    if saved.exists():
        return json.loads(saved.read_text())
    sys.path.insert(0, str(REPO))
    from tests.webserver import make_contest

    passwords = make_contest(data, problems=("sum",), teams=TEAMS)
    saved.write_text(json.dumps(passwords))
    return passwords


def start_server(argv: list[str], url: str, log: Path) -> subprocess.Popen:
    """Start a server process and wait (60 s at most) until `url` answers."""
    import urllib.request

    out = open(log, "ab")  # noqa: SIM115 - the child keeps it; closed with the process
    process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    out.close()
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise SystemExit(f"{argv[0]} did not start: {log.read_text()[-2000:]}") from None
            time.sleep(0.2)


def stop(process: subprocess.Popen, timeout: float = 90) -> int | None:
    """SIGTERM, then wait; SIGKILL only if it will not stop."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


class CpuMeter:
    """CPU used during a phase by the server, the baseline, the clients and the machine."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.start = (time.monotonic(), machine_cpu(), self_cpu(),
                      {k: process_cpu(p) for k, p in pids.items()})

    def cores(self, clients: float) -> dict[str, float]:
        """Average cores used since the meter was made; `other` is mostly the judge's
        containers (and anything else running here), `steal` the hypervisor's share."""
        wall, (busy, steal), mine, procs = self.start
        wall = time.monotonic() - wall
        out = {k: (process_cpu(p) - procs[k]) / wall for k, p in self.pids.items()}
        out["clients"] = clients / wall
        out["bench"] = (self_cpu() - mine) / wall
        now_busy, now_steal = machine_cpu()
        out["other"] = (now_busy - busy) / wall - sum(out.values())
        out["machine"] = (now_busy - busy) / wall
        out["steal"] = (now_steal - steal) / wall
        return {k: round(v, 2) for k, v in out.items()}


# --- the run --------------------------------------------------------------------------------

async def run(args: argparse.Namespace, data: Path) -> dict[str, Any]:
    """All the phases against one server, stopped (SIGTERM) whatever happens; the report."""
    say(f"preparing the contest ({TEAMS} teams, argon2 hashes) in {data}")
    started = time.monotonic()
    passwords = await asyncio.to_thread(prepare, data)
    say(f"contest ready in {time.monotonic() - started:.0f} s")
    port, static_port = free_port(), free_port()
    base, static = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{static_port}"
    server = start_server([str(PODIUM), "serve", "--data", str(data), "--host", "127.0.0.1",
                           "--port", str(port), "--pool-size", str(args.pool_size),
                           "--workers", "1"],  # one process: its CPU is the server's
                          base + "/api", data / "serve.log")
    static_server: subprocess.Popen | None = None
    browsers = Browsers(args.client_procs, args.think)
    report: dict[str, Any] = {"config": {k: v for k, v in vars(args).items() if k != "json"},
                              "machine": {"cpus": os.cpu_count(),
                                          "load_before": os.getloadavg()},
                              "phases": []}
    connector = aiohttp.TCPConnector(limit=0)
    session = aiohttp.ClientSession(connector=connector,
                                    timeout=aiohttp.ClientTimeout(total=120))
    feed = VerdictFeed(base, basic("jury", passwords["jury"]))
    follower: asyncio.Task | None = None
    try:
        await feed.catch_up(session)
        follower = asyncio.create_task(feed.follow(session))
        submitters = Submitters(base, passwords, feed)
        say("warm-up: one submission, judged by a cold judge")
        plan = await submitters.run(session, [f"team{TEAMS:03d}"], 1.0, 0.5, time.monotonic(),
                                    [])
        await feed.wait_for({s.id for s in plan if s.id}, time.monotonic() + 120)
        report["warmup"] = submission_stats(plan, feed, 0)

        async with session.get(base + SCOREBOARD) as response:
            body, etag = await response.read(), response.headers["ETag"]
        (data / "scoreboard.json").write_bytes(body)
        report["scoreboard_bytes"] = len(body)
        static_server = start_server(
            [sys.executable, __file__, "--serve-static", str(static_port),
             str(data / "scoreboard.json"), etag], static + SCOREBOARD, data / "static.log")
        pids = {"server": server.pid, "baseline": static_server.pid}

        async def poll(name: str, url: str, use_etag: bool, duration: float) -> PollStats:
            say(f"{name}: {args.browsers} browsers for {duration:.0f} s")
            meter = CpuMeter(pids)
            stats = await browsers.run(name, url, args.browsers, time.time() + 0.5, args.warmup,
                                       duration, use_etag)
            stats.cpu = meter.cores(stats.client_cpu)
            stats.serving = "baseline" if url.startswith(static) else "server"
            say(f"  {stats.rate:.0f} req/s, p99 {ms(stats.p99)}, {stats.statuses}")
            report["phases"].append(stats.json())
            return stats

        phases: dict[str, PollStats] = {}
        for use_etag, label in ((True, "If-None-Match"), (False, "no ETag")):
            phases[f"baseline, {label}"] = await poll(f"baseline, {label}", static + SCOREBOARD,
                                                      use_etag, args.sb_duration)
            phases[f"podium idle, {label}"] = await poll(f"podium idle, {label}",
                                                         base + SCOREBOARD, use_etag,
                                                         args.sb_duration)

        interval = args.submitters / args.submit_rate
        say(f"load: {args.browsers} browsers + {args.submitters} teams submitting every "
            f"{interval:.2f} s for {args.duration:.0f} s")
        teams = [f"team{n:03d}" for n in range(1, args.submitters + 1)]
        if args.warm_auth:
            took = await submitters.warm(session, teams)
            say(f"  the teams' Basic credentials checked and cached in {took:.1f} s")
        samples: list[dict] = []
        meter = CpuMeter(pids)
        start_wall = time.time() + 1.0
        start_mono = time.monotonic() + 1.0
        polled, plan = await asyncio.gather(
            browsers.run("podium + submissions, If-None-Match", base + SCOREBOARD,
                         args.browsers, start_wall, args.warmup, args.duration, True),
            submitters.run(session, teams, interval, args.duration, start_mono, samples))
        polled.cpu = meter.cores(polled.client_cpu)
        polled.serving = "server"
        phases["load"] = polled
        report["phases"].append(polled.json())
        in_phase = submission_stats(plan, feed, args.duration)
        say(f"  {polled.rate:.0f} req/s, p99 {ms(polled.p99)}; {in_phase['judged']} of "
            f"{in_phase['accepted']} judged by the end of the phase; draining")
        drain_meter = CpuMeter(pids)
        drain_sampler = asyncio.create_task(submitters.sample(plan, start_mono, samples))
        drained = await feed.wait_for({s.id for s in plan if s.id},
                                      time.monotonic() + args.drain_timeout)
        drain_sampler.cancel()
        drain_s = time.monotonic() - start_mono
        done = submission_stats(plan, feed, args.duration)
        report["load"] = {
            **done, "judged_within_duration": in_phase["judged"], "drained": drained,
            "drain_s": drain_s, "queue_max": max((q["queue"] for q in samples), default=0),
            "drain_cpu_cores": drain_meter.cores(0.0),
            "throughput_during_per_s": in_phase["judged"] / args.duration,
            "throughput_after_per_s": (done["judged"] - in_phase["judged"])
            / max(1e-9, drain_s - args.duration),
            "queue": samples}

        light_teams = [f"team{n:03d}" for n in
                       range(args.submitters + 1, args.submitters + 1 + args.light_submissions)]
        say(f"light: {len(light_teams)} submissions over {args.light_duration:.0f} s "
            f"(no browsers)")
        light_samples: list[dict] = []
        if args.warm_auth:
            await submitters.warm(session, light_teams)
        light_meter = CpuMeter(pids)
        plan = await submitters.run(session, light_teams, args.light_duration,
                                    args.light_duration, time.monotonic(), light_samples)
        drained = await feed.wait_for({s.id for s in plan if s.id},
                                      time.monotonic() + args.drain_timeout)
        report["light"] = {**submission_stats(plan, feed, args.light_duration),
                           "drained": drained, "cpu_cores": light_meter.cores(0.0),
                           "queue": light_samples}
        report["feed_reconnects"] = feed.reconnects
        report["ratios"] = {
            "idle_vs_baseline_etag": phases["podium idle, If-None-Match"].rate
            / phases["baseline, If-None-Match"].rate,
            "idle_vs_baseline_no_etag": phases["podium idle, no ETag"].rate
            / phases["baseline, no ETag"].rate,
            "load_vs_baseline_etag": polled.rate / phases["baseline, If-None-Match"].rate,
            "cpu_per_request_idle_vs_baseline_etag":
                phases["podium idle, If-None-Match"].cpu_per_request
                / phases["baseline, If-None-Match"].cpu_per_request,
            "cpu_per_request_idle_vs_baseline_no_etag":
                phases["podium idle, no ETag"].cpu_per_request
                / phases["baseline, no ETag"].cpu_per_request}
    finally:
        if follower is not None:
            follower.cancel()
        await session.close()
        browsers.close()
        if static_server is not None:
            stop(static_server, 10)
        say("stopping the server (SIGTERM)")
        report["server_exit"] = stop(server)
        report["server_log"] = log_problems(data / "serve.log")
    report["machine"]["load_after"] = os.getloadavg()
    return report


def log_problems(log: Path) -> dict[str, Any]:
    """The server log's warnings, errors and tracebacks (a few of each), with counts; what
    `serve` says at start of the machine's timing (`doctor:` lines) is kept apart: it is
    about the machine, not a problem of the server's."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    marked = [line for line in lines if re.search(r" (WARNING|ERROR|CRITICAL) |Traceback", line)]
    machine = [line for line in marked if " doctor: " in line]
    marked = [line for line in marked if line not in machine]
    return {"lines": len(lines), "problems": len(marked), "first": marked[:10],
            "machine": machine}


# --- the summary ----------------------------------------------------------------------------

def summary(report: dict[str, Any]) -> str:
    """The report for a person: one table of scoreboard phases, then the submissions."""
    cfg = report["config"]
    loop = "closed loop" if not cfg["think"] else f"{cfg['think']} s between polls"
    out = [f"Podium load benchmark: {cfg['browsers']} browsers ({loop}, "
           f"{cfg['client_procs']} client processes, aiohttp), {cfg['submitters']} submitting "
           f"teams, {cfg['duration']:.0f} s; pool of {cfg['pool_size']} sandboxes",
           f"Caveat: {report['machine']['cpus']} CPUs shared by the clients, the server, the "
           f"judge's containers and anything else on this machine (load average before "
           f"{report['machine']['load_before'][0]:.2f}, after "
           f"{report['machine']['load_after'][0]:.2f}); compare ratios, not absolutes.",
           f"Scoreboard body: {report['scoreboard_bytes']} bytes. Submitting teams use HTTP "
           "Basic; " + ("each authenticated once just before its phase, so its POSTs found its "
                        "credentials cached" if cfg["warm_auth"] else "a team's first POST "
                        "(and any after the server's 60 s cache of it) pays an argon2 check"),
           "",
           "Scoreboard polling (first "
           f"{cfg['warmup']:.0f} s of each phase not counted)",
           f"{'phase':38} {'req/s':>7} {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7}  "
           f"{'200':>7} {'304':>7} {'other':>6}"]
    if not cfg["think"]:
        out.insert(-1, "(closed loop: each browser has one request in flight, so latency is "
                       "about browsers / req/s, mostly waiting in the server's queue)")
    for phase in report["phases"]:
        lat, st, cpu = phase["latency_s"], dict(phase["statuses"]), phase["cpu_cores"]
        other = sum(v for k, v in st.items() if k not in ("200", "304"))
        other += sum(phase["errors"].values())
        out.append(f"{phase['name']:38} {phase['requests_per_s']:7.0f} {ms(lat['p50']):>7} "
                   f"{ms(lat['p90']):>7} {ms(lat['p99']):>7} {ms(lat['max']):>7}  "
                   f"{st.get('200', 0):7} {st.get('304', 0):7} {other:6}")
        out.append(f"    req/s per second min {min(phase['per_second'], default=0)} max "
                   f"{max(phase['per_second'], default=0)}; serving CPU per request "
                   f"{phase['server_cpu_per_request_us']:.0f} us")
        out.append("    CPU cores: " + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items()))
        if phase["errors"]:
            out.append(f"    client errors: {phase['errors']}")
        if phase is report["phases"][-1]:
            series = phase["per_second"]
            out.append("    req/s by 5 s (from the end of the warm-up): " + ", ".join(
                f"{sum(series[i:i + 5]) / len(series[i:i + 5]):.0f}"
                for i in range(0, len(series), 5)))
    ratios = report["ratios"]
    load = report["phases"][-1]
    verdict = "meets" if load["requests_per_s"] >= 2000 else "misses"
    out += ["",
            f"Podium / baseline req/s: idle with ETag {ratios['idle_vs_baseline_etag']:.2f}, "
            f"idle without {ratios['idle_vs_baseline_no_etag']:.2f}, under load with ETag "
            f"{ratios['load_vs_baseline_etag']:.2f}",
            "Podium / baseline serving CPU per request (idle): with ETag "
            f"{ratios['cpu_per_request_idle_vs_baseline_etag']:.2f}, without "
            f"{ratios['cpu_per_request_idle_vs_baseline_no_etag']:.2f}",
            f"Under load: {load['requests_per_s']:.0f} req/s ({verdict} the 2,000 req/s target), "
            f"p99 {ms(load['latency_s']['p99'])}", ""]
    for key, title in (("warmup", "Warm-up (cold judge, 1 submission)"),
                       ("load", "Submissions under load"),
                       ("light", "Light phase (unloaded judge, no browsers)")):
        out += submissions_text(title, report[key])
    out += server_lines(report)
    return "\n".join(out)


def server_lines(report: dict[str, Any]) -> list[str]:
    """How the server ended, its log's warnings and the event feed's reconnects (the same
    closing lines for every bench that runs a server)."""
    problems = report["server_log"]
    return [f"Server: exit code {report['server_exit']}, {problems['lines']} log lines, "
            f"{problems['problems']} warnings/errors; event feed reconnects "
            f"{report['feed_reconnects']}", *(f"    {line}" for line in problems["first"])]


def submissions_text(title: str, s: dict[str, Any]) -> list[str]:
    """One batch of submissions: counts, rates, latencies and their parts, the queue."""
    total, parts = s["submit_to_verdict_s"], (s["queue_wait_s"], s["judging_s"],
                                              s["feed_delay_s"], s["post_s"])
    lines = [f"{title}: {s['planned']} sent, {s['accepted']} accepted, {s['judged']} judged"
             + (f", refused {s['refused']}" if s["refused"] else "")]
    if s["arrival_per_s"]:
        lines.append(f"    arrival {s['arrival_per_s']:.2f}/s; judging throughput "
                     + (f"{s['throughput_per_s']:.2f}" if s["throughput_per_s"] else "-")
                     + " verdicts/s (first to last verdict)")
    if "judged_within_duration" in s:
        lines.append(f"    judged by the end of the phase: {s['judged_within_duration']} "
                     f"({s['throughput_during_per_s']:.2f}/s with the browsers); the rest at "
                     f"{s['throughput_after_per_s']:.2f}/s without; all judged "
                     f"{s['drain_s']:.0f} s after the start (drained: {s['drained']}); "
                     f"longest queue {s['queue_max']}")
        lines.append("    CPU cores while draining: " + ", ".join(
            f"{k} {v:.2f}" for k, v in s["drain_cpu_cores"].items() if k != "clients"))
    lines.append(f"    submit -> verdict: p50 {secs(total['p50'])}, p99 {secs(total['p99'])}, "
                 f"max {secs(total['max'])}  (targets p50 <= 1 s, p99 <= 3 s)")
    lines.append("    parts (p50/p99): queue wait {} / {}, judging {} / {}, feed delay {} / {}, "
                 "POST {} / {}".format(*(secs(p[q]) for p in parts for q in ("p50", "p99"))))
    if len(s["each"]) > 20:
        slices: dict[int, list[float]] = {}
        for one in s["each"]:
            slices.setdefault(int(one["t"] // 10) * 10, []).append(one["post_s"])
        lines.append("    POST by 10 s of sending (p50/max): " + ", ".join(
            f"{t}: {pct(v, 0.5):.2f}/{max(v):.2f}" for t, v in sorted(slices.items())))
    lines.append(f"    verdicts {s['verdicts']}"
                 + (f"; non-AC: {s['non_ac'][:10]}" if s["non_ac"] else ""))
    if "cpu_cores" in s:
        lines.append("    CPU cores: " + ", ".join(
            f"{k} {v:.2f}" for k, v in s["cpu_cores"].items() if k != "clients"))
    if s["refusal_samples"]:
        lines.append(f"    refusals: {s['refusal_samples']}")
    queue = s.get("queue") or []
    if len(queue) > 2:
        step = max(1, len(queue) // 12)
        lines.append("    queue (t s: waiting): " + ", ".join(
            f"{q['t']:.0f}: {q['queue']}" for q in queue[::step]))
    lines.append("")
    return lines


def main() -> int:
    """Parse the options, run in a fresh (or the given) data folder, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browsers", type=int, default=500)
    parser.add_argument("--submitters", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0,
                        help="seconds of the load phase (default 60)")
    parser.add_argument("--submit-rate", type=float, default=None,
                        help="submissions per second from all submitters together (default: "
                             "the server's limit, 10 a minute per team)")
    parser.add_argument("--sb-duration", type=float, default=20.0,
                        help="seconds of each scoreboard-only phase (default 20)")
    parser.add_argument("--warmup", type=float, default=3.0,
                        help="seconds at the start of each phase not counted (default 3)")
    parser.add_argument("--client-procs", type=int, default=2)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds a browser waits between polls (default 0: closed loop)")
    parser.add_argument("--pool-size", type=int, default=2)
    parser.add_argument("--warm-auth", action="store_true",
                        help="have each team authenticate just before its phase, so that its "
                             "POSTs find its Basic credentials cached (no argon2 check)")
    parser.add_argument("--light-submissions", type=int, default=50)
    parser.add_argument("--light-duration", type=float, default=60.0)
    parser.add_argument("--drain-timeout", type=float, default=1800.0,
                        help="seconds to wait for the verdicts after a phase (default 1800)")
    parser.add_argument("--data", type=Path, default=None,
                        help="data folder to use and keep (a contest left there is reused)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--serve-static", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_static:
        port, body, etag = args.serve_static
        serve_static(int(port), Path(body), etag)
        return 0
    if args.submit_rate is None:
        args.submit_rate = args.submitters * 10 / 60 * 0.999  # just under the limit
    if args.submitters + args.light_submissions >= TEAMS:
        parser.error(f"at most {TEAMS - 1} submitting teams in all")
    data = args.data or Path(tempfile.mkdtemp(prefix="podium-load-"))
    data.mkdir(parents=True, exist_ok=True)
    try:
        report = asyncio.run(run(args, data))
    finally:
        if args.data is None:
            shutil.rmtree(data, ignore_errors=True)
    print(json.dumps(report, indent=1, default=str) if args.json else summary(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
