"""Helpers for the web tests: a stored, started contest with known passwords, the server
on a real socket (in a thread, or as a real `podium serve` process), and a small HTTP
client that keeps its cookies."""

from __future__ import annotations

import asyncio
import base64
import http.client
import http.cookiejar
import http.server
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from appliance.config import Config
from appliance.contest.control import control
from appliance.contest.setup import import_contest, quick_contest
from appliance.store import Store
from tests.paths import PACKS, REPO

A_PLUS_B = b"a, b = map(int, input().split())\nprint(a + b)\n"  # accepted on `sum` (Python)


def make_contest(data_dir: Path, problems: tuple[str, ...] = ("sum", "floats"), teams: int = 3,
                 start: bool = True, freeze_s: float = 3600,
                 started_ago: timedelta = timedelta(0),
                 score_mode: str | None = None) -> dict[str, str]:
    """A quick contest ("test") in `data_dir`, started now (or `started_ago`); its logins
    (name -> password). Problems are names under problem_packs/ or paths; with
    `score_mode`, a score contest."""
    config = Config.build(data_dir=data_dir)
    package = quick_contest("Test", [PACKS / p for p in problems], teams, freeze_s=freeze_s,
                            score_mode=score_mode)
    with Store.open(data_dir) as store:
        import_contest(store, package, config.library_dir)
        if start:
            control(store, "test", "start", datetime.now(UTC) - started_ago,
                    datetime.now(UTC) - started_ago)
    return {a.username: a.password for a in package.accounts}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


class Client:
    """A browser-like client (cookies) or a tool (Basic credentials)."""

    def __init__(self, base: str, user: str | None = None, password: str | None = None) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies),
                                                  _NoRedirect())
        self.auth = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            self.auth = f"Basic {token}"

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers=dict(headers or {}))
        if self.auth:
            request.add_header("Authorization", self.auth)
        try:
            with self.opener.open(request, timeout=30) as response:
                return Reply(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read())

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post_json(self, path: str, data: object, csrf: str | None = None) -> Reply:
        headers = {"Content-Type": "application/json"}
        if csrf:
            headers["X-CSRF-Token"] = csrf
        return self.request("POST", path, json.dumps(data).encode(), headers)

    def post_form(self, path: str, fields: dict[str, str]) -> Reply:
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body,
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def csrf(self) -> str:
        """The session's CSRF token, as a page carries it."""
        page = self.get("/login").text
        marker = 'name="csrf" value="'
        return page[page.index(marker) + len(marker):].split('"', 1)[0]

    def login(self, user: str, password: str) -> Reply:
        return self.post_form("/login", {"csrf": self.csrf(), "username": user,
                                         "password": password, "next": "/problems"})


def as_user(contest: tuple[str, dict, Path], name: str) -> Client:
    """A tool's client of a test server (base, logins, data) with `name`'s credentials."""
    base, logins, _ = contest
    return Client(base, name, logins[name])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # see the 303 itself
        return None


def zipped(files: dict[str, bytes]) -> str:
    """Files as the base64 zip a CLICS submission carries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return base64.b64encode(buffer.getvalue()).decode()


def submission_body(problem: str, language: str, source: bytes, name: str,
                    team: str | None = None) -> dict:
    """A CLICS POST body: the source in a base64 zip."""
    body = {"problem_id": problem, "language_id": language,
            "files": [{"data": zipped({name: source})}]}
    if team:
        body["team_id"] = team
    return body


@contextmanager
def server_thread(data_dir: Path, contest_id: str = "test",
                  host: str = "127.0.0.1") -> Iterator[str]:
    """The web app (no judging) on a free port of `host` in a thread of its own; its base
    URL."""
    from web.serve import Site

    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        site = Site(Config.build(data_dir=data_dir), contest_id)
        holder["site"] = site
        loop.run_until_complete(site.start(host, 0))
        started.set()
        loop.run_until_complete(site.stop.wait())
        loop.run_until_complete(site.close())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(30), "the test server did not start"
    try:
        yield f"http://{host}:{holder['site'].port}"
    finally:
        loop.call_soon_threadsafe(holder["site"].stop.set)
        thread.join(30)


@contextmanager
def handler_server(handler: type, host: str = "127.0.0.1") -> Iterator[str]:
    """A standard-library request handler served in threads on a free port of `host`; its
    base URL."""
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def spawn_server(data_dir: Path, *extra: str, log_name: str = "serve.log",
                 preexec_fn=None) -> tuple[subprocess.Popen, str]:
    """Start a real `podium serve` process (judging with the real Docker engine; one web
    process unless `--workers` is given), its output in `data_dir / log_name`, and wait
    until it answers; the process and its base URL.
    `preexec_fn` runs in the child before the exec (to set its resource limits, say)."""
    port = free_port()
    if not any(arg.startswith("--workers") for arg in extra):
        extra = ("--workers", "1", *extra)  # one process, as these tests measure it
    with open(data_dir / log_name, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--data", str(data_dir),
             "--host", "127.0.0.1", "--port", str(port), *extra],
            stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env={**os.environ},
            preexec_fn=preexec_fn)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/api", timeout=2).read()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("podium serve did not start: "
                                   + (data_dir / log_name).read_text()) from None
            time.sleep(0.2)


@contextmanager
def server_process(data_dir: Path, *extra: str) -> Iterator[str]:
    """A real `podium serve` process (judging with the real Docker engine); its base URL."""
    process, base = spawn_server(data_dir, *extra)
    try:
        yield base
    finally:
        stop_server(process)


def stop_server(process: subprocess.Popen, wait_s: float = 90) -> None:
    """SIGTERM, then kill when it has not exited within `wait_s`."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(wait_s)
    except subprocess.TimeoutExpired:
        process.kill()


class Pinned:
    """A keep-alive connection that one worker answers (the kernel chose it at connect)."""

    def __init__(self, connection: http.client.HTTPConnection, worker: str) -> None:
        self.connection, self.worker = connection, worker

    def request(self, method: str, path: str, auth: str | None = None,
                body: object = None) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if auth:
            headers["Authorization"] = auth
        self.connection.request(method, path, json.dumps(body) if body is not None else None,
                                headers)
        reply = self.connection.getresponse()
        data = reply.read()
        assert reply.getheader("X-Podium-Worker") == self.worker
        return reply.status, json.loads(data)


def pin_both(base: str) -> list[Pinned]:
    """One kept connection to each worker, found by connecting until both answered."""
    host, port = base.removeprefix("http://").split(":")
    found: dict[str, Pinned] = {}
    for _ in range(200):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("GET", "/api")
        reply = connection.getresponse()
        reply.read()
        worker = reply.getheader("X-Podium-Worker")
        if worker in found:
            connection.close()
            continue
        found[worker] = Pinned(connection, worker)
        if len(found) == 2:
            return [found["1"], found["2"]]
    raise AssertionError(f"only workers {sorted(found)} answered")
