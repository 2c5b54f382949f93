"""A judge ignores a submission, or restores it (`appliance/contest/ignoring.py`): the jury
API (`POST /api/contests/{cid}/jury/submissions/{sid}/ignore` or `/restore` with a
`reason`; `GET /api/contests/{cid}/jury/ignored`, the ignored ones with their last reason)
and the jury's button on a submission's page. Jury accounts only; the scoreboard and the
feed follow through the event log."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from appliance.contest.ignoring import (
    AlreadySo,
    IgnoreError,
    NoSuchSubmission,
    ignore_log,
    ignored_submissions,
    set_ignored,
)
from web.api import json_body, json_response, podium_of
from web.auth import User
from web.jury import BASE, jury_of
from web.pages import form, team_user
from web.state import Podium

routes = web.RouteTableDef()
ACTIONS = {"ignore": True, "restore": False}


async def _mark(podium: Podium, user: User, sid: str, action: str, reason: Any) -> dict:
    """Ignore or restore; the core's refusals as 404, 409 or 400, one line each."""
    if action not in ACTIONS:
        raise web.HTTPNotFound(text=f"no action {action!r}: ignore or restore")
    if not isinstance(reason, str):
        raise web.HTTPBadRequest(text="reason: a text saying why is required")
    try:
        row = await podium.write(set_ignored, podium.store, podium.contest_id, sid,
                                 ACTIONS[action], user.id, reason, podium.now())
    except NoSuchSubmission as exc:
        raise web.HTTPNotFound(text=str(exc)) from None
    except AlreadySo as exc:
        raise web.HTTPConflict(text=str(exc)) from None
    except IgnoreError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    podium.live.poll()
    return ignored_json(podium, row)


def ignored_json(podium: Podium, row: dict) -> dict:
    """A submission's ignored state and every mark and undo of it."""
    return {"id": row["clics_id"], "ignored": bool(row["ignored"]),
            "log": ignore_log(podium.store, row["id"])}


@routes.post(BASE + "/submissions/{sid}/{action}")
async def mark(request: web.Request) -> web.Response:
    podium, user = await jury_of(request, post=True)
    body = await json_body(request)
    return json_response(await _mark(podium, user, request.match_info["sid"],
                                     request.match_info["action"], body.get("reason")))


@routes.get(BASE + "/ignored")
async def ignored(request: web.Request) -> web.Response:
    """The contest's ignored submissions, each with who ignored it, when and why."""
    podium, _ = await jury_of(request)
    rows = await asyncio.to_thread(ignored_submissions, podium.store, podium.contest_id)
    return json_response(rows)


@routes.post("/submissions/{sid}/{action:ignore|restore}")
async def mark_form(request: web.Request) -> web.Response:
    """The jury's button on a submission's page; back to the page."""
    podium = podium_of(request)
    user = await team_user(request)
    if not user.jury:
        raise web.HTTPForbidden(text="jury accounts only")
    data = await form(request)
    sid = request.match_info["sid"]
    await _mark(podium, user, sid, request.match_info["action"], data.get("reason"))
    raise web.HTTPSeeOther(f"/submissions/{sid}")
