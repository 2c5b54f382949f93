"""`/metrics`: the server's figures in Prometheus text format
(`appliance.metrics.collectors`), plus the HTTP requests it answered, counted by route and status.

Who may read it: jury accounts (session or Basic), and a scraper on this machine (the
loopback address) without credentials. A request that came through a proxy (it carries a
forwarding header) is not taken as local, since a proxy on this machine relays everyone's.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter
from prometheus_client.exposition import choose_encoder

from appliance.clics import objects as clics
from appliance.metrics.collectors import server_registry
from web.auth import User, current_user
from web.state import Podium

routes = web.RouteTableDef()
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP")
CLIENT_GONE = "499"  # the client closed the connection before the answer (nginx's code)


@dataclass(frozen=True)
class Metrics:
    """One server's registry and its request counter."""

    registry: CollectorRegistry
    requests: Counter

    @classmethod
    def for_podium(cls, podium: Podium) -> Metrics:
        registry = server_registry(podium.store, podium.contest_id,
                                   lambda: podium.judging_figures())
        requests = Counter("podium_http_requests", "HTTP requests answered, by method, route "
                           "(its pattern, not the path) and status",
                           ["method", "route", "status"], registry=registry)
        return cls(registry, requests)


METRICS = web.AppKey("metrics", Metrics)


def route_label(request: web.Request) -> str:
    """The pattern of the route that answered (`/api/contests/{cid}/submissions/{sid}`), never
    the path itself, so the label has few values; CLICS endpoints are named, since their
    set is fixed; the optional trailing slash the API takes is no part of it. `unmatched`
    when no route took the request (404, 405)."""
    resource = request.match_info.route.resource
    if resource is None:
        return "unmatched"
    pattern = resource.canonical.removesuffix("{slash}") or "/"
    endpoint = request.match_info.get("endpoint")
    if endpoint in clics.PROPERTIES:
        pattern = pattern.replace("{endpoint}", endpoint)
    return pattern


@web.middleware
async def count_requests(request: web.Request, handler) -> web.StreamResponse:
    """Count every answer with its final status (the outermost middleware: after `errors`)."""
    status = "500"
    try:
        response = await handler(request)
        status = str(response.status)
        return response
    except web.HTTPException as exc:  # redirects pass through `errors` as exceptions
        status = str(exc.status)
        raise
    except asyncio.CancelledError:
        status = CLIENT_GONE
        raise
    finally:
        method = request.method if request.method in METHODS else "other"
        request.app[METRICS].requests.labels(method, route_label(request), status).inc()


def is_local(remote: str | None, headers: Mapping[str, str]) -> bool:
    """Whether a request comes from this machine itself and not through a proxy."""
    if remote is None or any(name in headers for name in FORWARDING_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:  # a Unix socket's peer, say
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def may_read(user: User | None, local: bool) -> bool:
    """Jury accounts may read the metrics; without an account, only a local scraper."""
    return user.jury if user is not None else local


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    user = await current_user(request)
    if not may_read(user, is_local(request.remote, request.headers)):
        if user is None:
            raise web.HTTPUnauthorized(text="log in with a jury account, or scrape from this "
                                            "machine", headers={"WWW-Authenticate":
                                                                'Basic realm="Podium"'})
        raise web.HTTPForbidden(text="jury accounts only")
    # The format the scraper asks for: OpenMetrics for Prometheus, else the classic text;
    # made off the event loop, since the store's figures are queries (tens of ms for 20 000
    # judged submissions).
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))
    body = await asyncio.to_thread(encode, request.app[METRICS].registry)
    return web.Response(body=body, headers={"Content-Type": content_type,
                                            "Cache-Control": "no-store"})
