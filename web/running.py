"""Custom runs from the web ("run my code on my input"): from the contest's submit page and
the practice problem pages (plain forms: a run's page reloads itself until it is done), and
over JSON (`/api/contests/{cid}/custom-runs`, and practice's `run` in `web.practice_api`).

The web's checks come first: who runs (a team for itself, an account practising for
itself; the jury may too), the source's size (413) and the rate per team (429); the
core's `take_run` says the rest (language, input size, the contest's choice and clock)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from appliance.contest.reads import problem_package
from appliance.judging.custom_runs import RunRefused, custom_run, take_run
from appliance.store_schema import PRACTICE
from web.api import POSTED, SLASH, contest_of, json_body, json_response, podium_of, require_json
from web.auth import User, check_csrf, current_user, tool_form
from web.pages import (
    form,
    form_source,
    refused_form,
    render,
    retry_after,
    submit_form_page,
    team_user,
)
from web.state import Podium
from web.submitting import check_size, source_file_name, text_field

routes = web.RouteTableDef()
REFRESH_S = 1  # a page with a run under way reloads itself this often


@dataclass(frozen=True)
class RunRequest:
    """What to run: a problem (a contest's id or a practice folder), a language, the source
    and the input (None: the samples)."""

    problem_id: str
    language_id: str
    source: bytes
    file_name: str
    stdin: bytes | None


async def start_run(podium: Podium, user: User, contest_id: str, asked: RunRequest) -> int:
    """Queue a run for the user (its id), or raise the HTTP error saying why not."""
    check_size(podium, len(asked.source))
    if contest_id == PRACTICE:
        folder, time_limit = asked.problem_id, None
    else:
        folder = problem_package(podium.store, contest_id, asked.problem_id)
        if folder is None:
            raise web.HTTPBadRequest(text=f"run refused: problem {asked.problem_id!r} is not "
                                          "in this contest")
        time_limit = next((r["time_limit"] for r in podium.problem_rows()
                           if r["id"] == asked.problem_id), None)
    if not user.team_id and not user.jury and contest_id != PRACTICE:
        raise web.HTTPForbidden(text="only teams and the jury run code in a contest")
    podium.check_run_rate(user)
    try:
        return await podium.write(
            take_run, podium.store, podium.languages, podium.library_package(folder),
            contest_id=contest_id, team_id=user.team_id if contest_id != PRACTICE else None,
            account_id=user.id, problem_id=asked.problem_id, package=folder,
            time_limit=time_limit, language_id=asked.language_id, source=asked.source,
            file_name=asked.file_name, stdin=asked.stdin, now=podium.now())
    except RunRefused as exc:
        raise web.HTTPBadRequest(text=f"run refused: {exc}") from None


def run_view(podium: Podium, user: User, contest_id: str, run_id: str) -> dict[str, Any]:
    """A run as its owner (or the jury) sees it; 404 for anyone else's, as if absent."""
    row = custom_run(podium.store, int(run_id)) if run_id.isdigit() else None
    if row is None or row["contest_id"] != contest_id or not (
            user.jury or row["account_id"] == user.id
            or (row["team_id"] is not None and row["team_id"] == user.team_id)):
        raise web.HTTPNotFound(text=f"no run {run_id}")
    return {"id": str(row["id"]), "problem_id": row["problem_id"],
            "language_id": row["language_id"], "on_samples": row["on_samples"],
            "status": row["status"], "created": row["created"], "finished": row["finished"],
            **(row["result"] or {})}


def from_json(podium: Podium, body: dict, problem_id: str | None = None) -> RunRequest:
    """A JSON run request: `problem_id` (unless the path gives it), `language_id`,
    `source` (text) and `input` (text; absent or null with `samples: true`: the samples)."""
    unknown = set(body) - {"problem_id", "language_id", "source", "input", "samples"}
    if unknown:
        raise web.HTTPBadRequest(text=f"unknown properties: {', '.join(sorted(unknown))}")
    language_id = text_field(body, "language_id") or ""
    source = (text_field(body, "source") or "").encode()
    stdin = body.get("input")
    if body.get("samples") is True:
        if stdin is not None:
            raise web.HTTPBadRequest(text="give input or samples: true, not both")
    elif not isinstance(stdin, str):
        raise web.HTTPBadRequest(text="input must be a string (or give samples: true)")
    return RunRequest(problem_id or text_field(body, "problem_id") or "", language_id, source,
                      source_file_name(podium, language_id, source),
                      None if stdin is None else stdin.encode())


async def from_form(podium: Podium, data: dict[str, Any], problem_id: str) -> RunRequest:
    """A submit form's run: its code (or file), language, and the `input` box, or the
    samples when the "Run on the samples" button sent `samples`."""
    source, file_name = form_source(podium, data)
    language_id = str(data.get("language", ""))
    stdin = None if data.get("samples") else str(data.get("input", "")).replace(
        "\r\n", "\n").encode()
    return RunRequest(problem_id, language_id, source,
                      file_name or source_file_name(podium, language_id, source), stdin)


async def poster(request: web.Request) -> tuple[Podium, User]:
    """Who posts a JSON run (401 without an account; a browser's session sends its CSRF
    token), the rate looked at before the body is read."""
    podium = podium_of(request)
    user = await current_user(request)
    if user is None:
        raise web.HTTPUnauthorized(text="log in to run code",
                                   headers={"WWW-Authenticate": 'Basic realm="Podium"'})
    if not tool_form(request):
        require_json(request)
        await check_csrf(request, request.headers.get("X-CSRF-Token"))
    podium.check_run_rate(user, count=False)
    return podium, user


# --- the contest's API ----------------------------------------------------------------------

@routes.post("/api/contests/{cid}/custom-runs" + SLASH)
async def post_run(request: web.Request) -> web.Response:
    """Run a source on one's own input (or the samples); answers the run's id at once."""
    podium, _ = await contest_of(request)
    podium, user = await poster(request)
    rid = await start_run(podium, user, podium.contest_id,
                          from_json(podium, await json_body(request)))
    return json_response({"id": str(rid), "status": "queued"}, status=POSTED, headers={
        "Location": f"/api/contests/{podium.contest_id}/custom-runs/{rid}"})


@routes.get("/api/contests/{cid}/custom-runs/{rid}" + SLASH)
async def get_run(request: web.Request) -> web.Response:
    """A run: queued, judging, or done with its result."""
    podium, user = await contest_of(request)
    if user is None:
        raise web.HTTPNotFound(text=f"no run {request.match_info['rid']}")
    return json_response(run_view(podium, user, podium.contest_id, request.match_info["rid"]))


# --- the contest's pages ----------------------------------------------------------------------

@routes.post("/run")
async def run_form(request: web.Request) -> web.Response:
    """The submit page's Run buttons: the run is queued and its page shown."""
    podium = podium_of(request)
    user = await team_user(request)
    data = await form(request)
    try:
        rid = await start_run(podium, user, podium.contest_id,
                              await from_form(podium, data, str(data.get("problem", ""))))
    except web.HTTPClientError as refusal:
        return await submit_form_page(request, user, {**refused_form(data, refusal),
                                                      "input": str(data.get("input", ""))},
                                      refusal.status, retry_after(refusal))
    raise web.HTTPSeeOther(f"/runs/{rid}")


@routes.get("/runs/{rid}")
async def run_page(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    run = run_view(podium, user, podium.contest_id, request.match_info["rid"])
    return await render_run(request, user, run, back="/submit?problem=" + run["problem_id"])


async def render_run(request: web.Request, user: User, run: dict[str, Any],
                     back: str, practice: bool = False) -> web.Response:
    """A run's page: each test's output (on the samples beside the answer), its error, exit
    status, time and memory, or the compiler's output; it reloads until the run is done."""
    return await render(request, "run.html", {
        "user": user, "run": run, "back": back, "practice": practice,
        "refresh": None if run["status"] == "done" else REFRESH_S})
