"""Which of the served contests a request is about, decided once per request: the one its
path names (`/api/contests/{cid}/...`; 404 for one this user may not see, as if absent),
else the one asked for (`?contest=`), else the one chosen in the session (a team in two
contests picks in the menu), else the first this user sees. A team in no served contest
gets a clear 403 wherever a contest is needed."""

from __future__ import annotations

from aiohttp import web
from aiohttp_session import get_session

from appliance.accounts import contests_of
from appliance.contest.visibility import sees_contests
from web.auth import BASIC, User, current_user, viewer_of
from web.state import CONTESTS, PODIUM, Podium

CHOSEN = web.RequestKey("contest", object)  # Podium | str: the request's, or why there is none
SESSION_KEY = "contest"  # the contest a browser chose


def served(app: web.Application) -> dict[str, Podium]:
    """Every served contest's Podium by id, in the order served."""
    return app[CONTESTS] if CONTESTS in app else {app[PODIUM].contest_id: app[PODIUM]}


def visible(request: web.Request, user: User | None) -> list[Podium]:
    """The served contests this user sees (`visibility.sees_contests`)."""
    podiums = served(request.app)
    store = request.app[PODIUM].store
    member_of = contests_of(store, user.id) if user else ()
    return [podiums[c] for c in sees_contests(viewer_of(user), podiums, member_of)]


async def choose(request: web.Request, user: User | None) -> Podium | str:
    """The request's contest, or why it has none (a message for a 403 or 404)."""
    seen = {p.contest_id: p for p in visible(request, user)}
    named = request.match_info.get("cid")
    if named is not None:
        return seen.get(named) or f"no contest {named!r}"
    asked = request.query.get("contest")
    if asked is not None and asked in seen:
        return seen[asked]
    if user is not None and not request.get(BASIC):
        chosen = (await get_session(request)).get(SESSION_KEY)
        if chosen in seen:
            return seen[chosen]
    if seen:
        return next(iter(seen.values()))
    return f"account {user.username!r} takes part in no contest served here" if user \
        else "no contest is served here"


@web.middleware
async def contest_of_request(request: web.Request, handler) -> web.StreamResponse:
    """Decide the request's contest before its handler runs (see the module's doc)."""
    request[CHOSEN] = await choose(request, await current_user(request))
    return await handler(request)


def podium_of(request: web.Request) -> Podium:
    """The request's contest: 404 when its path names one this user may not see, 403 when
    the user takes part in none."""
    chosen = request.get(CHOSEN)
    if chosen is None:  # outside the middleware (an app built without it)
        return request.app[PODIUM]
    if isinstance(chosen, str):
        if "cid" in request.match_info:
            raise web.HTTPNotFound(text=chosen)
        raise web.HTTPForbidden(text=chosen)
    return chosen


async def remember(request: web.Request, contest_id: str) -> None:
    """A browser's choice of contest, kept in its session (one it sees, else 404)."""
    user = await current_user(request)
    if contest_id not in {p.contest_id for p in visible(request, user)}:
        raise web.HTTPNotFound(text=f"no contest {contest_id!r}")
    (await get_session(request))[SESSION_KEY] = contest_id
