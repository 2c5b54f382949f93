"""A full contest rehearsal: a real `podium serve` judging a simulated five-hour contest in
Docker, compressed into minutes; throughput, submit -> verdict latency, the queue, the verdict
mix, and the final scoreboard against one recomputed here from the rules.

Run by hand (Docker; 15-40 minutes at full size on 2 cores):
`.venv/bin/python bench/rehearsal.py [--teams 120] [--problems 12] [--submissions 3000]
[--minutes 10] [--seed 1] [--json]`, or `--quick` (12 teams, 4 problems, 100 submissions,
2 minutes).

Set-up is the organizer's: `podium contest create` with the first `--problems` packages of
`problem_packs/` (`hello` first, as the easy opener, then by name; `--packages` names them)
and `--teams` generated teams with passwords, `podium contest clock ... start --at`, then
`podium serve --pool-size <cores>` on a free loopback port. The plan (bench/rehearsal_plan.py)
gives each submission its team, problem, contest time and a program from that problem's
`submissions/<verdict>/` folder; sources are padded with comments to realistic sizes.

Time: contest time is compressed `5 h / --minutes`-fold. Submissions are sent by the `admin`
account for their team with their own contest time (CLICS `admin_submit`), each at the moment
its contest time comes on the compressed clock, so the judge sees the contest's arrival
pattern 5 h / minutes times faster, and each submission is scored at its simulated time. (A
team's own POST is scored at the server's time, which runs uncompressed, so teams cannot
rehearse a compressed contest themselves; their per-team costs, argon2 and the rate limit, are
bench/load.py's subject.) The contest is started `5 h - minutes` before the rehearsal, so it is
running throughout and no submission's time lies in the server's future.

Measured: submit -> verdict per submission, from sending its POST to its judgement on the
event feed (followed as admin); the queue (queued + judging) from the jury queue endpoint every
2 s; throughput as judged submissions per minute per core, from the first POST to the last
verdict. The baseline, measured in the same run on the same pool because the machine is shared
and noisy: `--baseline` (10 x pool) copies of `hello`'s Python hello world sent at once just
before the rehearsal (the queue empty) by one more team of their own, and the same figure for
them; the report gives the ratio. That team's row stays on the board. The boards (jury and
frozen public) from the API are compared row by row with bench/rehearsal_board.py's, worked
out from the plan's teams, problems and times and the verdicts the feed gave.

Measured 2026-11-23, idle machine (seed 1; load average 0.6 before, 3.4 after; 12 problems:
hello, bigsum, divisors, floats, guessing, multilang, paths, pruning, reversegroups,
rotation, strings, sum; --drain-timeout 2700):
    3,000 sent over 600 s (none refused); 2,932 judged when the 45-minute drain ended,
    3,300 s after the first POST: 53.3 judged/min, 26.7 judged/min/core.
    Baseline, 20 Python hello worlds on an empty queue just before: 47.6 judged/min/core;
    rehearsal / baseline 0.56 (compiles, Java/Kotlin start-up and TLE runs cost more than a
    hello world).
    Submit -> verdict of the judged: p50 1,051 s, p99 2,714 s (queue wait: the 30x clock
    sends ~5x faster than 2 slots judge; judging itself p50 1.58 s, p99 6.43 s); of all 3,000
    with the unjudged at their wait so far: p50 1,081 s, p99 2,740 s. POST p50 0.01 s, p99
    0.03 s. Queue max 2,349.
    Verdicts (intended share / planned / got): AC 45 %/960/941, WA 25 %/927/916, TLE
    12 %/445/440, RTE 8 %/297/296, CE 5 %/186/183, MLE 3 %/111/95, OLE 2 %/74/61 (the
    missing ones were among the 68 unjudged); 0 verdicts outside what the program's folder
    allows. AC is planned below 45 %: one accepted submission per (team, problem) and at most
    2/3 of the pairs solved (MAX_SOLVED in rehearsal_plan.py).
    Scoreboard (jury) and the frozen public board vs the recomputation: OK, 121 rows each.
    Server: exit 0, no warnings; the event feed never reconnected.
    At this rate 3,000 submissions take ~56 min to judge on 2 cores: a real 5-hour contest
    (3,000 in 300 min) with ~5x to spare; a 30x rehearsal not.
An earlier run under heavy load from other test runs (load 6-15; 9 problems) judged 1,373 in
27 minutes: 18.6 judged/min/core, same board check OK.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from appliance.problems.load import load_problem  # noqa: E402
from bench.load import (  # noqa: E402
    CONTEST,
    PODIUM,
    SUBMISSIONS,
    CpuMeter,
    VerdictFeed,
    basic,
    free_port,
    log_problems,
    pct,
    post_submission,
    say,
    secs,
    server_lines,
    start_server,
    stop,
)
from bench.rehearsal_board import Judged, compare, describe, from_api, minutes_of, standings  # noqa: E402
from bench.rehearsal_plan import (  # noqa: E402
    DURATION_S,
    FOLDERS,
    INTENDED_MIX,
    Planned,
    Program,
    plan,
)
from judge.languages import Language, load_languages  # noqa: E402
from judge.programs import source_from_path  # noqa: E402
from tests.webserver import zipped  # noqa: E402

PACKS = REPO / "problem_packs"
BASE = f"/api/contests/{CONTEST}"
HELLO = PACKS / "hello/submissions/accepted/hello.py"
LINE_COMMENTS = {"c": "//", "cpp": "//", "cpp17": "//", "java": "//", "kotlin": "//",
                 "go": "//", "rust": "//", "javascript": "//", "csharp": "//", "d": "//",
                 "python3": "#", "pypy3": "#", "ruby": "#", "perl": "#", "haskell": "--",
                 "lua": "--", "fortran": "!"}
QUICK = {"teams": 12, "problems": 4, "submissions": 100, "minutes": 2.0}


# --- the problems and their programs --------------------------------------------------------

def choose_packages(count: int, names: list[str] | None) -> list[Path]:
    """The named packages, or `hello` then the others by name, `count` at most."""
    if names:
        return [PACKS / n for n in names]
    found = sorted(p for p in PACKS.iterdir() if (p / "problem.yaml").is_file())
    ordered = sorted(found, key=lambda p: (p.name != "hello", p.name))
    return ordered[:count]


def catalogue(packages: list[Path]) -> tuple[dict[str, dict[str, list[Program]]],
                                             list[Program]]:
    """Each package's programs by the verdict their folder expects (keyed by package folder),
    and every compile error of problem_packs/ (which fail whatever the problem)."""
    folder_verdict = {folder: verdict for verdict, folder in FOLDERS.items()}

    def programs(package: Path) -> dict[str, list[Program]]:
        out: dict[str, list[Program]] = {}
        for sub in load_problem(package).submissions:
            verdict = folder_verdict.get(sub.expected)
            if verdict:
                language = source_from_path(sub.path, languages()).language.id
                out.setdefault(verdict, []).append(Program(sub.path, language,
                                                           sub.accepted_verdicts))
        return out

    chosen = {p.name: programs(p) for p in packages}
    everywhere = [chosen.get(p.name) or programs(p) for p in sorted(PACKS.iterdir())
                  if (p / "problem.yaml").is_file()]
    return chosen, [prog for each in everywhere for prog in each.get("CE", [])]


def source_of(program: Program, size: int, tag: str) -> tuple[dict[str, bytes], str | None]:
    """The program's files, the main one padded with comment lines (a header naming the team,
    then filler) to about `size` bytes when its language has line comments; and the entry
    point when the API needs one."""
    source = source_from_path(program.path, languages())
    files = dict(source.files)
    main = files[source.main]
    mark = LINE_COMMENTS.get(program.language_id)
    if mark:
        lines = [f"{mark} {tag}"]
        filler = (f"{mark} template: fast input, typedefs, debug macros and notes kept from "
                  "practice sessions")
        while len(main) + sum(len(x) + 1 for x in lines) < size:
            lines.append(f"{filler} ({len(lines)})")
        main = main.rstrip(b"\n") + b"\n\n" + "\n".join(lines).encode() + b"\n"
    files[source.main] = main
    entry = None
    if source.language.entry_rule:
        entry = source.language.entry_point(main.decode("utf-8", "replace"))
    return files, entry


@functools.cache
def languages() -> dict[str, Language]:
    """The language table, read once."""
    return load_languages()


# --- the contest and the server -------------------------------------------------------------

def create_contest(data: Path, packages: list[Path], teams: int) -> str:
    """`podium contest create`; the admin account's password from the logins it prints."""
    argv = [str(PODIUM), "contest", "create", "Test", "--teams", str(teams), "--data", str(data)]
    for package in packages:
        argv += ["--problem", str(package)]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "COLUMNS": "300"})
    if done.returncode:
        raise SystemExit(f"podium contest create failed: {done.stdout}{done.stderr}")
    for line in done.stdout.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) == 5 and cells[1] == "admin":
            return cells[3]
    raise SystemExit(f"no admin password in what podium contest create printed:\n{done.stdout}")


def start_clock(data: Path, at: datetime) -> None:
    """`podium contest clock test start --at`."""
    subprocess.run([str(PODIUM), "contest", "clock", CONTEST, "start", "--at",
                    at.isoformat(timespec="seconds"), "--data", str(data)],
                   check=True, capture_output=True, cwd=REPO)


# --- sending and measuring ------------------------------------------------------------------

@dataclass
class Sent:
    """One submission: what was planned, and what happened to its POST."""

    planned: Planned
    problem_id: str  # as the contest names it
    sent: float = 0.0  # monotonic
    sent_wall: float = 0.0
    answered: float = 0.0
    status: int = 0
    id: str | None = None
    error: str | None = None


async def post(session: aiohttp.ClientSession, base: str, auth: dict[str, str], sent: Sent,
               start: datetime, tag: str) -> None:
    """POST one submission as the admin, for its team, at its own contest time."""
    p = sent.planned
    files, entry = source_of(p.program, p.size, tag)
    body: dict[str, Any] = {
        "problem_id": sent.problem_id, "language_id": p.program.language_id,
        "team_id": p.team_id, "files": [{"data": zipped(files)}],
        "time": (start + timedelta(seconds=p.contest_time_s)).isoformat(timespec="milliseconds")}
    if entry:
        body["entry_point"] = entry
    sent.sent_wall = time.time()
    await post_submission(session, base + SUBMISSIONS, body, auth, sent)


async def sample_queue(session: aiohttp.ClientSession, base: str, auth: dict[str, str],
                       began: float, samples: list[dict]) -> None:
    """Every 2 s: the server's queued and judging counts."""
    while True:
        try:
            async with session.get(base + BASE + "/jury/queue", headers=auth) as response:
                counts = (await response.json())["counts"]
            samples.append({"t": round(time.monotonic() - began, 1),
                            "queued": counts["queued"], "judging": counts["judging"]})
        except (aiohttp.ClientError, OSError, ValueError, KeyError) as exc:
            say(f"queue sample failed: {exc}")
        await asyncio.sleep(2.0)


async def get_json(session: aiohttp.ClientSession, url: str, auth: dict[str, str]) -> Any:
    async with session.get(url, headers=auth) as response:
        response.raise_for_status()
        return await response.json()


async def settled_board(session: aiohttp.ClientSession, base: str, auth: dict[str, str],
                        wait_s: float = 30.0) -> dict:
    """The jury board once nothing is pending on it (the live board follows the event log a
    moment behind the feed), or as it is after `wait_s`."""
    deadline = time.monotonic() + wait_s
    while True:
        board = await get_json(session, base + BASE + "/scoreboard", auth)
        if not any(c["num_pending"] for r in board["rows"] for c in r["problems"]) \
                or time.monotonic() > deadline:
            return board
        await asyncio.sleep(0.2)


def quantiles(values: list[float]) -> dict[str, float | None]:
    return {"p50": pct(values, 0.5), "p99": pct(values, 0.99),
            "max": max(values) if values else None}


def judged_rate(first_sent: float, last_verdict: float, judged: int) -> dict[str, float]:
    """Judged submissions per minute, and per minute per core, over a window."""
    minutes = max(1e-9, last_verdict - first_sent) / 60
    return {"window_s": round(minutes * 60, 1), "per_minute": judged / minutes,
            "per_minute_per_core": judged / minutes / (os.cpu_count() or 1)}


# --- the run --------------------------------------------------------------------------------

async def run(args: argparse.Namespace, data: Path) -> dict[str, Any]:
    """Set up, rehearse, drain, compare, measure the baseline; the report."""
    packages = choose_packages(args.problems, args.packages)
    programs, compile_errors = catalogue(packages)
    teams = [f"team{i:03d}" for i in range(1, args.teams + 1)]
    planned = plan(teams, [p.name for p in packages], programs, args.submissions, args.seed,
                   compile_errors)
    say(f"plan: {len(planned)} submissions of {len(teams)} teams on {len(packages)} problems "
        f"({', '.join(p.name for p in packages)})")
    started = time.monotonic()
    admin_password = await asyncio.to_thread(create_contest, data, packages,
                                             args.teams + (1 if args.baseline else 0))
    say(f"contest created in {time.monotonic() - started:.0f} s")
    wall_s = args.minutes * 60
    factor = DURATION_S / wall_s
    zero = math.ceil(time.time()) + args.lead  # when contest time 0 is to be rehearsed
    start = datetime.fromtimestamp(zero - (DURATION_S - wall_s) - 2, UTC)
    await asyncio.to_thread(start_clock, data, start)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server([str(PODIUM), "serve", "--data", str(data), "--host", "127.0.0.1",
                           "--port", str(port), "--pool-size", str(args.pool_size),
                           "--workers", "1"],  # one process: its CPU is the server's
                          base + "/api", data / "serve.log")
    auth = basic("admin", admin_password)
    report: dict[str, Any] = {
        "config": {k: v for k, v in vars(args).items() if k not in ("json",)},
        "machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()},
        "problems": [p.name for p in packages], "compression": factor}
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                    timeout=aiohttp.ClientTimeout(total=300))
    feed = VerdictFeed(base, auth)
    tasks: list[asyncio.Task] = []
    try:
        contest = await get_json(session, base + BASE, auth)
        problems = sorted(await get_json(session, base + BASE + "/problems", auth),
                          key=lambda p: p["ordinal"])
        ids = {package.name: p["id"] for package, p in zip(packages, problems, strict=True)}
        team_rows = await get_json(session, base + BASE + "/teams", auth)
        await feed.catch_up(session)
        tasks.append(asyncio.create_task(feed.follow(session)))
        sends = [Sent(p, ids[p.problem_id]) for p in planned]
        extra: list[Sent] = []
        if args.baseline:
            extra, report["baseline"] = await baseline(
                session, base, auth, feed, start, ids[packages[0].name],
                f"team{args.teams + 1:03d}", args.baseline)
        ready = time.time()
        if ready > zero:
            say(f"set-up took {ready - zero:.0f} s longer than --lead: starting now")
        zero = max(zero, ready)
        began = time.monotonic() + (zero - time.time())
        samples: list[dict] = []
        tasks.append(asyncio.create_task(sample_queue(session, base, auth, began, samples)))
        meter = CpuMeter({"server": server.pid})
        say(f"rehearsing: 5 h of contest in {args.minutes:g} min ({factor:.0f}x), "
            f"{len(sends)} submissions, pool of {args.pool_size}")
        posts = []
        for n, sent in enumerate(sends):
            await asyncio.sleep(max(0.0, began + sent.planned.contest_time_s / factor
                                    - time.monotonic()))
            posts.append(asyncio.create_task(post(session, base, auth, sent, start,
                                                  f"{sent.planned.team_id} #{n}")))
            if n and n % max(1, len(sends) // 10) == 0:
                say(f"  {n} sent, {len(feed.verdicts)} judged")
        await asyncio.gather(*posts)
        accepted = {s.id for s in sends if s.id}
        say(f"all sent ({len(accepted)} accepted); draining the queue")
        drained = await feed.wait_for(accepted, time.monotonic() + args.drain_timeout)
        cpu = meter.cores(0.0)
        report["rehearsal"] = measure(sends, feed, samples, began, drained, cpu)
        say(f"  judged {report['rehearsal']['judged']} of {len(accepted)}; comparing boards")
        report["boards"] = await boards(session, base, auth, sends + extra, feed, team_rows,
                                        [p["id"] for p in problems], contest)
        if args.baseline:
            report["ratio"] = (report["rehearsal"]["throughput"]["per_minute_per_core"]
                               / report["baseline"]["throughput"]["per_minute_per_core"])
    finally:
        for task in tasks:
            task.cancel()
        await session.close()
        say("stopping the server (SIGTERM)")
        report["server_exit"] = stop(server)
        report["server_log"] = log_problems(data / "serve.log")
    report["machine"]["load_after"] = os.getloadavg()
    report["feed_reconnects"] = feed.reconnects
    return report


def measure(sends: list[Sent], feed: VerdictFeed, samples: list[dict], began: float,
            drained: bool, cpu: dict[str, float]) -> dict[str, Any]:
    """Latencies, throughput, the queue and the verdict mix of the rehearsal."""
    now = time.monotonic()
    accepted = [s for s in sends if s.id]
    judged = [(s, feed.verdicts[s.id]) for s in accepted if s.id in feed.verdicts]
    first = min(s.sent for s in sends)
    last = max((v.arrived for _, v in judged), default=first)
    intended = Counter(s.planned.verdict for s in sends)
    got = Counter(v.verdict for _, v in judged)
    unexpected = [{"id": s.id, "problem": s.problem_id, "program":
                   str(s.planned.program.path.relative_to(PACKS)), "expected":
                   sorted(s.planned.program.allowed), "got": v.verdict}
                  for s, v in judged if v.verdict not in s.planned.program.allowed]
    hours = Counter(int(s.planned.contest_time_s // 3600) for s in sends)
    return {
        "sent": len(sends), "accepted": len(accepted), "judged": len(judged),
        "drained": drained, "refused": [s.error for s in sends if s.error][:5],
        "refused_count": sum(1 for s in sends if s.error),
        "throughput": judged_rate(first, last, len(judged)),
        "submit_to_verdict_s": quantiles([v.arrived - s.sent for s, v in judged]),
        # with the unjudged at what they had waited when the drain ended: a lower bound
        "submit_to_verdict_all_s": quantiles(
            [feed.verdicts[s.id].arrived - s.sent if s.id in feed.verdicts else now - s.sent
             for s in accepted]),
        "queue_wait_s": quantiles([v.start - s.sent_wall for s, v in judged]),
        "judging_s": quantiles([v.end - v.start for _, v in judged]),
        "post_s": quantiles([s.answered - s.sent for s in sends if s.status]),
        "queue_max": max((q["queued"] + q["judging"] for q in samples), default=0),
        "queue": samples, "sending_s": max(s.sent for s in sends) - began,
        "mix": {v: {"intended_share": INTENDED_MIX.get(v, 0.0),
                    "planned": intended.get(v, 0), "got": got.get(v, 0)}
                for v in sorted(set(INTENDED_MIX) | set(got), key=lambda v: -intended.get(v, 0))},
        "unexpected": unexpected,
        "borrowed_compile_errors": sum(s.planned.borrowed for s in sends),
        "per_problem": dict(Counter(s.problem_id for s in sends).most_common()),
        "languages": dict(Counter(s.planned.program.language_id for s in sends).most_common()),
        "per_hour": [hours.get(h, 0) for h in range(DURATION_S // 3600)],
        "source_bytes": quantiles([float(s.planned.size) for s in sends]),
        "cpu_cores": cpu}


async def boards(session: aiohttp.ClientSession, base: str, auth: dict[str, str],
                 sends: list[Sent], feed: VerdictFeed, team_rows: list[dict],
                 problems: list[str], contest: dict, tries: int = 10) -> dict[str, Any]:
    """The jury and public boards from the API against ours, from the plan and the verdicts
    the feed has given. If the queue did not drain, judging goes on while the boards are read,
    so a board and the feed may be a verdict apart: then try again, `tries` times at most."""
    teams = [(t["id"], t["name"]) for t in team_rows]
    freeze_at = (minutes_of(contest["duration"]) - minutes_of(
        contest["scoreboard_freeze_duration"])) * 60
    penalty = minutes_of(contest["penalty_time"]) or 0
    for attempt in range(1, tries + 1):
        jury = await settled_board(session, base, auth)
        public = await get_json(session, base + BASE + "/scoreboard", {})
        await asyncio.sleep(0.3)  # the feed can be a moment behind the board
        judged = [Judged(s.id, s.planned.team_id, s.problem_id, s.planned.contest_time_s,
                         feed.verdicts[s.id].verdict if s.id in feed.verdicts else None)
                  for s in sends if s.id]
        out: dict[str, Any] = {"attempts": attempt}
        for name, board, frozen in (("jury", jury, None), ("public", public, freeze_at)):
            result = compare(from_api(board), standings(teams, problems, judged, penalty,
                                                        frozen))
            out[name] = {"same": result.same, "rows": result.rows,
                         "differing": result.differing,
                         "first": [[describe(a), describe(b)] for a, b in result.first]}
        out["leaders"] = [describe(line) for line in from_api(jury)[:3]]
        if out["jury"]["same"] and out["public"]["same"]:
            break
    return out


async def baseline(session: aiohttp.ClientSession, base: str, auth: dict[str, str],
                   feed: VerdictFeed, start: datetime, problem_id: str, team: str,
                   count: int) -> tuple[list[Sent], dict[str, Any]]:
    """`count` Python hello worlds sent at once, before the rehearsal (the queue empty), by a
    team of their own in the contest's first second: judged per minute per core on the same
    pool. They stay on the board (that team's row), and in the recomputation."""
    say(f"baseline: {count} hello worlds at once, as {team}")
    program = Program(HELLO, "python3", frozenset({"AC"}))
    sends = [Sent(Planned(team, "hello", 1.0 + n / 1000, "AC", program, 0), problem_id)
             for n in range(count)]
    await asyncio.gather(*(post(session, base, auth, s, start, f"baseline #{n}")
                           for n, s in enumerate(sends)))
    ids = {s.id for s in sends if s.id}
    drained = await feed.wait_for(ids, time.monotonic() + 600)
    judged = [feed.verdicts[i] for i in ids if i in feed.verdicts]
    first = min(s.sent for s in sends)
    last = max((v.arrived for v in judged), default=first)
    say(f"  {len(judged)} judged in {last - first:.0f} s")
    return sends, {
        "sent": len(sends), "team": team, "judged": len(judged), "drained": drained,
        "verdicts": dict(Counter(v.verdict for v in judged)),
        "throughput": judged_rate(first, last, len(judged)),
        "submit_to_verdict_s": quantiles([feed.verdicts[s.id].arrived - s.sent for s in sends
                                          if s.id in feed.verdicts])}


# --- the summary ----------------------------------------------------------------------------

def summary(report: dict[str, Any]) -> str:
    """The report for a person."""
    cfg, r = report["config"], report["rehearsal"]
    machine = report["machine"]
    out = [f"Podium contest rehearsal: {cfg['teams']} teams, {len(report['problems'])} problems "
           f"({', '.join(report['problems'])}), {r['sent']} submissions; 5 h of contest in "
           f"{cfg['minutes']:g} min ({report['compression']:.0f}x); pool of {cfg['pool_size']}, "
           f"{machine['cpus']} CPUs; seed {cfg['seed']}",
           f"Caveat: the CPUs are shared with anything else running here (load average "
           f"{machine['load_before'][0]:.2f} before, {machine['load_after'][0]:.2f} after); "
           "compare the ratio, not absolutes.",
           f"Sent {r['sent']} ({r['accepted']} accepted, {r['refused_count']} refused) over "
           f"{r['sending_s']:.0f} s; judged {r['judged']} (all: {r['drained']}) in "
           f"{r['throughput']['window_s']:.0f} s from the first POST to the last verdict",
           f"Throughput: {r['throughput']['per_minute']:.1f} judged/min, "
           f"{r['throughput']['per_minute_per_core']:.1f} judged/min/core"]
    if "baseline" in report:
        b = report["baseline"]
        out.append(f"Baseline ({b['sent']} Python hello worlds at once before the rehearsal, "
                   f"same pool, by {b['team']}, a team of their own): "
                   f"{b['throughput']['per_minute_per_core']:.1f} judged/min/core, verdicts "
                   f"{b['verdicts']}; rehearsal / baseline = {report['ratio']:.2f}")
    lat = r["submit_to_verdict_s"]
    if not r["drained"]:
        low = r.get("submit_to_verdict_all_s")
        out.append(f"NOT DRAINED: {r['accepted'] - r['judged']} submissions still unjudged "
                   f"after --drain-timeout; the latencies below are of the judged only"
                   + (f" (all, the unjudged at their wait so far, a lower bound: p50 "
                      f"{secs(low['p50'])}, p99 {secs(low['p99'])})" if low else ""))
    out += [f"Submit -> verdict: p50 {secs(lat['p50'])}, p99 {secs(lat['p99'])}, max "
            f"{secs(lat['max'])}; queue wait p50/p99 {secs(r['queue_wait_s']['p50'])} / "
            f"{secs(r['queue_wait_s']['p99'])}; judging p50/p99 {secs(r['judging_s']['p50'])} / "
            f"{secs(r['judging_s']['p99'])}; POST p50/p99 {secs(r['post_s']['p50'])} / "
            f"{secs(r['post_s']['p99'])}",
            f"Queue (queued + judging): max {r['queue_max']}; by the minute: " + ", ".join(
                f"{q['queued'] + q['judging']}" for q in r["queue"][::30]),
            "Verdicts (intended share / planned / got): " + ", ".join(
                f"{v} {m['intended_share']:.0%}/{m['planned']}/{m['got']}"
                for v, m in r["mix"].items()),
            f"    {len(r['unexpected'])} verdicts outside what the program's folder allows"
            + (": " + "; ".join(f"{u['program']} {u['got']}" for u in r["unexpected"][:8])
               if r["unexpected"] else ""),
            f"    compile errors borrowed from another problem's folder: "
            f"{r['borrowed_compile_errors']}",
            f"Per problem: {r['per_problem']}",
            f"Per contest hour: {r['per_hour']}; languages: {r['languages']}; source bytes p50 "
            f"{r['source_bytes']['p50']:.0f}, max {r['source_bytes']['max']:.0f}",
            "CPU cores during the rehearsal: " + ", ".join(
                f"{k} {v:.2f}" for k, v in r["cpu_cores"].items() if k != "clients")]
    for name in ("jury", "public"):
        b = report["boards"][name]
        out.append(f"Scoreboard ({name}{', frozen' if name == 'public' else ''}) vs "
                   f"recomputation: {'OK' if b['same'] else 'DIFF'} ({b['rows']} rows"
                   + ("" if b["same"] else f", {b['differing']} differ")
                   + f"; read {report['boards']['attempts']} time(s))")
        for server_row, our_row in b["first"]:
            out += [f"    server: {server_row}", f"    ours:   {our_row}"]
    out.append("Leaders: " + " || ".join(report["boards"]["leaders"]))
    out += server_lines(report)
    return "\n".join(out)


def parser() -> argparse.ArgumentParser:
    """The options (also used by the test, with small values)."""
    cores = len(os.sched_getaffinity(0))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="12 teams, 4 problems, 100 submissions in 2 minutes")
    ap.add_argument("--teams", type=int, default=120)
    ap.add_argument("--problems", type=int, default=12,
                    help="how many packages of problem_packs/ (hello first, then by name)")
    ap.add_argument("--packages", type=lambda s: s.split(","), default=None,
                    help="comma-separated package folders of problem_packs/ instead")
    ap.add_argument("--submissions", type=int, default=3000)
    ap.add_argument("--minutes", type=float, default=10.0,
                    help="wall minutes for the 5 h of contest (default 10: 30x)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pool-size", type=int, default=cores)
    ap.add_argument("--baseline", type=int, default=None,
                    help="hello worlds for the baseline (default 10 x pool; 0: none)")
    ap.add_argument("--lead", type=int, default=15,
                    help="seconds allowed for the server to start before contest time 0")
    ap.add_argument("--drain-timeout", type=float, default=3600.0)
    ap.add_argument("--data", type=Path, default=None, help="data folder to use and keep")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    return ap


def options(argv: list[str] | None = None) -> argparse.Namespace:
    """Parsed options with --quick and the baseline's default applied."""
    ap = parser()
    args = ap.parse_args(argv)
    if args.quick:
        for key, value in QUICK.items():
            if ap.get_default(key) == getattr(args, key):
                setattr(args, key, value)
    if args.baseline is None:
        args.baseline = 10 * args.pool_size
    if args.packages:
        missing = [n for n in args.packages if not (PACKS / n / "problem.yaml").is_file()]
        if missing:
            ap.error(f"no such package in problem_packs/: {', '.join(missing)}")
        if args.baseline and args.packages[0] != "hello":
            ap.error("the baseline judges hello: name it first, or give --baseline 0")
    return args


def rehearse(args: argparse.Namespace) -> dict[str, Any]:
    """One rehearsal in the given data folder or a temporary one (removed after)."""
    data = args.data or Path(tempfile.mkdtemp(prefix="podium-rehearsal-"))
    data.mkdir(parents=True, exist_ok=True)
    try:
        return asyncio.run(run(args, data))
    finally:
        if args.data is None:
            shutil.rmtree(data, ignore_errors=True)


def main() -> int:
    args = options()
    report = rehearse(args)
    print(json.dumps(report, indent=1, default=str) if args.json else summary(report))
    boards = report["boards"]
    return 0 if boards["jury"]["same"] and boards["public"]["same"] else 1


if __name__ == "__main__":
    sys.exit(main())
