"""The CLICS Contest API under /api: the contest's objects as each role may see them, the
scoreboard from memory, the event feed, and POSTs of submissions and clarifications.

Who sees what is `appliance.contest.visibility`'s rule (public, team, jury); an object one
may not see is a 404, as if absent.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from typing import Any

from aiohttp import web

from appliance.accounts import accounts_of
from appliance.clics import objects as clics
from appliance.clics.times import iso_time
from appliance.contest.clarifications import (
    ClarificationError,
    announce,
    answer,
    ask,
    clarification_row,
    clarifications_of,
)
from appliance.contest.clock import State
from appliance.contest.reads import (
    contest_row,
    groups_of,
    judgements_of,
    organizations_of,
    owner_of,
    runs_of,
    submission_row,
    submissions_of,
    team_groups,
    team_is_hidden,
)
from appliance.contest.submission_files import files_zip, stored_files
from appliance.contest.visibility import (
    scope,
    sees_account,
    sees_clarification,
    sees_event,
    sees_statements,
    sees_team,
    sees_unfrozen,
)
from appliance.events import events_after, seq_of_token
from appliance.problems.load import Problem
from appliance.scoreboard.awards import awards
from web.api_forms import form_body
from web.auth import JSON, User, check_csrf, current_user, is_json, tool_form, viewer_of
from web.cached import Encoded, conditional, encode
from web.contests import podium_of, visible
from web.downloads import attachment_response, statement_pdf_response
from web.state import Podium
from web.submitting import from_api, submit, text_field

routes = web.RouteTableDef()
KEEPALIVE_S = 10.0
API_VERSION = {"version": "2026-01", "version_url": "https://ccs-specs.icpc.io/2026-01/contest_api",
               "provider": {"name": "Podium", "version": "0.1.0"}}
SLASH = "{slash:/?}"  # the spec's base URL ends in a slash, and so may any endpoint's path
POSTED = 200  # the status of a POST that made an object: DOMjudge's, which its clients and
# icpctools' expect (the spec names none; a 201 reads as a failure to icpctools' `contest`)


def json_response(data: Any, status: int = 200,
                  headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(body=json.dumps(data, separators=(",", ":")).encode(), status=status,
                        content_type="application/json", headers=headers)


async def contest_of(request: web.Request) -> tuple[Podium, User | None]:
    """The served contest named in the path (404 for any other) and the user."""
    return podium_of(request), await current_user(request)


def one(items: list[dict], ident: str, what: str) -> web.Response:
    for item in items:
        if item["id"] == ident:
            return json_response(item)
    raise web.HTTPNotFound(text=f"no {what} {ident!r}")


# --- what each role sees ------------------------------------------------------------------

def _teams(podium: Podium, user: User | None) -> list[dict]:
    groups, viewer = team_groups(podium.store), viewer_of(user)
    return [clics.team(r, groups.get(r["id"], ())) for r in podium.team_rows()
            if sees_team(viewer, bool(r["hidden"]))]


def visible_submissions(podium: Podium, user: User | None, ident: str | None = None,
                        with_ignored: bool = False) -> list[dict]:
    """The submissions the user sees as CLICS objects; `with_ignored` (the jury's pages)
    keeps those a judge ignored."""
    reach = scope(viewer_of(user))
    if reach.none:
        return []
    ctx = podium.context()
    rows = submissions_of(podium.store, podium.contest_id, team_id=reach.team_id,
                          submission_id=ident, with_ignored=with_ignored and reach.team_id is None
                          and viewer_of(user).jury)
    return [clics.submission(r, ctx) for r in rows]


def _judgement_rows(podium: Podium, user: User | None,
                    submission_id: str | None = None) -> list[dict]:
    reach = scope(viewer_of(user))
    if reach.none:
        return []
    return judgements_of(podium.store, podium.contest_id, team_id=reach.team_id,
                         submission_id=submission_id, pending=reach.pending)


def visible_judgements(podium: Podium, user: User | None, submission_id: str | None = None
                ) -> list[dict]:
    ctx = podium.context()
    return [clics.judgement(r, ctx) for r in _judgement_rows(podium, user, submission_id)]


def visible_runs(podium: Podium, user: User | None, judgement_id: str | None = None) -> list[dict]:
    judgements = {str(r["id"]): r for r in _judgement_rows(podium, user)}
    if judgement_id is not None:
        judgements = {k: v for k, v in judgements.items() if k == judgement_id}
    if not judgements:
        return []
    ctx = podium.context()
    return [clics.run(r, judgements[str(r["judgement_id"])]["end_time"], ctx)
            for r in runs_of(podium.store, list(judgements))]


def visible_clarifications(podium: Podium, user: User | None) -> list[dict]:
    ctx, viewer = podium.context(), viewer_of(user)
    return [clics.clarification(r, ctx) for r in clarifications_of(podium.store, podium.contest_id)
            if sees_clarification(viewer, r["from_team_id"], r["to_team_id"])]


def _accounts(podium: Podium, user: User | None) -> list[dict]:
    viewer = viewer_of(user)
    return [clics.account(r) for r in accounts_of(podium.store, podium.contest_id)
            if sees_account(viewer, r["id"])]


def _collections(podium: Podium) -> dict[str, Callable[[User | None], list[dict]]]:
    """Each collection endpoint and how a user's view of it is made."""
    store = podium.store
    return {
        "judgement-types": lambda user: list(clics.JUDGEMENT_TYPES),
        "languages": lambda user: clics.languages(podium.languages.values()),
        "problems": lambda user: [clics.problem(r, podium.context())
                                  for r in podium.problem_rows()],
        "groups": lambda user: [clics.group(r) for r in groups_of(store, podium.contest_id)],
        "organizations": lambda user: [clics.organization(r)
                                       for r in organizations_of(store, podium.contest_id)],
        "teams": lambda user: _teams(podium, user),
        "accounts": lambda user: _accounts(podium, user),
        "submissions": lambda user: visible_submissions(podium, user),
        "judgements": lambda user: visible_judgements(podium, user),
        "runs": lambda user: visible_runs(podium, user),
        "clarifications": lambda user: visible_clarifications(podium, user),
        "awards": lambda user: awards(podium.live.board,
                                      public=not sees_unfrozen(viewer_of(user)),
                                      frozen=podium.live.frozen()),
    }


OWNED_VIEWS = frozenset({"submissions", "judgements"})  # what a team's pages poll


def owned(request: web.Request, podium: Podium, user: User | None, what: tuple,
          make: Callable[[], Any]) -> web.Response:
    """A view of submissions or judgements from memory, with its ETag (`owned_answer`)."""
    return conditional(request, owned_answer(podium, user, what, make))


def owned_answer(podium: Podium, user: User | None, what: tuple,
                 make: Callable[[], Any]) -> Encoded:
    """A view of submissions or judgements from memory (`web.cached`): kept per team until
    an event about that team's objects (or a shared one) moves its version; the jury's
    until any event. A team polling its submissions' status is a lookup, not a query."""
    reach = scope(viewer_of(user))
    live = podium.live
    if reach.none:
        key, version = ("public",), live.shared_seq
    elif reach.team_id is None:
        key, version = ("jury", reach.pending), live.seq
    else:
        key, version = ("team", reach.team_id), live.team_version(reach.team_id)
    return live.memo.get((*what, *key), version, lambda: encode(
        json.dumps(make(), separators=(",", ":")).encode()))


# --- endpoints ----------------------------------------------------------------------------

@routes.get("/api" + SLASH)
async def api_info(request: web.Request) -> web.Response:
    return json_response(API_VERSION)


@routes.get("/api/contests" + SLASH)
async def contests(request: web.Request) -> web.Response:
    rows = [contest_row(p.store, p.contest_id) for p in visible(request,
                                                                  await current_user(request))]
    return json_response([clics.contest(row) for row in rows if row])


@routes.get("/api/contests/{cid}" + SLASH)
async def contest(request: web.Request) -> web.Response:
    podium, _ = await contest_of(request)
    return json_response(clics.contest(contest_row(podium.store, podium.contest_id)))


@routes.get("/api/contests/{cid}/state" + SLASH)
async def contest_state(request: web.Request) -> web.Response:
    podium, _ = await contest_of(request)
    return json_response(clics.state(podium.live.clock, podium.now()))


@routes.get("/api/contests/{cid}/access" + SLASH)
async def access(request: web.Request) -> web.Response:
    """What this client may read and do (CLICS capabilities and endpoints)."""
    _, user = await contest_of(request)
    return json_response(clics.access("public" if user is None else user.type))


@routes.get("/api/contests/{cid}/account" + SLASH)
async def account(request: web.Request) -> web.Response:
    """The account making the request (2026-01); 404 for the public, as the spec says."""
    podium, user = await contest_of(request)
    if user is None:
        raise web.HTTPNotFound(text="no account: the request is not authenticated")
    return one(_accounts(podium, user), user.id, "account")


@routes.get("/api/contests/{cid}/scoreboard" + SLASH)
async def scoreboard(request: web.Request) -> web.Response:
    """From memory: encoded once per change; If-None-Match answers 304 without a body."""
    podium, user = await contest_of(request)
    public = not sees_unfrozen(viewer_of(user))
    if "group_id" in request.query:  # CLICS: the group's teams ranked among themselves
        return json_response(podium.live.scoreboard_json(public, request.query["group_id"]))
    return conditional(request, podium.live.scoreboard(public=public))


@routes.get("/api/contests/{cid}/submissions/{sid}/files" + SLASH)
async def submission_files(request: web.Request) -> web.Response:
    """The source as the CLICS zip; only its team and the jury ever see it."""
    podium, user = await contest_of(request)
    sid = request.match_info["sid"]
    if not visible_submissions(podium, user, sid):
        raise web.HTTPNotFound(text=f"no submission {sid!r}")
    row = submission_row(podium.store, podium.contest_id, sid)
    stored = stored_files(row["file_name"], row["source_hash"], row["other_files"])
    return web.Response(body=files_zip({name: podium.store.blobs.path(digest).read_bytes()
                                        for name, digest in stored.items()}),
                        content_type="application/zip")


@routes.get("/api/contests/{cid}/problems/{pid}/statement/{name}")
async def problem_statement(request: web.Request) -> web.Response:
    """A problem's PDF statement, a file its `statement` names (2026-01)."""
    return statement_pdf_response(await _package(request), request.match_info["name"])


@routes.get("/api/contests/{cid}/problems/{pid}/attachments/{name}")
async def problem_attachment(request: web.Request) -> web.Response:
    """One of a problem's attachments, a file its `attachments` names (2026-01)."""
    return attachment_response(await _package(request), request.match_info["name"])


async def _package(request: web.Request) -> Problem:
    """The package of the problem in the path, whose files are as secret as its statement
    (`visibility.sees_statements`: to all but the jury until the contest starts)."""
    podium, user = await contest_of(request)
    started = podium.live.clock.state(podium.now()) is not State.NOT_STARTED
    if not sees_statements(viewer_of(user), started):
        raise web.HTTPNotFound(text="the problems' files appear when the contest starts")
    return podium.package(request.match_info["pid"])


@routes.get("/api/contests/{cid}/{endpoint}" + SLASH)
async def collection(request: web.Request) -> web.Response:
    podium, user = await contest_of(request)
    endpoint = request.match_info["endpoint"]
    if endpoint == "event-feed":
        return await event_feed(request, podium, user)
    views = _collections(podium)
    if endpoint not in views:
        raise web.HTTPNotFound(text=f"no endpoint {endpoint!r}")
    if endpoint == "judgements" and "submission_id" in request.query:
        sid = request.query["submission_id"]
        return owned(request, podium, user, ("judgements", sid),
                     lambda: visible_judgements(podium, user, sid))
    if endpoint == "runs" and "judgement_id" in request.query:
        return json_response(visible_runs(podium, user, request.query["judgement_id"]))
    if endpoint in OWNED_VIEWS:
        return owned(request, podium, user, (endpoint,), lambda: views[endpoint](user))
    return json_response(views[endpoint](user))


@routes.get("/api/contests/{cid}/{endpoint}/{oid}" + SLASH)
async def single(request: web.Request) -> web.Response:
    podium, user = await contest_of(request)
    endpoint, oid = request.match_info["endpoint"], request.match_info["oid"]
    if endpoint == "submissions":
        def answer() -> Encoded:
            return owned_answer(podium, user, ("submission", oid), lambda: next(
                iter(visible_submissions(podium, user, oid)), None))

        encoded = answer()
        if encoded.body == b"null":  # posted through another worker a moment ago?
            podium.live.poll()
            encoded = answer()
        if encoded.body == b"null":
            raise web.HTTPNotFound(text=f"no submission {oid!r}")
        return conditional(request, encoded)
    views = _collections(podium)
    if endpoint not in views:
        raise web.HTTPNotFound(text=f"no endpoint {endpoint!r}")
    return one(views[endpoint](user), oid, endpoint.rstrip("s"))


# --- POST ---------------------------------------------------------------------------------

MAX_JSON_DEPTH = 32  # nested objects and arrays in a body: Podium's bodies are flat
MAX_JSON_NUMBER = 40  # characters of one number


def bounded_json(text: str) -> object:
    """A JSON body parsed within bounds: nesting, the length of a number, no NaN or Infinity;
    `ValueError` saying which was passed (never a RecursionError or a 4,300-digit limit)."""
    def number(kind: type) -> Callable[[str], object]:
        def parse(literal: str) -> object:
            if len(literal) > MAX_JSON_NUMBER:
                raise ValueError(f"a number of {len(literal):,} characters; at most "
                                 f"{MAX_JSON_NUMBER}")
            value = kind(literal)
            if kind is float and not math.isfinite(value):
                raise ValueError(f"a number out of range ({literal[:MAX_JSON_NUMBER]})")
            return value
        return parse

    def constant(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    try:
        value = json.loads(text, parse_int=number(int), parse_float=number(float),
                           parse_constant=constant)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} deep") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at character {exc.pos})") from None
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise ValueError(f"nested more than {MAX_JSON_DEPTH} deep")
            stack.extend((child, depth + 1)
                         for child in (item.values() if isinstance(item, dict) else item))
    return value


def require_json(request: web.Request) -> None:
    """A body declared JSON, from the headers alone: 415 for any other type (a form another
    site posts, `text/plain` included, is never read as JSON)."""
    if not request.can_read_body:
        raise web.HTTPBadRequest(text="the body is empty: send a JSON object")
    if not is_json(request):
        raise web.HTTPUnsupportedMediaType(
            text=f"the body must be JSON (Content-Type: {JSON}), not {request.content_type}")


async def json_body(request: web.Request) -> dict:
    """Every JSON body the server reads: declared JSON (`require_json`) and parsed within
    bounds (a clear 400 otherwise)."""
    require_json(request)
    try:
        body = bounded_json(await request.text())
    except (UnicodeDecodeError, LookupError):  # LookupError: a charset Python does not know
        raise web.HTTPBadRequest(text="the body is not text in its charset") from None
    except ValueError as exc:
        raise web.HTTPBadRequest(text=f"the body is refused: {exc}") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="the body must be a JSON object")
    return body


async def _poster(request: web.Request,
                  submission: bool = False) -> tuple[Podium, User, dict]:
    """The poster and the body, limits first: who posts (401, CSRF), and for a submission
    whether the team is past its rate (429), all before the body is read."""
    podium, user = await contest_of(request)
    if user is None:
        raise web.HTTPUnauthorized(text="log in to post",
                                   headers={"WWW-Authenticate": 'Basic realm="Podium"'})
    if tool_form(request):  # DOMjudge's clients: a tool's form, no browser's
        if submission:
            podium.check_submit_rate(user, count=False)
        return podium, user, await form_body(request)
    require_json(request)  # a browser's form is refused before anything reads it
    await check_csrf(request, request.headers.get("X-CSRF-Token"))
    if submission:
        podium.check_submit_rate(user, count=False)
    return podium, user, await json_body(request)


@routes.post("/api/contests/{cid}/submissions" + SLASH)
async def post_submission(request: web.Request) -> web.Response:
    """CLICS: problem_id, language_id, files (one base64 zip), entry_point where needed; an
    admin also gives team_id and may give time."""
    podium, user, body = await _poster(request, submission=True)
    return await _submitted(podium, user, from_api(podium, user, body, put_id=None))


@routes.put("/api/contests/{cid}/submissions/{sid}" + SLASH)
async def put_submission(request: web.Request) -> web.Response:
    """An admin's submission with its own id and time (a proxy forwarding what it took)."""
    podium, user, body = await _poster(request)  # admins only, free of the rate
    return await _submitted(podium, user, from_api(podium, user, body,
                                                   put_id=request.match_info["sid"]))


async def _submitted(podium: Podium, user: User, checked) -> web.Response:
    sid = await submit(podium, user, checked, counted=True)
    (made,) = visible_submissions(podium, user, sid)
    return json_response(made, status=POSTED, headers={
        "Location": f"/api/contests/{podium.contest_id}/submissions/{sid}"})


@routes.post("/api/contests/{cid}/clarifications" + SLASH)
async def post_clarification(request: web.Request) -> web.Response:
    """A team asks (from itself, to the jury); the jury answers (`reply_to_id`, to the asking
    team, or to all with `to_team_id: null`) or announces to all."""
    podium, user, body = await _poster(request)
    text = text_field(body, "text") or ""
    problem = text_field(body, "problem_id", required=False)
    now = podium.now()
    when, contest_time = iso_time(now.timestamp()), podium.live.clock.contest_time(now)
    try:
        if not user.jury:
            if body.get("from_team_id") not in (None, user.team_id) or any(
                    body.get(key) for key in ("to_team_id", "to_team_ids", "to_group_ids")):
                raise web.HTTPForbidden(text="a team asks the jury, from itself")
            cid = await podium.write(ask, podium.store, podium.contest_id, user.team_id, text,
                                     when, contest_time, problem)
        elif body.get("reply_to_id") is not None:
            to_all = any(key in body and body[key] is None
                         for key in ("to_team_id", "to_team_ids"))  # else to the asking team
            cid = await podium.write(answer, podium.store, str(body["reply_to_id"]), text,
                                     when, to_all, contest_time)
        else:
            cid = await podium.write(announce, podium.store, podium.contest_id, text, when,
                                     contest_time, problem)
    except ClarificationError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    return json_response(clics.clarification(clarification_row(podium.store, cid),
                                             podium.context()), status=POSTED, headers={
        "Location": f"/api/contests/{podium.contest_id}/clarifications/{cid}"})


# --- event feed ---------------------------------------------------------------------------

class FeedFilter:
    """Which stored events a user may see (`visibility.sees_event`), and their CLICS lines."""

    def __init__(self, podium: Podium, user: User | None) -> None:
        self.podium, self.user, self.viewer = podium, user, viewer_of(user)

    def visible(self, row: dict, data: dict | None) -> bool:
        store, kind, ident = self.podium.store, row["type"], row["id"]
        return sees_event(self.viewer, kind, data,
                          team_hidden=lambda: team_is_hidden(store, ident),
                          owner=lambda: owner_of(store, kind, ident))

    def lines(self, rows: list[dict]) -> list[bytes]:
        ctx = self.podium.context()
        out = []
        for row in rows:
            data = json.loads(row["data"]) if row["data"] else None
            if not self.visible(row, data):
                continue
            event = clics.feed_event(row, data, ctx)
            out.append(json.dumps(event, separators=(",", ":")).encode() + b"\n")
        return out


async def event_feed(request: web.Request, podium: Podium, user: User | None
                     ) -> web.StreamResponse:
    """NDJSON of the events this user may see, from `since_token` on; with `stream=false` it
    ends at the newest event, else it stays open, a newline every KEEPALIVE_S when idle."""
    seq = 0
    token = request.query.get("since_token")
    if token is not None:
        found = seq_of_token(podium.store, podium.contest_id, token)
        if found is None:
            raise web.HTTPBadRequest(text=f"unknown since_token {token!r}")
        seq = found
    stream = request.query.get("stream", "true").lower() not in ("false", "0", "no")
    with podium.streams.admitted(request, anonymous=user is None,
                                 jury=user is not None and user.jury):
        response = web.StreamResponse(headers={"Content-Type": "application/x-ndjson",
                                               "Cache-Control": "no-cache"})
        await response.prepare(request)
        feed = FeedFilter(podium, user)
        try:
            async with podium.live.stream():
                await _feed(response, podium, feed, seq, stream)
        except ConnectionResetError:
            pass  # the reader went away
    return response


async def _feed(response: web.StreamResponse, podium: Podium, feed: FeedFilter, seq: int,
                stream: bool) -> None:
    while not podium.live.closing:  # the server stops: the feed ends, the reader reconnects
        # a stream reads what the live view has read (memory); a one-off read, the log
        rows = podium.live.rows_after(seq) if stream else \
            events_after(podium.store, podium.contest_id, seq)
        if rows:
            seq = rows[-1]["seq"]
            lines = feed.lines(rows)
            if lines:
                await response.write(b"".join(lines))
            continue
        if not stream:
            break
        if not await podium.live.wait(seq, KEEPALIVE_S):
            await response.write(b"\n")
        await asyncio.sleep(0)
    await response.write_eof()
