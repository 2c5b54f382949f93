"""`podium serve --workers 2`: two web processes on one port over one store, the master
judging (here `--no-judge`: nothing is judged). Every worker follows the event log, so the
event feed is the same from each; a burst of submissions spread over both loses and doubles
none. Each test connects again and again until both workers (the X-Podium-Worker header)
answered."""

from __future__ import annotations

import base64
import concurrent.futures
import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from appliance.store import Store
from tests.webserver import (
    A_PLUS_B,
    Client,
    make_contest,
    pin_both,
    spawn_server,
    stop_server,
    submission_body,
)

WORKERS = 2
BURST = 500
FEED = "/api/contests/test/event-feed?stream=false"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("workers")
    logins = make_contest(data, teams=20)
    process, base = spawn_server(data, "--workers", str(WORKERS), "--no-judge")
    try:
        yield process, (base, logins, data)
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def site(served) -> tuple[str, dict, Path]:
    return served[1]


def from_every_worker(client: Client, path: str, tries: int = 400) -> dict[str, bytes]:
    """The body of `path` as each worker answers it (a new connection each request)."""
    bodies: dict[str, bytes] = {}
    for _ in range(tries):
        reply = client.get(path)
        assert reply.status == 200, reply.text
        bodies.setdefault(reply.headers["X-Podium-Worker"], reply.body)
        if len(bodies) == WORKERS:
            return bodies
    raise AssertionError(f"only workers {sorted(bodies)} answered in {tries} requests")


def test_the_event_feed_is_the_same_from_every_worker(site) -> None:
    base, logins, _ = site
    admin = Client(base, "admin", logins["admin"])
    for n in range(6):
        reply = admin.post_json("/api/contests/test/submissions", submission_body(
            "sum", "python3", A_PLUS_B, "a.py", team=f"team{n % 3 + 1:03}"))
        assert reply.status == 200, reply.text
    # each worker follows the log on its own (every 100 ms): read until both have it all
    for _ in range(50):
        feeds = from_every_worker(admin, FEED)
        if len(set(feeds.values())) == 1 and feeds["1"].count(b'"type":"submissions"') >= 6:
            break
    assert len(set(feeds.values())) == 1, "the workers' event feeds differ"
    public = from_every_worker(Client(base), FEED)
    assert len(set(public.values())) == 1
    assert b'"type":"submissions"' not in public["1"]  # the public sees no submissions


def test_a_burst_spread_over_the_workers_loses_and_doubles_nothing(site) -> None:
    base, logins, data = site
    teams = [name for name in logins if name.startswith("team")]

    def post(n: int) -> tuple[str, str]:
        admin = Client(base, "admin", logins["admin"])  # a new connection each
        reply = admin.post_json("/api/contests/test/submissions", submission_body(
            "sum", "python3", A_PLUS_B + f"# {n}\n".encode(), "a.py", team=teams[n % len(teams)]))
        assert reply.status == 200, reply.text
        return reply.json()["id"], reply.headers["X-Podium-Worker"]

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        made = list(pool.map(post, range(BURST)))
    ids = [ident for ident, _ in made]
    assert len(set(ids)) == BURST, "a submission id was given twice"
    by_worker = Counter(worker for _, worker in made)
    assert set(by_worker) == {str(n) for n in range(1, WORKERS + 1)}, by_worker
    with Store.open(data) as store:
        stored = store.query("SELECT clics_id FROM submissions WHERE contest_id = 'test'")
        events = store.query("SELECT id FROM events WHERE type = 'submissions'")
    stored_ids = Counter(row["clics_id"] for row in stored)
    assert set(ids) <= set(stored_ids) and max(stored_ids.values()) == 1
    created = Counter(row["id"] for row in events)
    assert all(created[ident] == 1 for ident in ids), "a submission's event is lost or doubled"
    feed = from_every_worker(Client(base, "admin", logins["admin"]), FEED)
    for body in feed.values():
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        fed = Counter(e["data"]["id"] for e in lines if e["type"] == "submissions")
        assert all(fed[ident] == 1 for ident in ids)


def test_anonymous_pages_set_no_cookie_and_answer_304_from_every_worker(site) -> None:
    base, _, _ = site
    for path in ("/public", "/scoreboard", "/scoreboard/table",
                 "/api/contests/test/scoreboard"):
        reader = Client(base)
        for _ in range(40):
            first = reader.get(path)
            assert first.status == 200
            assert "Set-Cookie" not in first.headers, path
            again = reader.get(path, headers={"If-None-Match": first.headers["ETag"]})
            if again.status == 304:
                break  # a page made again in between (its countdown's second) retries
        assert again.status == 304, path


def test_a_worker_that_dies_is_started_again(served) -> None:
    master, (base, _, _) = served
    children = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True,
                              text=True).stdout.split()
    assert len(children) == WORKERS
    os.kill(int(children[0]), signal.SIGKILL)
    deadline = time.monotonic() + 60
    while True:  # a new worker binds the port again: both answer
        try:
            from_every_worker(Client(base), "/api", tries=100)
            break
        except (AssertionError, OSError):
            assert time.monotonic() < deadline, "the dead worker was not started again"
            time.sleep(0.5)
    assert master.poll() is None


def test_a_teams_submission_rate_holds_across_the_workers(site) -> None:
    """Ten submissions a minute per team, however its connections spread: five through each
    worker, and the eleventh is refused by either (per worker it would be each one's sixth)."""
    base, logins, _ = site
    auth = "Basic " + base64.b64encode(f"team020:{logins['team020']}".encode()).decode()
    pinned = pin_both(base)
    body = submission_body("sum", "python3", A_PLUS_B, "a.py")
    for n in range(10):
        status, answer = pinned[n % 2].request("POST", "/api/contests/test/submissions",
                                               auth, body)
        assert status == 200, answer
    for through in pinned:
        status, answer = through.request("POST", "/api/contests/test/submissions", auth, body)
        assert status == 429 and "10 submissions a minute" in answer["message"], answer
