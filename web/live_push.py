"""Live updates to browsers over server-sent events: a team's verdicts as they are given
(with the compiler's output, which the event feed never carries), clarifications sent to
it, a nudge whenever the scoreboard changed, and to those who run the floor one whenever
the balloons did (a runner's mark, which no event carries). The browser's EventSource
reconnects by itself and says where it was (Last-Event-ID: an event seq)."""

from __future__ import annotations

import json

from aiohttp import web
from aiohttp_sse import sse_response

from appliance.contest.reads import compile_output_of
from appliance.contest.visibility import runs_floor
from web.api import FeedFilter, podium_of
from web.auth import User, current_user
from web.state import Podium

routes = web.RouteTableDef()
WAIT_S = 15.0
SCOREBOARD_TYPES = {"submissions", "judgements", "state", "contests"}


def messages(rows: list[dict], feed: FeedFilter, user: User | None) -> list[tuple[str, dict]]:
    """The (event name, data) pairs a browser gets for these stored events."""
    out: list[tuple[str, dict]] = []
    for row in rows:
        data = json.loads(row["data"]) if row["data"] else None
        if row["type"] == "judgements" and data and data.get("current") and user is not None \
                and feed.visible(row, data):
            out.append(("judgement", {
                "submission_id": data["submission_id"], "verdict": data["judgement_type_id"],
                "compile_output": compile_output_of(feed.podium.store, data["id"])}))
        elif row["type"] == "clarifications" and data and feed.visible(row, data):
            out.append(("clarification", {"id": data["id"], "text": data["text"],
                                          "from_team_id": data.get("from_team_id"),
                                          "problem_id": data.get("problem_id")}))
    if any(r["type"] in SCOREBOARD_TYPES for r in rows):
        out.append(("scoreboard", {"seq": rows[-1]["seq"]}))
    return out


@routes.get("/live")
async def live(request: web.Request) -> web.StreamResponse:
    podium = podium_of(request)
    user = await current_user(request)
    feed = FeedFilter(podium, user)
    last = request.headers.get("Last-Event-ID") or request.query.get("since", "")
    seq = int(last) if last.isdigit() else podium.live.seq  # resume where the page was made
    with podium.streams.admitted(request, anonymous=user is None,
                                 jury=user is not None and user.jury):
        return await _push(request, podium, feed, user, seq)


async def _push(request: web.Request, podium: Podium, feed: FeedFilter, user: User | None,
                seq: int) -> web.StreamResponse:
    floor = user is not None and runs_floor(user.type)
    async with sse_response(request) as stream, podium.live.stream(floor):
        stream.ping_interval = WAIT_S
        marks = podium.live.marks_version
        try:
            while stream.is_connected() and not podium.live.closing:
                await podium.live.wait(seq, WAIT_S)
                if floor and podium.live.marks_version != marks:
                    marks = podium.live.marks_version
                    await stream.send("{}", event="balloons", id=str(seq))
                rows = podium.live.rows_after(seq)
                if not rows:
                    continue
                seq = rows[-1]["seq"]
                for name, data in messages(rows, feed, user):
                    await stream.send(json.dumps(data), event=name, id=str(seq))
        except ConnectionResetError:
            pass  # the browser left the page
    return stream
