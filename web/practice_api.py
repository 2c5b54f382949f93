"""Practice over JSON under /api/practice/, for editor plugins and scripts as well as the
pages, in the shape a LeetCode user expects: the problem list paged (tags, difficulty), a
problem with its statement, samples and the stub in a language, `run` and `submit`
answering an id at once, `check/{id}` polled until the verdict, and the leaderboard.

Same accounts (HTTP Basic or the session), same rules and limits as the practice pages:
`actions.require(..., "practice")`, the submission and run rates, the source size. A run's
id is `run-N`, a submission's its number, so one `check` answers both."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from appliance.contest.reads import current_judgement, runs_of, submission_row
from appliance.contest.submission_files import SubmittedFiles
from appliance.contest.visibility import sees_practice_submission, sees_run_of
from appliance.functions.code import stubs_for
from appliance.judging.feedback import failed_test
from appliance.practice.archive import search
from appliance.practice.distribution import standings_of
from appliance.practice.solving import account_names, attempts_from_store, leaderboard
from appliance.statements.samples import statement_samples
from appliance.store_schema import PRACTICE
from web import actions
from web.api import json_body, json_response, podium_of
from web.auth import User, current_user, viewer_of
from web.pages import offered
from web.practice import archive_problems, progress_of
from web.running import from_json, poster, run_view, start_run
from web.state import Podium
from web.submitting import source_file_name, submit_practice, text_field

routes = web.RouteTableDef()
PREFIX = "/api/practice"
RUN_PREFIX = "run-"
MAX_LIMIT = 100
DEFAULT_LANGUAGE = "python3"


async def api_user(request: web.Request) -> tuple[Podium, User]:
    """The account asking (401 without one), if practice is open to it now (403 why not)."""
    podium = podium_of(request)
    user = await current_user(request)
    if user is None:
        raise web.HTTPUnauthorized(text="log in to practise",
                                   headers={"WWW-Authenticate": 'Basic realm="Podium"'})
    actions.require(podium, user, "practice")
    return podium, user


def _number(request: web.Request, key: str, default: int, high: int) -> int:
    """A positive whole query parameter up to `high` (400 naming it otherwise)."""
    text = request.query.get(key)
    if text is None:
        return default
    if not text.isdigit() or not 1 <= int(text) <= high:
        raise web.HTTPBadRequest(text=f"{key} must be a whole number from 1 to {high}")
    return int(text)


def _summary(problem, mine: dict) -> dict[str, Any]:
    progress = mine.get(problem.id)
    return {"id": problem.id, "name": problem.name, "difficulty": problem.difficulty,
            "tags": list(problem.tags), "time_limit": problem.time_limit,
            "solved": bool(progress and progress.solved)}


@routes.get(PREFIX + "/problems")
async def problems(request: web.Request) -> web.Response:
    """The archive, paged: `page` (from 1), `limit` (at most 100), and the pages' search
    (`q`, `tag`, `difficulty`)."""
    podium, user = await api_user(request)
    page = _number(request, "page", 1, 1 << 20)
    limit = _number(request, "limit", 20, MAX_LIMIT)
    found = search(archive_problems(podium).values(), request.query.get("q", ""),
                   request.query.get("tag", ""), request.query.get("difficulty", ""))
    mine = progress_of(podium, user)
    start = (page - 1) * limit
    return json_response({"page": page, "limit": limit, "total": len(found),
                          "pages": max(1, -(-len(found) // limit)),
                          "problems": [_summary(p, mine) for p in found[start:start + limit]]})


def _archive_problem(podium: Podium, pid: str):
    problem = archive_problems(podium).get(pid)
    if problem is None:
        raise web.HTTPNotFound(text=f"no problem {pid!r} in the practice archive")
    return problem


@routes.get(PREFIX + "/problems/{pid}")
async def problem(request: web.Request) -> web.Response:
    """A problem: its statement (HTML), samples, limits, the languages it takes and, for a
    function problem, the stub in `language` (default Python; 400 for one it does not
    take)."""
    podium, user = await api_user(request)
    found = _archive_problem(podium, request.match_info["pid"])
    package = podium.library_package(found.id)
    languages = offered(podium, package)
    language = request.query.get("language", DEFAULT_LANGUAGE)
    if language not in languages:
        raise web.HTTPBadRequest(text=f"language: this problem takes {', '.join(languages)}, "
                                      f"not {language!r}")
    stub = stubs_for(package.function).get(language) if package.function else None
    return json_response({
        **_summary(found, progress_of(podium, user)), "memory_limit": package.limits.memory,
        "statement_html": podium.library_statement(found.id),
        "samples": [{"name": s.name, "input": s.given, "answer": s.expected}
                    for s in statement_samples(package) if not s.exchanges],
        "function": package.function is not None, "languages": languages,
        "language": language, "stub": stub})


@routes.post(PREFIX + "/problems/{pid}/run")
async def run(request: web.Request) -> web.Response:
    """Run a source on one's own `input` (or `samples: true`); answers the run's id."""
    podium, user = await poster(request)
    await api_user(request)
    found = _archive_problem(podium, request.match_info["pid"])
    rid = await start_run(podium, user, PRACTICE,
                          from_json(podium, await json_body(request), found.id))
    return json_response({"id": f"{RUN_PREFIX}{rid}", "status": "queued"})


@routes.post(PREFIX + "/problems/{pid}/submit")
async def submit(request: web.Request) -> web.Response:
    """Submit a source (`language_id`, `source`); answers the submission's id."""
    podium, user = await poster(request)
    await api_user(request)
    podium.check_submit_rate(user, count=False)
    found = _archive_problem(podium, request.match_info["pid"])
    body = await json_body(request)
    unknown = set(body) - {"language_id", "source"}
    if unknown:
        raise web.HTTPBadRequest(text=f"unknown properties: {', '.join(sorted(unknown))}")
    language_id = text_field(body, "language_id") or ""
    source = (text_field(body, "source") or "").encode()
    sid = await submit_practice(podium, user, found.id, language_id, SubmittedFiles(
        source_file_name(podium, language_id, source), source))
    return json_response({"id": str(sid), "status": "queued"})


@routes.get(PREFIX + "/check/{ident}")
async def check(request: web.Request) -> web.Response:
    """A run's or a submission's state, polled until `state` is "done": the verdict, per
    test its verdict, time and memory (a sample's input, answer and output too), the
    compiler's message, and for an accepted submission where it stands among the accepted
    ones."""
    podium, user = await api_user(request)
    ident = request.match_info["ident"]
    if ident.startswith(RUN_PREFIX):
        view = run_view(podium, user, PRACTICE, ident.removeprefix(RUN_PREFIX))
        state = "done" if view["status"] == "done" else "pending"
        return json_response({**view, "id": ident, "kind": "run", "state": state})
    return json_response(submission_check(podium, user, ident))


def submission_check(podium: Podium, user: User, ident: str) -> dict[str, Any]:
    """A practice submission as `check` answers it (404 for another account's)."""
    row = submission_row(podium.store, PRACTICE, ident) if ident.isdigit() else None
    if row is None or not sees_practice_submission(viewer_of(user), row["account_id"]):
        raise web.HTTPNotFound(text=f"no practice submission or run {ident!r}")
    judgement = current_judgement(podium.store, row["id"])
    base = {"id": ident, "kind": "submission", "problem_id": row["problem_id"],
            "language_id": row["language_id"], "time": row["time"]}
    if judgement is None:
        return {**base, "state": "pending" if row["status"] == "queued" else "judging",
                "verdict": None}
    tests, runs = [], runs_of(podium.store, [judgement["id"]])
    for r in runs:
        test = {"name": r["test_name"], "verdict": r["verdict"], "time": r["time"],
                "memory": r["memory"]}
        if sees_run_of(viewer_of(user), r["test_name"]) and r["test_name"].startswith(
                "sample/"):
            test.update(stdout=r["output"] or "", stdout_size=r["output_size"] or 0,
                        message=r["message"] or "")
        tests.append(test)
    accepted = judgement["verdict"] == "AC"
    return {**base, "state": "done", "verdict": judgement["verdict"],
            "run_time": judgement["max_run_time"],
            "memory": max((t["memory"] for t in tests), default=0),
            "compile_output": judgement["compile_output"] or "", "tests": tests,
            "feedback": failed_test(viewer_of(user), podium.library_package(row["problem_id"]),
                                    runs, practice=True),
            "standing": standings_of(podium.store, row["problem_id"], row["id"])
            if accepted else None}


@routes.get(PREFIX + "/leaderboard")
async def leaderboard_json(request: web.Request) -> web.Response:
    """The practice leaderboard's first `top` rows (default 10, at most 100)."""
    podium, _ = await api_user(request)
    top = _number(request, "top", 10, MAX_LIMIT)
    rows = leaderboard(attempts_from_store(podium.store), account_names(podium.store))
    return json_response([{"rank": r.rank, "account": r.name, "solved": r.solved,
                           "time_s": r.time_s, "tried": r.tried} for r in rows[:top]])
