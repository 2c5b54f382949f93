"""The contest floor over HTTP: the balloon queue (JSON for tools and the console, a page for
runners' phones that follows it live, their marks), printing (a team's page and JSON, the
runners' print queue: download, mark done). Who sees what is `visibility.runs_floor`; the
rules are `appliance.floor`'s."""

from __future__ import annotations

import asyncio
import base64
import binascii
import time
from typing import Any

from aiohttp import web

from appliance.contest.reads import problems_of
from appliance.contest.visibility import runs_floor
from appliance.floor import balloons as floor_balloons
from appliance.floor import printing
from appliance.floor.balloons import BalloonError
from appliance.floor.policy import PolicyError, policy_of, set_policy
from appliance.floor.printing import PrintError, PrintJob
from web.actions import ONLY_TEAMS_PRINT
from web.api import contest_of, json_body, json_response, podium_of
from web.auth import User, check_csrf, current_user
from web.jury import jury_of
from web.pages import form, render, team_user
from web.state import PRINT_WINDOW_S, PRINTS, Podium

routes = web.RouteTableDef()
API = "/api/contests/{cid}"
ONLY_FLOOR = "balloon runners and the jury only"


def _require_floor(user: User | None) -> User:
    if user is None:
        raise web.HTTPUnauthorized(text="log in with a balloon runner's or a jury account",
                                   headers={"WWW-Authenticate": 'Basic realm="Podium"'})
    if not runs_floor(user.type):
        raise web.HTTPForbidden(text=ONLY_FLOOR)
    return user


def balloon_list(podium: Podium) -> list[dict]:
    """The queue as JSON objects, with team names, locations, labels and colours."""
    teams = {t["id"]: t for t in podium.team_rows()}
    problems = {p["id"]: p for p in problems_of(podium.store, podium.contest_id)}
    return [floor_balloons.to_json(b, teams, problems)
            for b in floor_balloons.queue_of(podium.store, podium.contest_id, podium.now())]


async def _mark(podium: Podium, user: User, team_id: str, problem_id: str,
                action: str) -> dict:
    try:
        await podium.write(floor_balloons.record, podium.store, podium.contest_id, team_id,
                           problem_id, action, user.username, podium.now())
    except BalloonError as exc:
        raise web.HTTPConflict(text=str(exc)) from None
    return next(b for b in balloon_list(podium)
                if (b["team_id"], b["problem_id"]) == (team_id, problem_id))


# --- balloons: JSON -------------------------------------------------------------------------

@routes.get(API + "/balloons")
async def balloons_json(request: web.Request) -> web.Response:
    """The balloon queue, by time (runners and the jury; a team gets 403)."""
    podium, user = await contest_of(request)
    _require_floor(user)
    return json_response(await asyncio.to_thread(balloon_list, podium))


@routes.post(API + "/balloons/{team}/{problem}/{action:deliver|undo|returned}")
async def balloon_mark_json(request: web.Request) -> web.Response:
    """A runner's mark: delivered, undone, or a take back returned; 409 when it does not fit
    (delivered twice, say)."""
    podium, user = await contest_of(request)
    user = _require_floor(user)
    await check_csrf(request, request.headers.get("X-CSRF-Token"))
    m = request.match_info
    return json_response(await _mark(podium, user, m["team"], m["problem"], m["action"]))


# --- balloons: the runners' page --------------------------------------------------------------

async def _balloon_page(request: web.Request, user: User, error: str | None = None,
                        status: int = 200) -> web.Response:
    podium = podium_of(request)
    items = await asyncio.to_thread(balloon_list, podium)
    template = "balloons_list.html" if request.query.get("part") == "list" else "balloons.html"
    return await render(request, template, {"user": user, "balloons": items, "error": error},
                        status=status)


@routes.get("/balloons")
async def balloon_page(request: web.Request) -> web.Response:
    user = await team_user(request)
    _require_floor(user)
    return await _balloon_page(request, user)


@routes.post("/balloons")
async def balloon_form(request: web.Request) -> web.Response:
    user = _require_floor(await team_user(request))
    data = await form(request)
    try:
        await _mark(podium_of(request), user, str(data.get("team", "")),
                    str(data.get("problem", "")), str(data.get("action", "")))
    except web.HTTPConflict as exc:
        return await _balloon_page(request, user, exc.text, 409)
    raise web.HTTPSeeOther("/balloons")


# --- printing ---------------------------------------------------------------------------------

def _printer(podium: Podium, user: User | None) -> User:
    if user is None:
        raise web.HTTPUnauthorized(text="log in with a team account",
                                   headers={"WWW-Authenticate": 'Basic realm="Podium"'})
    if not user.team_id:
        raise web.HTTPForbidden(text=ONLY_TEAMS_PRINT)
    wait = podium.print_limit.retry_after(user.team_id, time.time())
    if wait:
        raise web.HTTPTooManyRequests(
            text=f"at most {PRINTS} print jobs in {PRINT_WINDOW_S / 60:g} minutes: try again "
                 f"in {wait} s", headers={"Retry-After": str(wait)})
    return user


async def _print(podium: Podium, user: User, file_name: str, data: bytes) -> PrintJob:
    """Check, render, store and send one file; 400 naming the file when it cannot print."""
    if not file_name:
        raise web.HTTPBadRequest(text="file_name: missing (the name printed in the header)")
    team = next((t for t in podium.team_rows() if t["id"] == user.team_id), {})
    try:
        job = await podium.write(
            printing.submit_print, podium.store, podium.contest_id,
            team=team.get("display_name") or team.get("name") or str(user.team_id),
            team_id=user.team_id, account_id=user.id, location=team.get("location"),
            file_name=file_name, data=data, now=podium.now())
    except PrintError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    podium.print_limit.hit(str(user.team_id), time.time())
    return await asyncio.to_thread(printing.send, podium.store, podium.contest_id, job)


def _visible_job(podium: Podium, user: User | None, job_id: str) -> PrintJob:
    """A job its team or the floor may see; 404 for anyone else, as for any object."""
    job = printing.job_of(podium.store, podium.contest_id, job_id)
    if job is None or user is None or not (runs_floor(user.type) or
                                           (user.team_id and job.team_id == user.team_id)):
        raise web.HTTPNotFound(text=f"no print job {job_id!r}")
    return job


def _pdf(podium: Podium, job: PrintJob) -> web.FileResponse:
    return web.FileResponse(podium.store.blobs.path(job.pdf_hash), headers={
        "Content-Type": "application/pdf",
        "Content-Disposition": f'attachment; filename="print-{job.id}.pdf"'})


@routes.get(API + "/print-jobs")
async def print_jobs_json(request: web.Request) -> web.Response:
    """Every print job for the floor, a team's own for a team."""
    podium, user = await contest_of(request)
    if user is None:
        raise web.HTTPUnauthorized(text="log in", headers={"WWW-Authenticate":
                                                           'Basic realm="Podium"'})
    team = None if runs_floor(user.type) else (user.team_id or "")
    return json_response([printing.to_json(j)
                          for j in printing.jobs_of(podium.store, podium.contest_id, team)])


@routes.post(API + "/print-jobs")
async def print_json(request: web.Request) -> web.Response:
    """A team prints: JSON `{"file_name", "text"}` or `{"file_name", "data"}` (base64)."""
    podium, user = await contest_of(request)
    user = _printer(podium, user)
    await check_csrf(request, request.headers.get("X-CSRF-Token"))
    body = await json_body(request)
    if isinstance(body.get("data"), str):
        try:
            data = base64.b64decode(body["data"], validate=True)
        except binascii.Error:
            raise web.HTTPBadRequest(text="data: not base64") from None
    elif isinstance(body.get("text"), str):
        data = body["text"].encode()
    else:
        raise web.HTTPBadRequest(text="text or data: missing (the file to print)")
    job = await _print(podium, user, str(body.get("file_name") or ""), data)
    return json_response(printing.to_json(job))


@routes.get(API + "/print-jobs/{job}")
async def print_job_json(request: web.Request) -> web.Response:
    podium, user = await contest_of(request)
    return json_response(printing.to_json(_visible_job(podium, user, request.match_info["job"])))


@routes.get(API + "/print-jobs/{job}/pdf")
async def print_job_pdf(request: web.Request) -> web.StreamResponse:
    podium, user = await contest_of(request)
    return _pdf(podium, _visible_job(podium, user, request.match_info["job"]))


@routes.post(API + "/print-jobs/{job}/done")
async def print_job_done(request: web.Request) -> web.Response:
    """A runner handed the printout over (409 when marked done already)."""
    podium, user = await contest_of(request)
    user = _require_floor(user)
    await check_csrf(request, request.headers.get("X-CSRF-Token"))
    return json_response(printing.to_json(await _done(podium, user, request.match_info["job"])))


async def _done(podium: Podium, user: User, job_id: str) -> PrintJob:
    try:
        return await podium.write(printing.mark_done, podium.store, podium.contest_id, job_id,
                                  user.username, podium.now())
    except PrintError as exc:
        raise web.HTTPConflict(text=str(exc)) from None


# --- printing: pages --------------------------------------------------------------------------

async def _print_page(request: web.Request, user: User, context: dict[str, Any],
                      status: int = 200, headers: Any = None) -> web.Response:
    podium = podium_of(request)
    jobs = printing.jobs_of(podium.store, podium.contest_id, user.team_id or "")
    return await render(request, "print.html", {
        "user": user, "jobs": jobs, "max_bytes": printing.MAX_BYTES,
        "max_pages": printing.MAX_PAGES, **context}, status=status, headers=headers)


@routes.get("/print")
async def print_page(request: web.Request) -> web.Response:
    user = await team_user(request)
    if not user.team_id:
        raise web.HTTPForbidden(text=ONLY_TEAMS_PRINT)
    return await _print_page(request, user, {"done": request.query.get("printed")})


@routes.post("/print")
async def print_form(request: web.Request) -> web.Response:
    """A file chosen, or text pasted with a name."""
    podium = podium_of(request)
    user = await team_user(request)
    data = await form(request)
    upload = data.get("file")
    try:
        user = _printer(podium, user)
        if getattr(upload, "filename", None):
            job = await _print(podium, user, upload.filename, upload.file.read())
        else:
            job = await _print(podium, user, str(data.get("file_name", "")).strip(),
                               str(data.get("text", "")).replace("\r\n", "\n").encode())
    except web.HTTPClientError as refusal:
        keep = {k: v for k, v in refusal.headers.items() if k == "Retry-After"}
        return await _print_page(request, user, {"error": refusal.text,
                                                 "text": data.get("text", ""),
                                                 "file_name": data.get("file_name", "")},
                                 refusal.status, keep)
    raise web.HTTPSeeOther(f"/print?printed={job.id}")


@routes.get("/print/{job}.pdf")
async def print_pdf_page(request: web.Request) -> web.StreamResponse:
    podium = podium_of(request)
    return _pdf(podium, _visible_job(podium, await current_user(request),
                                     request.match_info["job"]))


@routes.get("/print-queue")
async def print_queue_page(request: web.Request) -> web.Response:
    user = _require_floor(await team_user(request))
    podium = podium_of(request)
    teams = {t["id"]: t for t in podium.team_rows()}
    return await render(request, "print_queue.html", {
        "user": user, "jobs": printing.jobs_of(podium.store, podium.contest_id),
        "teams": teams, "error": request.query.get("error")})


@routes.post("/print-queue")
async def print_queue_form(request: web.Request) -> web.Response:
    user = _require_floor(await team_user(request))
    data = await form(request)
    await _done(podium_of(request), user, str(data.get("job", "")))
    raise web.HTTPSeeOther("/print-queue")


# --- the contest's floor settings (the jury) -----------------------------------------------

@routes.get("/api/contests/{cid}/jury/floor")
async def floor_policy(request: web.Request) -> web.Response:
    """The contest's floor settings: its CUPS printer and balloons during the freeze."""
    podium, _ = await jury_of(request)
    return json_response(policy_of(podium.store, podium.contest_id).to_json())  # type: ignore[union-attr]


@routes.post("/api/contests/{cid}/jury/floor")
async def set_floor_policy(request: web.Request) -> web.Response:
    """Change them: `printer` (a CUPS name, or null for the runners' queue) and/or
    `balloons_during_freeze` (true or false); a key left out stays as it is."""
    podium, _ = await jury_of(request, post=True)
    body = await json_body(request)
    unknown = sorted(set(body) - {"printer", "balloons_during_freeze"})
    if unknown:
        raise web.HTTPBadRequest(text=f"{unknown[0]}: not a floor setting (printer, "
                                      "balloons_during_freeze)")
    during = body.get("balloons_during_freeze")
    if during is not None and not isinstance(during, bool):
        raise web.HTTPBadRequest(text="balloons_during_freeze: true or false")
    printer = body.get("printer")
    if printer is not None and not isinstance(printer, str):
        raise web.HTTPBadRequest(text="printer: a CUPS printer's name, or null for none")
    try:
        policy = await podium.write(
            set_policy, podium.store, podium.contest_id, during_freeze=during,
            printer=printer, no_printer="printer" in body and printer is None)
    except PolicyError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    return json_response(policy.to_json())
