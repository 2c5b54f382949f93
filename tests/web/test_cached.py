"""What pollers ask for is answered from memory (`web.cached`): made once per version, a
304 for the ETag a poller has, a team's own view unmoved by another team's submission and
moved at once by its own; a logout seen by every process reading the revoked sessions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.webserver import A_PLUS_B, as_user, make_contest, server_thread, submission_body
from web.auth import Revoked
from web.cached import Memo, encode

URL = "/api/contests/test/submissions"


def test_an_answer_is_made_once_per_version_and_the_oldest_go_first() -> None:
    memo = Memo(size=2)
    made = []

    def make(text: str):
        made.append(text)
        return encode(text.encode())

    assert memo.get("a", 1, lambda: make("a1")).body == b"a1"
    assert memo.get("a", 1, lambda: make("again")).body == b"a1"
    assert memo.get("a", 2, lambda: make("a2")).body == b"a2"
    memo.get("b", 1, lambda: make("b1"))
    memo.get("c", 1, lambda: make("c1"))  # "a" is the oldest: it goes
    assert memo.find("a", 2) is None and memo.find("c", 1) is not None
    assert made == ["a1", "a2", "b1", "c1"]


def test_a_logout_in_one_process_is_seen_by_another(tmp_path: Path) -> None:
    one, other = Revoked(tmp_path / "revoked", 3600), Revoked(tmp_path / "revoked", 3600)
    assert other.live("sid-1")
    one.revoke("sid-1")
    assert not other.live("sid-1") and other.live("sid-2")


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("web-cached")
    logins = make_contest(data, teams=3, started_ago=timedelta(minutes=30))
    with server_thread(data) as base:
        yield base, logins, data


def test_a_teams_own_submissions_answer_304_until_its_own_change(contest) -> None:
    team, other = as_user(contest, "team001"), as_user(contest, "team002")
    made = team.post_json(URL, submission_body("sum", "python3", A_PLUS_B, "a.py"))
    listed = team.get(URL)
    assert made.json()["id"] in {s["id"] for s in listed.json()}  # its own write, at once
    etag = listed.headers["ETag"]
    assert team.get(URL, headers={"If-None-Match": etag}).status == 304
    other.post_json(URL, submission_body("sum", "python3", A_PLUS_B, "a.py"))
    time.sleep(0.5)  # the follower has read the other team's event
    assert team.get(URL, headers={"If-None-Match": etag}).status == 304
    status = f"/api/contests/test/judgements?submission_id={made.json()['id']}"
    first = team.get(status)
    assert first.status == 200 and team.get(
        status, headers={"If-None-Match": first.headers["ETag"]}).status == 304
    again = team.post_json(URL, submission_body("sum", "python3", A_PLUS_B, "a.py"))
    moved = team.get(URL, headers={"If-None-Match": etag})
    assert moved.status == 200 and again.json()["id"] in {s["id"] for s in moved.json()}
    one = team.get(f"{URL}/{made.json()['id']}")
    assert one.status == 200 and one.json()["id"] == made.json()["id"]
    assert team.get(f"{URL}/{made.json()['id']}",
                    headers={"If-None-Match": one.headers["ETag"]}).status == 304
    assert other.get(f"{URL}/{made.json()['id']}").status == 404  # another team's


def test_streams_read_the_events_from_memory_as_the_log_has_them(tmp_path: Path) -> None:
    import asyncio

    from appliance.events import events_after
    from appliance.store import Store

    make_contest(tmp_path, teams=2)
    with Store.open(tmp_path) as store:
        live = asyncio.run(_live(store))
        start = live.seq
        for n in range(7):
            store.write(lambda db, n=n: store.append_event(
                db, "clarifications", f"c{n}", {"id": f"c{n}", "text": "hi"},
                contest_id="test"))
        assert live.rows_after(start) == []  # not read yet: a stream waits for the poll
        live.poll()
        assert live.rows_after(start) == events_after(store, "test", start)
        assert live.rows_after(start + 3) == events_after(store, "test", start + 3)
        assert live.rows_after(0) == events_after(store, "test", 0)  # older: the log
        assert live.rows_after(live.seq) == []


async def _live(store):
    from web.live import Live

    return Live(store, "test")


def test_a_submission_written_by_another_process_is_found_at_once(contest) -> None:
    from appliance.store import Store

    base, logins, data = contest
    team = as_user(contest, "team003")
    assert team.get(f"{URL}/elsewhere-1").status == 404  # asked before it exists: kept
    with Store.open(data) as store:  # another worker's write: this server's view not told
        store.submit(contest_id="test", team_id="team003", problem_id="sum",
                     language_id="python3", source=A_PLUS_B, file_name="a.py",
                     time="2026-01-01T00:00:00Z", contest_time=60.0, clics_id="elsewhere-1")
        found = team.get(f"{URL}/elsewhere-1")
    assert found.status == 200, found.text


def test_a_kept_page_carries_no_askers_token(contest) -> None:
    from tests.webserver import Client

    base, logins, _ = contest
    team = Client(base)
    assert team.login("team001", logins["team001"]).status == 303
    for path in ("/public", "/scoreboard/table"):
        page = team.get(path).text
        assert 'data-csrf=""' in page or "data-csrf" not in page, path
    anonymous = Client(base)
    assert 'data-csrf=""' in anonymous.get("/public").text
