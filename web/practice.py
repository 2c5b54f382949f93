"""The practice pages under /practice: the archive with its search (a GET form), a problem
with its statement and a submit form, one's own submissions and solved problems, and the
leaderboard. Plain HTML that works without JavaScript, like the contest's pages; a waiting
verdict refreshes its page by itself (a meta refresh, no script needed)."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from appliance.contest.reads import submission_row
from appliance.contest.submission_files import SubmittedFiles
from appliance.contest.visibility import sees_practice_submission
from appliance.errors import PackageError
from appliance.judging.custom_runs import allows_runs
from appliance.practice.archive import DIFFICULTIES, ArchiveProblem, all_tags, open_now, search
from appliance.practice.solving import (
    account_names,
    attempts_from_store,
    leaderboard,
    practice_submissions_of,
    progress,
)
from appliance.store_schema import PRACTICE
from web import actions
from web.api import podium_of
from web.auth import User, viewer_of
from web.downloads import attachment_response, statement_asset_response
from web.pages import (
    form,
    form_source,
    language_stubs,
    offered,
    refused_form,
    render,
    retry_after,
    sample_file_response,
    statement_context,
    submission_context,
    team_user,
)
from web.running import from_form as run_from_form
from web.running import render_run, run_view, start_run
from web.state import Podium
from web.submitting import source_file_name, submit_practice

log = logging.getLogger(__name__)
routes = web.RouteTableDef()
REFRESH_S = 2  # a page with a waiting verdict reloads itself this often


async def practice_user(request: web.Request) -> User:
    """The logged-in user, if practice is open to them now (403 saying why not)."""
    user = await team_user(request)
    actions.require(podium_of(request), user, "practice")
    return user


def archive_problems(podium: Podium) -> dict[str, ArchiveProblem]:
    """The problems open now, by id; a package the library cannot read is left out (and
    logged), never a failed page."""
    problems = {}
    for folder in open_now(podium.store, podium.library, podium.now()):
        try:
            problems[folder] = ArchiveProblem.of(folder, podium.library_package(folder))
        except PackageError as exc:
            log.warning("practice leaves out %s: %s", folder, exc)
    return problems


def _problem(podium: Podium, pid: str) -> ArchiveProblem:
    problem = archive_problems(podium).get(pid)
    if problem is None:
        raise web.HTTPNotFound(text=f"no problem {pid!r} in the practice archive")
    return problem


def progress_of(podium: Podium, user: User) -> dict[str, Any]:
    """The user's progress per problem."""
    return progress(attempts_from_store(podium.store, user.id)).get(user.id, {})


@routes.get("/practice")
async def practice_list(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await practice_user(request)
    problems = list(archive_problems(podium).values())
    query = {k: request.query.get(k, "").strip() for k in ("q", "tag", "difficulty")}
    return await render(request, "practice.html", {
        "user": user, "problems": search(problems, query["q"], query["tag"],
                                         query["difficulty"]),
        "total": len(problems), "query": query, "tags": all_tags(problems),
        "difficulties": DIFFICULTIES, "mine": progress_of(podium, user)})


@routes.get("/practice/problems/{pid}")
async def problem_redirect(request: web.Request) -> web.Response:
    raise web.HTTPMovedPermanently(f"/practice/problems/{request.match_info['pid']}/")


@routes.get("/practice/problems/{pid}/")
async def problem_page(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await practice_user(request)
    return await _problem_page(request, user, _problem(podium, request.match_info["pid"]))


async def _problem_page(request: web.Request, user: User, problem: ArchiveProblem,
                        context: dict[str, Any] | None = None, status: int = 200,
                        headers: Any = None) -> web.Response:
    """A problem's statement and its submit form, offering the languages it takes."""
    podium = podium_of(request)
    package = podium.library_package(problem.id)
    language = request.query.get("lang")
    return await render(request, "practice_problem.html", {
        "user": user, "problem": problem, "progress": progress_of(podium, user).get(problem.id),
        "languages": [podium.languages[i] for i in offered(podium, package)],
        "stubs": {problem.id: language_stubs(podium, package)},
        "offers_runs": allows_runs(podium.store, PRACTICE),
        "run_action": f"/practice/problems/{problem.id}/run",
        **statement_context(package, podium.library_statement(problem.id, language),
                            language),
        **(context or {})}, status=status, headers=headers)


@routes.post("/practice/problems/{pid}/")
async def submit_form(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await practice_user(request)
    data = await form(request)
    problem = _problem(podium, request.match_info["pid"])
    try:
        source, file_name = form_source(podium, data)
        language_id = str(data.get("language", ""))
        files = SubmittedFiles(file_name or source_file_name(podium, language_id, source),
                               source)
        sid = await submit_practice(podium, user, problem.id, language_id, files)
    except web.HTTPClientError as refusal:
        return await _problem_page(request, user, problem, refused_form(data, refusal),
                                   refusal.status, retry_after(refusal))
    raise web.HTTPSeeOther(f"/practice/submissions/{sid}")


@routes.post("/practice/problems/{pid}/run")
async def run_form(request: web.Request) -> web.Response:
    """The problem page's Run buttons: the run is queued and its page shown."""
    podium = podium_of(request)
    user = await practice_user(request)
    data = await form(request)
    problem = _problem(podium, request.match_info["pid"])
    try:
        rid = await start_run(podium, user, PRACTICE,
                              await run_from_form(podium, data, problem.id))
    except web.HTTPClientError as refusal:
        return await _problem_page(request, user, problem,
                                   {**refused_form(data, refusal),
                                    "input": str(data.get("input", ""))},
                                   refusal.status, retry_after(refusal))
    raise web.HTTPSeeOther(f"/practice/runs/{rid}")


@routes.get("/practice/runs/{rid}")
async def run_page(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await practice_user(request)
    run = run_view(podium, user, PRACTICE, request.match_info["rid"])
    return await render_run(request, user, run, f"/practice/problems/{run['problem_id']}/",
                            practice=True)


@routes.get("/practice/problems/{pid}/samples/{index:\\d+}.{kind:in|ans}")
async def sample_file(request: web.Request) -> web.Response:
    podium = podium_of(request)
    await practice_user(request)
    problem = _problem(podium, request.match_info["pid"])
    return sample_file_response(request, podium.library_package(problem.id),
                                problem.id.rsplit("-", 1)[0])


@routes.get("/practice/problems/{pid}/attachments/{name}")
async def attachment_file(request: web.Request) -> web.Response:
    podium = podium_of(request)
    await practice_user(request)
    problem = _problem(podium, request.match_info["pid"])
    return attachment_response(podium.library_package(problem.id), request.match_info["name"])


@routes.get("/practice/problems/{pid}/{name}")
async def statement_asset(request: web.Request) -> web.Response:
    podium = podium_of(request)
    await practice_user(request)
    problem = _problem(podium, request.match_info["pid"])
    return statement_asset_response(podium.library_package(problem.id),
                                    request.match_info["name"])


@routes.get("/practice/submissions/{sid:\\d+}")
async def submission_page(request: web.Request) -> web.Response:
    """One practice submission: its account's own (the jury sees any), else 404."""
    podium = podium_of(request)
    user = await practice_user(request)
    sid = request.match_info["sid"]
    row = submission_row(podium.store, PRACTICE, sid)
    if row is None or not sees_practice_submission(viewer_of(user), row["account_id"]):
        raise web.HTTPNotFound(text=f"no practice submission {sid}")
    names = {pid: p.name for pid, p in archive_problems(podium).items()}
    details = submission_context(podium, user, row,
                                 podium.library_package(row["problem_id"]), practice=True)
    return await render(request, "submission.html", {
        "user": user, "practice": True, "labels": names,
        "s": {"id": str(row["id"]), "problem_id": row["problem_id"],
              "language_id": row["language_id"]},
        "submitted": row["time"].replace("T", " ")[:19] + " UTC",
        "refresh": None if details["judgement"] else REFRESH_S, **details})


@routes.get("/practice/me")
async def me_page(request: web.Request) -> web.Response:
    """The user's solved problems and practice submissions, newest first."""
    podium = podium_of(request)
    user = await practice_user(request)
    rows = practice_submissions_of(podium.store, user.id)
    names = {pid: p.name for pid, p in archive_problems(podium).items()}
    mine = progress_of(podium, user)
    solved = sorted((pid for pid, p in mine.items() if p.solved),
                    key=lambda pid: mine[pid].solved_at)
    return await render(request, "practice_me.html", {
        "user": user, "submissions": rows, "names": names, "mine": mine, "solved": solved,
        "languages": podium.languages,
        "refresh": REFRESH_S if any(r["verdict"] is None for r in rows) else None})


@routes.get("/practice/leaderboard")
async def leaderboard_page(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await practice_user(request)
    rows = leaderboard(attempts_from_store(podium.store), account_names(podium.store))
    return await render(request, "practice_leaderboard.html", {"user": user, "rows": rows})
