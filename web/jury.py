"""The jury's endpoints beyond CLICS, for the judges' console: the judging queue at a glance,
a submission's full detail, the clock, rejudgings, clarifications with their answered
state, the reveal, the code similarity report, the Docker engines that judge, the contest's
dry run, and in shadow mode the verdicts that differ from the primary's. Jury
accounts only; everything else about the contest is in the CLICS API, which the console
reads too."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from aiohttp import web

from appliance.contest.clarifications import for_jury
from appliance.contest.clock import ClockError, State, extension_refusal
from appliance.contest.control import OPERATIONS, control
from appliance.contest.dry_run import latest
from appliance.contest.ignoring import ignore_log
from appliance.contest.reads import submission_detail
from appliance.contest.rejudging import (
    RejudgingError,
    apply_rejudging,
    cancel_rejudging,
    changes,
    rejudging_ids,
    rejudging_row,
    rejudging_state,
    select_submissions,
    start_rejudging,
)
from appliance.contest.shadow_reads import shadow_view
from appliance.contest.submission_files import stored_files
from appliance.errors import PackageError
from appliance.judging.differences import difference_json, text_head
from appliance.judging.engines import engines
from appliance.judging.figures import queue_figures
from appliance.judging.latency import percentile
from appliance.scoreboard.reveal import Reveal
from appliance.scoreboard.revealed import take_step
from appliance.similarity.fingerprints import DEFAULT_MIN
from appliance.similarity.selection import SimilarityError, contest_problems
from web.api import contest_of, json_body, json_response
from web.auth import User, check_csrf
from web.state import Podium

routes = web.RouteTableDef()
BASE = "/api/contests/{cid}/jury"
REVEAL_TRIES = 5  # steps lost to other workers taking them at once before a 409


async def jury_of(request: web.Request, post: bool = False) -> tuple[Podium, User]:
    podium, user = await contest_of(request)
    if user is None:
        raise web.HTTPUnauthorized(text="log in with a jury account",
                                   headers={"WWW-Authenticate": 'Basic realm="Podium"'})
    if not user.jury:
        raise web.HTTPForbidden(text="jury accounts only")
    if post:
        await check_csrf(request, request.headers.get("X-CSRF-Token"))
    return podium, user


@routes.get("/api/contests/{cid}/shadow-differences")
async def shadow_differences(request: web.Request) -> web.Response:
    """Shadow mode (not CLICS): the primary this contest shadows, counts, and every
    submission whose verdict there differs from ours."""
    podium, _ = await jury_of(request)
    return json_response(shadow_view(podium.store, podium.contest_id).as_json())


@routes.get(BASE + "/queue")
async def queue(request: web.Request) -> web.Response:
    """Counts by state, verdict latency, what each judging process is doing, failures."""
    podium, _ = await jury_of(request)
    now = time.time()
    figures = queue_figures(podium.store, podium.contest_id, now)
    latencies = figures.latencies
    return json_response({
        "counts": figures.counts,
        "latency": {"count": len(latencies),
                    **{f"p{q}": percentile(latencies, q / 100) for q in (50, 95, 99)}},
        "slots": podium.pool_size,
        "judging": [{"submission_id": str(c.submission_id), "worker": c.worker,
                     "for_s": round(now - c.claimed_at, 3)} for c in figures.judging],
        "utilisation": figures.utilisation(podium.pool_size),
        "judged_last_minute": figures.judged_last_minute,
        "failures": [{"submission_id": str(f.submission_id), "status": f.status,
                      "attempt": f.attempt, "error": f.error} for f in figures.failures],
        "judging_error": podium.judging_error(),
    })


@routes.get(BASE + "/engines")
async def engine_list(request: web.Request) -> web.Response:
    """The Docker engines that judge: state (active, draining, drained, down), slots busy
    and total, judgements recorded, the last error."""
    podium, _ = await jury_of(request)
    return json_response([e.to_json() for e in engines(podium.store)])


@routes.get(BASE + "/dry-run")
async def dry_run(request: web.Request) -> web.Response:
    """The contest's newest dry run (`podium contest dry-run`): per problem the slowest
    accepted time against the limit, the verdicts that differ and the spread; null when none
    ran yet."""
    podium, _ = await jury_of(request)
    return json_response(await asyncio.to_thread(latest, podium.store, podium.contest_id))


@routes.get(BASE + "/submissions/{sid}")
async def submission(request: web.Request) -> web.Response:
    """Everything about one submission: its files' text, its judgements and every run."""
    podium, _ = await jury_of(request)
    sid = request.match_info["sid"]
    detail = submission_detail(podium.store, podium.contest_id, sid)
    if detail is None:
        raise web.HTTPNotFound(text=f"no submission {sid!r}")
    row = detail.row
    blobs = podium.store.blobs
    files = stored_files(row["file_name"], row["source_hash"], row["other_files"])
    answers = _answers(podium, row["problem_id"])
    judgements = []
    for j, runs in detail.judgements:
        judgements.append({"id": str(j["id"]), "verdict": j["verdict"],
                           "current": bool(j["is_current"]), "error": j["error"],
                           "compile_output": j["compile_output"],
                           "rejudging_id": j["rejudging_id"], "max_run_time": j["max_run_time"],
                           "score": j["score"], "subtask_scores": json.loads(
                               j["subtask_scores"] or "null"),
                           "runs": [_against_answer(r, answers) for r in runs]})
    return json_response({
        "id": row["clics_id"], "team_id": row["team_id"], "problem_id": row["problem_id"],
        "language_id": row["language_id"], "time": row["time"], "status": row["status"],
        "contest_time": row["contest_time"], "refused_reason": row["refused_reason"],
        "entry_point": row["entry_point"], "last_error": row["last_error"],
        "ignored": bool(row["ignored"]), "ignores": ignore_log(podium.store, row["id"]),
        "files": [{"name": name, "text": blobs.path(digest).read_text(errors="replace")}
                  for name, digest in files.items()],
        "judgements": judgements})


def _answers(podium: Podium, problem_id: str) -> dict[str, Path]:
    """Each test's answer file of the problem's package, by test name ({} if unreadable)."""
    try:
        return {t.name: t.answer for t in podium.package(problem_id).tests}
    except (web.HTTPNotFound, PackageError):
        return {}


def _against_answer(run: dict, answers: dict[str, Path]) -> dict:
    """A run with the start of its test's answer and where the kept output first differs
    (the output is kept for judgements made since migration `custom_runs`; older ones have none)."""
    answer = answers.get(run["test_name"])
    if answer is None or run.get("output") is None:
        return {**run, "answer": None, "difference": None}
    expected = text_head(answer)
    return {**run, "answer": expected, "difference": difference_json(run["output"], expected)}


@routes.post(BASE + "/clock")
async def clock(request: web.Request) -> web.Response:
    """One clock operation (start now, pause, resume, extend by seconds, finalize, thaw)."""
    podium, _ = await jury_of(request, post=True)
    body = await json_body(request)
    operation = body.get("operation")
    if operation not in OPERATIONS:
        raise web.HTTPBadRequest(text=f"operation must be one of {', '.join(OPERATIONS)}")
    seconds = body.get("seconds", 0)
    if refusal := extension_refusal(seconds):
        raise web.HTTPBadRequest(text=f"seconds: {refusal}")
    try:
        await podium.write(control, podium.store, podium.contest_id, operation, podium.now(),
                           None, float(seconds))
    except ClockError as exc:
        raise web.HTTPConflict(text=str(exc)) from None
    podium.live.poll()
    return json_response(clock_json(podium))


def clock_json(podium: Podium) -> dict:
    clock, now = podium.live.clock, podium.now()
    return {"state": clock.state(now).value, "paused": clock.paused(),
            "countdown": clock.countdown(now), "contest_time": clock.contest_time(now),
            "length": clock.length_s, "frozen": podium.live.frozen(),
            "archive_key": podium.archive_key}


@routes.get(BASE + "/clock")
async def clock_state(request: web.Request) -> web.Response:
    podium, _ = await jury_of(request)
    return json_response(clock_json(podium))


def rejudging_json(podium: Podium, rid: int) -> dict:
    row = rejudging_row(podium.store, podium.contest_id, rid)
    if row is None:
        raise web.HTTPNotFound(text=f"no rejudging {rid}")
    found = changes(podium.store, rid)
    return {"id": str(rid), "reason": row["reason"],
            "state": rejudging_state(row["state"], found),
            "created": row["created"], "pending": sum(c.after is None for c in found),
            "changes": [{"submission_id": str(c.submission_id), "before": c.before,
                         "after": c.after, "differs": c.differs} for c in found]}


@routes.get(BASE + "/rejudgings")
async def rejudgings(request: web.Request) -> web.Response:
    podium, _ = await jury_of(request)
    return json_response([rejudging_json(podium, rid)
                          for rid in rejudging_ids(podium.store, podium.contest_id)])


@routes.get(BASE + "/rejudgings/{rid:\\d+}")
async def rejudging(request: web.Request) -> web.Response:
    podium, _ = await jury_of(request)
    return json_response(rejudging_json(podium, int(request.match_info["rid"])))


@routes.post(BASE + "/rejudgings")
async def rejudge(request: web.Request) -> web.Response:
    """Start a rejudging of the judged submissions that the given filters select."""
    podium, _ = await jury_of(request, post=True)
    body = await json_body(request)
    filters = {key: body.get(key) for key in ("submission_id", "problem_id", "team_id",
                                              "language_id")}
    if all(v is None for v in filters.values()):
        raise web.HTTPBadRequest(text="give a submission_id, problem_id, team_id or "
                                      "language_id to rejudge")
    try:
        sub = filters["submission_id"]
        ids = select_submissions(podium.store, podium.contest_id,
                                 submission=None if sub is None else str(sub),
                                 problem=filters["problem_id"], team=filters["team_id"],
                                 language=filters["language_id"])
        rid = await podium.write(start_rejudging, podium.store, podium.contest_id, ids,
                                 str(body.get("reason") or ""))
    except ValueError:
        raise web.HTTPBadRequest(text="submission_id must be a submission id") from None
    except RejudgingError as exc:
        raise web.HTTPConflict(text=str(exc)) from None
    return json_response(rejudging_json(podium, rid), status=201)


@routes.post(BASE + "/rejudgings/{rid:\\d+}/{action:apply|cancel}")
async def settle(request: web.Request) -> web.Response:
    podium, _ = await jury_of(request, post=True)
    rid = int(request.match_info["rid"])
    rejudging_json(podium, rid)  # 404 for another contest's
    act = apply_rejudging if request.match_info["action"] == "apply" else cancel_rejudging
    try:
        await podium.write(act, podium.store, rid)
    except RejudgingError as exc:
        raise web.HTTPConflict(text=str(exc)) from None
    return json_response(rejudging_json(podium, rid))


@routes.get(BASE + "/clarifications")
async def clarifications(request: web.Request) -> web.Response:
    """Every clarification, unanswered questions first, each with its answered state."""
    podium, _ = await jury_of(request)
    return json_response([{"id": c.id, "from_team_id": c.from_team_id,
                           "to_team_id": c.to_team_id, "reply_to_id": c.reply_to_id,
                           "problem_id": c.problem_id, "text": c.text, "time": c.time,
                           "answered": c.answered}
                          for c in for_jury(podium.store, podium.contest_id)])


@routes.post(BASE + "/reveal")
async def reveal(request: web.Request) -> web.Response:
    """One step of the resolver: the next frozen cell from the bottom of the public board.
    The step is stored (`scoreboard/revealed.py`), so every worker shows it; a step another
    worker stored first is shown here, and the next cell chosen again."""
    podium, user = await jury_of(request, post=True)
    live = podium.live
    for _ in range(REVEAL_TRIES):
        live.poll()  # the steps other workers took, on this board first
        if live.clock.state(podium.now()) not in (State.ENDED, State.FINALIZED):
            raise web.HTTPConflict(text="the reveal starts after the end, before the thaw")
        cell = Reveal(live.board).next_cell()
        if cell is None:
            return json_response({"done": True, "step": None})
        after = live.revealed
        if await podium.write(take_step, podium.store, podium.contest_id, after, *cell,
                              user.username, podium.now()):
            live.poll()  # shows the step just stored (unless the write's own poll did)
            step = live.steps.get(after + 1)
            if step is None:  # the board was made again meanwhile without that cell
                raise web.HTTPConflict(text="the board changed during the step: try again")
            return json_response({
                "done": Reveal(live.board).next_cell() is None,
                "step": {"team_id": step.team_id, "problem_id": step.problem_id,
                         "solved": step.solved, "old_rank": step.old_rank,
                         "new_rank": step.new_rank}})
    raise web.HTTPConflict(text="other reveal steps are being taken at the same time: "
                                "try again")


@routes.get(BASE + "/similarity")
async def similarity(request: web.Request) -> web.Response:
    """Pairs of submissions ranked by code similarity, per problem (or `?problem=` one, by id
    or label), with their matching lines; `?all=1` compares every submission, not only each
    team's first accepted one; `?min=` the least similarity listed (default 0.3). Made in a
    worker thread and kept until the compared submissions change."""
    podium, _ = await jury_of(request)
    try:
        least = float(request.query.get("min", DEFAULT_MIN))
    except ValueError:
        raise web.HTTPBadRequest(text="min must be a number from 0 to 1") from None
    if not 0 <= least <= 1:
        raise web.HTTPBadRequest(text="min must be a number from 0 to 1")
    accepted_only = request.query.get("all", "0") in ("0", "false", "")

    def reports() -> list[dict]:
        return [podium.similarity.report(podium.store, podium.contest_id, row["id"],
                                         accepted_only, podium.library).above(least).to_json()
                for row in contest_problems(podium.store, podium.contest_id,
                                            request.query.get("problem"))]

    try:
        made = await asyncio.get_running_loop().run_in_executor(None, reports)
    except SimilarityError as exc:
        raise web.HTTPNotFound(text=str(exc)) from None
    return json_response(made)
