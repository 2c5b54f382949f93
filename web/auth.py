"""Who is asking: a session cookie (browsers) or HTTP Basic (tools), and what they may do.

Pages and the API share one notion of a user. A browser logs in once and carries an
encrypted session cookie with its CSRF token and its session id (a logout revokes the id on
the server: the cookie is dead at once, even copied); a tool sends Basic credentials on
each request. A browser keeps Basic credentials too, and sends them with whatever another
site makes it post, so no state change trusts credentials alone: one sent from another
site or origin is refused (`cross_site`), and one without the session's token must be JSON,
which a browser sends to another origin only after a CORS preflight this server never
grants. Failed logins are throttled per name and per address; passwords are checked off the
event loop (argon2 is slow on purpose).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import concurrent.futures
import functools
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp_session import get_session, new_session

from appliance.accounts import account_by_id, account_by_username
from appliance.contest.visibility import PUBLIC, Viewer, is_jury
from appliance.passwords import hash_password, verify_password
from appliance.store import Store
from web.ratelimit import shared_window

LOGIN_FAILURES = 5  # per name in LOGIN_WINDOW_S
ADDRESS_FAILURES = 20  # per address (teams on a floor may share one behind a NAT)
LOGIN_WINDOW_S = 300.0
BASIC_CACHE_S = 3600.0  # a tool's verified credentials are trusted this long
HASH_THREADS = 2  # argon2 checks at once: they have their own threads, never the writes' ones
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # the methods that change nothing
JSON = "application/json"
FORM = "multipart/form-data"


@dataclass(frozen=True)
class User:
    """A logged-in account."""

    id: str
    username: str
    type: str
    team_id: str | None

    @property
    def jury(self) -> bool:
        return is_jury(self.type)

    @property
    def viewer(self) -> Viewer:
        """This user as the core's visibility rule knows viewers."""
        return Viewer.account(self.id, self.type, self.team_id)


def viewer_of(user: User | None) -> Viewer:
    """Who is looking, for `appliance.contest.visibility`: the user, or the public."""
    return PUBLIC if user is None else user.viewer


class TooManyAttempts(Exception):
    """Logins for this name or address are throttled for `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins: try again in {retry_after} s")
        self.retry_after = retry_after


class Accounts:
    """Checks credentials against the store, throttling failures."""

    def __init__(self, store: Store) -> None:
        self.store = store
        data = store.path.parent  # the failures every worker counts
        self.failures = shared_window(data, "login-names", LOGIN_FAILURES, LOGIN_WINDOW_S)
        self.address_failures = shared_window(data, "login-addresses", ADDRESS_FAILURES,
                                              LOGIN_WINDOW_S)
        self._basic: dict[str, tuple[float, User]] = {}
        self._hashing = concurrent.futures.ThreadPoolExecutor(HASH_THREADS, "argon2")

    def user(self, account_id: str) -> User | None:
        row = account_by_id(self.store, account_id)
        return User(**row) if row else None

    async def login(self, username: str, password: str, address: str) -> User | None:
        """The account these credentials open, or None; raises TooManyAttempts."""
        name = username.lower()
        now = time.time()
        wait = max(self.failures.retry_after(name, now),
                   self.address_failures.retry_after(address, now))
        if wait:
            raise TooManyAttempts(wait)
        row = account_by_username(self.store, username)
        hashed = row["password_hash"] if row else None
        ok = await asyncio.get_running_loop().run_in_executor(
            self._hashing, verify_password, hashed or _dummy_hash(), password)
        if ok and row and hashed:
            self.failures.clear(name)
            return User(row["id"], row["username"], row["type"], row["team_id"])
        self.failures.hit(name, time.time())
        self.address_failures.hit(address, time.time())
        return None

    async def basic(self, header: str, address: str) -> User | None:
        """The user of an `Authorization: Basic` header; None when it is not one."""
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            username, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise web.HTTPBadRequest(text="malformed Basic credentials") from None
        digest = hashlib.sha256(f"{username}\0{password}".encode()).hexdigest()
        cached = self._basic.get(digest)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        user = await self.login(username, password, address)
        if user is None:
            raise web.HTTPUnauthorized(text="wrong user name or password",
                                       headers={"WWW-Authenticate": 'Basic realm="Podium"'})
        self._basic[digest] = (time.monotonic() + BASIC_CACHE_S, user)
        return user


ACCOUNTS = web.AppKey("accounts", Accounts)
USER = web.RequestKey("user", object)  # User | None, once looked up
BASIC = web.RequestKey("basic", bool)  # credentials came in the request itself


@functools.cache
def _dummy_hash() -> str:
    """A real hash to check unknown names against, so they cost as much as known ones."""
    return hash_password(secrets.token_urlsafe(16))


async def current_user(request: web.Request) -> User | None:
    """The request's user: Basic credentials if sent, else the session's account."""
    if USER in request:
        return request[USER]
    accounts: Accounts = request.app[ACCOUNTS]
    header = request.headers.get("Authorization")
    user = None
    if header:
        user = await accounts.basic(header, request.remote or "?")
        request[BASIC] = True
    else:
        session = await get_session(request)
        account_id = session.get("account")
        if account_id and request.app[REVOKED].live(session.get("sid")):
            user = accounts.user(account_id)
    request[USER] = user
    return user


async def start_session(request: web.Request, user: User) -> None:
    """A fresh session for a login (a new cookie: no fixation), with its CSRF token and the
    id a logout revokes."""
    session = await new_session(request)
    session["account"] = user.id
    session["sid"] = secrets.token_urlsafe(24)
    session["csrf"] = secrets.token_urlsafe(24)


async def end_session(request: web.Request) -> None:
    """A logout: the session's id revoked on the server (a copy of the cookie opens nothing
    after it), the cookie cleared."""
    session = await get_session(request)
    request.app[REVOKED].revoke(session.get("sid"))
    session.invalidate()


class Revoked:
    """The ids of sessions ended by a logout, each kept until its cookie would have expired
    anyway, in a file of the data folder (one `expiry id` a line, 0600): a restarted server
    still refuses them."""

    def __init__(self, path: Path, max_age_s: float) -> None:
        self.path, self.max_age_s = path, max_age_s
        self._until: dict[str, float] = {}
        self._seen: tuple[int, int] | None = None  # the file's (inode, size) when last read
        if path.exists():
            self._read()
            self._write()  # the expired ones dropped

    def _read(self) -> None:
        now = time.time()
        for line in self.path.read_text().splitlines():
            expiry, _, sid = line.partition(" ")
            try:
                if float(expiry) > now and sid:
                    self._until[sid] = float(expiry)
            except ValueError:
                continue  # a line cut short by a crash (or being written)
        self._seen = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_size

    def live(self, sid: str | None) -> bool:
        """Whether a session with this id may act (one without an id predates ids: no).
        The file is read again when it changed: another web worker's logout counts at once
        here too (one stat a request)."""
        if not sid:
            return False
        if self._stamp() != self._seen:
            self._read()
        return sid not in self._until

    def revoke(self, sid: str | None) -> None:
        if not sid or sid in self._until:
            return
        self._until[sid] = time.time() + self.max_age_s
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a") as out:
            out.write(f"{self._until[sid]:.0f} {sid}\n")

    def _write(self) -> None:
        temporary = self.path.with_suffix(".new")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.writelines(f"{until:.0f} {sid}\n" for sid, until in self._until.items())
        temporary.replace(self.path)
        self._seen = self._stamp()


REVOKED = web.AppKey("revoked", Revoked)


def cross_site(request: web.Request) -> str | None:
    """Why a state change is refused as sent by a browser from another site or origin
    (Sec-Fetch-Site, else Origin, say so; tools send neither), or None."""
    fetched = request.headers.get("Sec-Fetch-Site", "").lower()
    if fetched in ("cross-site", "same-site"):
        return f"refused: this request was sent from another site ({fetched})"
    origin = request.headers.get("Origin")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower()
                               != request.host.lower()):
        return f"refused: this request was sent from another origin ({origin})"
    return None


def tool_form(request: web.Request) -> bool:
    """Whether this is a tool's multipart form (DOMjudge's `submit` posts one): Basic
    credentials in the request itself, and none of the headers every browser adds to a POST
    (Origin, Sec-Fetch-Site). A browser keeping Basic credentials sends those headers with
    any form, so its forms still need the session's token."""
    return (request.content_type == FORM and bool(request.get(BASIC))
            and "Origin" not in request.headers and "Sec-Fetch-Site" not in request.headers)


def is_json(request: web.Request) -> bool:
    """Whether the body is declared JSON (what no form and no simple cross-origin request
    can send)."""
    return request.content_type == JSON


async def csrf_token(request: web.Request) -> str:
    """The session's CSRF token (made for anonymous sessions too: the login form has one)."""
    session = await get_session(request)
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


async def page_token(request: web.Request) -> str:
    """The session's CSRF token if it has one, else "": a page without a form to post
    (the public scoreboard) never makes a session, so an anonymous reader gets no cookie."""
    session = await get_session(request)
    return session.get("csrf", "")


async def check_csrf(request: web.Request, sent: str | None) -> None:
    """403 unless the token sent matches the session's. Basic credentials spare a tool the
    token for JSON only: a browser keeping them sends them with any form another site
    posts."""
    if request.get(BASIC):
        if is_json(request):
            return
        if not sent:
            raise web.HTTPForbidden(text=f"with Basic credentials, send JSON (Content-Type: "
                                         f"{JSON}); a form needs the page's CSRF token")
    session = await get_session(request)
    expected = session.get("csrf")
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise web.HTTPForbidden(text="missing or wrong CSRF token: reload the page and retry")
