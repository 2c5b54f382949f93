"""Shadow mode against a recorded event feed in DOMjudge's shape (`/api/v4`, `valid` on
judgements, penalty in minutes, DOMjudge's extra fields), replayed by a tiny local HTTP
server: the feed drops half way and is read on from its `since_token`, a rejudging DOMjudge
did not apply is ignored, and the one verdict DOMjudge recorded differently is shown. Then
bad input: wrong credentials, an unreachable URL, a feed that ends before it described the
contest, problems with no package: one clear line each, and nothing imported."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from appliance.contest.reads import contest_ids
from appliance.store import Store
from tests.paths import PACKS, REPO
from tests.webserver import A_PLUS_B, free_port, handler_server

FEED = REPO / "tests" / "fixtures" / "shadow" / "domjudge-event-feed.ndjson"
SUM_WA = b"a, b = map(int, input().split())\nprint(a - b)\n"
# The files DOMjudge serves for each submission; #6 is wrong, though DOMjudge says AC.
FILES = {"1": ("a.py", A_PLUS_B), "2": ("a.py", SUM_WA),
         "3": ("h.py", b'print("Hello World!")\n'), "4": ("h.py", b'print("Hello World")\n'),
         "5": ("h.c", b"int main( {\n"), "6": ("b.py", SUM_WA)}
USER, PASSWORD = "admin", "shadow-me"


class Replay(BaseHTTPRequestHandler):
    """DOMjudge's API as far as a shadow reads it, from the recorded feed."""

    lines: list[bytes] = []
    first_cut: int | None = None  # the first connection drops after this many lines
    every_cut: int | None = None  # every connection ends after this many lines (a dead feed)
    seen: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen.append(self.path)
        wanted = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") != wanted:
            return self._send(401, b'{"code":401,"message":"Unauthorized"}')
        path, _, query = self.path.partition("?")
        if path == "/api/v4/contests":
            return self._send(200, json.dumps([{"id": "demo", "name": "Demo contest"}]).encode())
        if path.startswith("/api/v4/contests/demo/submissions/"):
            name, source = FILES[path.split("/")[-2]]
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr(name, source)
            return self._send(200, buffer.getvalue(), "application/zip")
        if path == "/api/v4/contests/demo/event-feed":
            return self._feed(query)
        return self._send(404, b'{"code":404}')

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _feed(self, query: str) -> None:
        start = 0
        if query.startswith("since_token="):
            token = query.split("=", 1)[1]
            start = next(i for i, line in enumerate(self.lines)
                         if json.loads(line)["token"] == token) + 1
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.end_headers()
        cut = Replay.every_cut or Replay.first_cut
        Replay.first_cut = None
        end = len(self.lines) if cut is None else min(cut, len(self.lines))
        self.wfile.write(b"".join(self.lines[start:end]))
        self.wfile.flush()
        if cut is not None:
            return  # the connection drops (no end of the stream: the feed is cut)
        for _ in range(600):  # keepalives, as DOMjudge sends them, until the test ends
            time.sleep(0.2)
            try:
                self.wfile.write(b"\n")
                self.wfile.flush()
            except OSError:  # the shadow went away
                return


@contextmanager
def replaying(first_cut: int | None = None, every_cut: int | None = None) -> Iterator[str]:
    Replay.lines = FEED.read_bytes().splitlines(keepends=True)
    Replay.first_cut, Replay.every_cut, Replay.seen = first_cut, every_cut, []
    with handler_server(Replay) as base:
        yield base + "/api/v4"


def shadow(url: str, data: Path, *extra: str, password: str = PASSWORD) -> list[str]:
    return [sys.executable, "-m", "cli", "shadow", url, "--user", USER, "--password", password,
            "--data", str(data), *extra]


def imported(data: Path) -> list[str]:
    if not Store.exists(data):
        return []
    with Store.open(data) as store:
        return [c for c in contest_ids(store) if c != "practice"]


@pytest.mark.docker
def test_a_recorded_domjudge_feed_is_shadowed_with_its_one_difference(tmp_path: Path) -> None:
    data = tmp_path / "shadow"
    log = tmp_path / "shadow.log"
    with replaying(first_cut=20) as url, open(log, "wb") as out:
        process = subprocess.Popen(shadow(url, data, "--problems", str(PACKS),
                                          "--pool-size", "2"),
                                   stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        try:
            deadline = time.monotonic() + 300
            done = "6 submissions: 6 judged there, 6 here, 1 difference"
            while done not in log.read_text() and process.poll() is None \
                    and time.monotonic() < deadline:
                time.sleep(0.3)
        finally:
            process.terminate()
            process.wait(60)
        seen = list(Replay.seen)
    text = log.read_text()
    assert done in text, text
    assert "differs: submission 6 (team exteam, problem sum, python3): primary AC, here WA" \
        in text
    assert text.count("differs:") == 1  # #3's rejudging was never valid on DOMjudge
    assert "/api/v4/contests/demo/event-feed?since_token=dj-20" in seen  # read on, not again
    assert "imported contest 'demo': 2 problems, 2 teams" in text


def run_bad(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=120)


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode != 0, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_wrong_credentials_are_one_line_and_import_nothing(tmp_path: Path) -> None:
    with replaying() as url:
        error = one_line_error(run_bad(shadow(url, tmp_path, "--no-judge",
                                              password="wrong")))
    assert error == (f"Error: {url}/contests: the primary refused the credentials of "
                     "'admin' (401)")
    assert imported(tmp_path) == []


def test_an_unreachable_primary_is_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/api"
    error = one_line_error(run_bad(shadow(url, tmp_path, "--no-judge")))
    assert error.startswith(f"Error: {url}/contests: cannot reach the primary: ")
    assert imported(tmp_path) == []


def test_a_feed_that_ends_before_the_contest_is_described_imports_nothing(
        tmp_path: Path) -> None:
    with replaying(every_cut=9) as url:  # the contest, types, languages: no problem yet
        error = one_line_error(run_bad(shadow(url, tmp_path, "--no-judge",
                                              "--problems", str(PACKS))))
    assert error == (f"Error: {url}: the event feed ended before it described the contest: "
                     "nothing imported")
    assert imported(tmp_path) == []


def test_problems_without_a_package_are_named_and_nothing_is_imported(tmp_path: Path) -> None:
    empty = tmp_path / "none"
    empty.mkdir()
    with replaying() as url:
        error = one_line_error(run_bad(shadow(url, tmp_path / "data", "--no-judge",
                                              "--problems", str(empty))))
    assert error.startswith("Error: no problem package for problems 'hello', 'sum' in this "
                            f"Podium's library nor in {empty}: ")
    assert imported(tmp_path / "data") == []
