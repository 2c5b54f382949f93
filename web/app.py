"""The aiohttp application: routes, sessions, security headers, and errors that say what went
wrong in a page or in JSON, and never show a stack trace to a client."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from aiohttp import web
from aiohttp_session import setup as setup_sessions
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from appliance.clics.colours import css_colour, score_colour
from appliance.contest.intake import byte_size
from appliance.keyfiles import made_once
from appliance.scoreboard.scores import score_text
from web import (
    api,
    floor,
    ignoring,
    jury,
    live_push,
    metrics,
    pages,
    practice,
    practice_api,
    running,
)
from web.auth import ACCOUNTS, REVOKED, SAFE_METHODS, Revoked, cross_site, current_user
from web.contests import contest_of_request, served
from web.state import CONTESTS, PODIUM, Podium
from web.workers import WORKER, WORKER_HEADER

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MAX_REQUEST = 2 * 1024 * 1024  # bytes of one request body (a source is at most 256 KiB)
SESSION_DAYS = 2
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "font-src 'self' data:; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
# Everything that is not one of our pages (a package's images and samples, a team's sources,
# JSON): opened on its own, it is inert, whatever its type says (an SVG's script never runs).
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def session_key(data_dir: Path) -> bytes:
    """The 32-byte key sessions are encrypted with, kept beside the store (0600), so a
    restarted server keeps everyone logged in."""
    return made_once(data_dir / "session.key", lambda: os.urandom(32))


@web.middleware
async def errors(request: web.Request, handler) -> web.StreamResponse:
    """HTTP errors as JSON under /api and as a page elsewhere; anything else is a 500 whose
    details go to the log only."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        response = await _error(request, exc.status, exc.text or exc.reason, exc.headers)
        if exc.keep_alive is False:  # a refusal that frees its connection (a flood's)
            response.force_close()
        return response
    except Exception:  # noqa: BLE001 - the client gets a clean 500, the log the trace
        log.exception("%s %s failed", request.method, request.path)
        return await _error(request, 500, "the server failed on this request; it is logged")


async def _error(request: web.Request, status: int, message: str,
                 headers=None) -> web.Response:
    keep = {k: v for k, v in (headers or {}).items()
            if k in ("Retry-After", "WWW-Authenticate", "Allow")}
    message = message.removeprefix(f"{status}: ")
    if request.path.startswith("/api"):
        return api.json_response({"code": status, "message": message}, status, keep)
    try:
        user = await current_user(request)
    except web.HTTPException:
        user = None
    return await pages.render(request, "error.html", {"status": status, "message": message,
                                                      "user": user}, status=status,
                              headers=keep)


@web.middleware
async def body_limit(request: web.Request, handler) -> web.StreamResponse:
    """A body past MAX_REQUEST is a 413 that says its size and the limits, before anything
    reads it (aiohttp's own refusal names neither the real size nor the source's limit)."""
    size = request.content_length
    if size is not None and size > MAX_REQUEST:
        raise _too_large(request, byte_size(size))
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge as exc:  # a body without Content-Length, read
        if not (exc.text or "").startswith("Maximum request body size"):
            raise  # a 413 that says why already (a source past its limit)
        raise _too_large(request, f"more than {byte_size(MAX_REQUEST)}") from None


def _too_large(request: web.Request, size: str) -> web.HTTPRequestEntityTooLarge:
    source = byte_size(request.app[PODIUM].max_source)
    return web.HTTPRequestEntityTooLarge(
        max_size=MAX_REQUEST, text=f"the request is {size}; this server reads at most "
        f"{byte_size(MAX_REQUEST)}, and a source may be at most {source}")


@web.middleware
async def security_headers(request: web.Request, handler) -> web.StreamResponse:
    response = await handler(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    page = response.content_type == "text/html"
    response.headers.setdefault("Content-Security-Policy", CSP if page else FILE_CSP)
    return response


@web.middleware
async def same_origin(request: web.Request, handler) -> web.StreamResponse:
    """A state change (any method but GET, HEAD, OPTIONS) sent by a browser from another
    site or origin is refused, whatever its credentials (a cookie, Basic credentials the
    browser keeps): `auth.cross_site` says how it is seen."""
    if request.method not in SAFE_METHODS:
        refusal = cross_site(request)
        if refusal:
            raise web.HTTPForbidden(text=refusal)
    return await handler(request)


async def end_streams(app: web.Application) -> None:
    """On shutdown, end every open stream (event feeds, /live): aiohttp would otherwise wait
    its shutdown timeout for each of them."""
    ended = sum([await podium.live.close() for podium in served(app).values()])
    if ended:
        log.info("stopping: %d open stream(s) ended", ended)


def build_app(podium: Podium, data_dir: Path, secure_cookies: bool = False,
              others: tuple[Podium, ...] = (), worker: str | None = None) -> web.Application:
    """The application serving a contest (`podium`), and any `others` beside it (as web
    worker `worker` of several, which every response names in an X-Podium-Worker header)."""
    app = web.Application(client_max_size=MAX_REQUEST,
                          middlewares=[metrics.count_requests, security_headers])
    setup_sessions(app, EncryptedCookieStorage(
        session_key(data_dir), cookie_name="podium_session", httponly=True, samesite="Lax",
        secure=secure_cookies, max_age=SESSION_DAYS * 86400))
    app.middlewares.append(errors)
    app.middlewares.append(same_origin)  # inside `errors`: its 403 is a page or JSON
    app.middlewares.append(body_limit)  # inside `errors`: its 413 becomes a page or JSON
    app.middlewares.append(contest_of_request)  # inside `errors`: a bad login is a 401 there
    app[PODIUM] = podium
    app[CONTESTS] = {p.contest_id: p for p in (podium, *others)}
    app[metrics.METRICS] = metrics.Metrics.for_podium(podium)
    app[ACCOUNTS] = podium.accounts
    app[REVOKED] = Revoked(data_dir / "revoked-sessions", SESSION_DAYS * 86400)
    app[pages.JINJA] = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    app[pages.JINJA].filters["rgb"] = css_colour  # a problem's colour, never CSS of its own
    app[pages.JINJA].filters["score_colour"] = score_colour  # a share of a maximum as CSS
    app[pages.JINJA].filters["score"] = score_text
    app.router.add_routes(metrics.routes)  # before the pages' and static routes
    app.router.add_routes(jury.routes)  # before the API's catch-all endpoint routes
    app.router.add_routes(ignoring.routes)
    app.router.add_routes(floor.routes)  # so are the balloons and print jobs
    app.router.add_routes(running.routes)  # before the API's catch-all endpoint routes
    app.router.add_routes(practice_api.routes)
    app.router.add_routes(api.routes)
    app.router.add_routes(live_push.routes)
    app.router.add_routes(pages.routes)
    app.router.add_routes(practice.routes)
    app.router.add_static("/static", HERE / "static", append_version=True)
    app.on_shutdown.append(end_streams)
    if worker is not None:
        app[WORKER] = worker

        async def name_worker(request: web.Request, response: web.StreamResponse) -> None:
            response.headers[WORKER_HEADER] = worker
        app.on_response_prepare.append(name_worker)
    return app
