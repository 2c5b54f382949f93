"""A judge ignores a submission over the jury API and from its page, on a real server: it
leaves the scoreboard, the feed sends its `delete`, the CLICS endpoints and the team's pages
drop it, the jury still sees it with the reason; undo brings it all back. Teams cannot,
an unknown submission is a 404, no reason a 400, ignoring twice a 409."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.webserver import A_PLUS_B, Client, as_user, make_contest, server_thread, submission_body

IGNORE = "/api/contests/test/jury/submissions/{}/{}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("ignoring")
    logins = make_contest(data, ("sum",), teams=2)
    with server_thread(data) as base:
        yield base, logins, data


def solved(base: str) -> int:
    rows = Client(base).get("/api/contests/test/scoreboard").json()["rows"]
    return sum(r["score"]["num_solved"] for r in rows)


def wait_solved(base: str, n: int) -> None:
    deadline = time.monotonic() + 10
    while solved(base) != n:
        assert time.monotonic() < deadline, f"the board never showed {n} solved"
        time.sleep(0.1)


def feed(client: Client) -> list[dict]:
    reply = client.get("/api/contests/test/event-feed?stream=false")
    return [json.loads(line) for line in reply.text.splitlines() if line.strip()]


def test_ignore_and_restore_a_submission(served) -> None:
    base, logins, data = served
    team, jury = as_user(served, "team001"), as_user(served, "jury")
    reply = team.post_json("/api/contests/test/submissions",
                           submission_body("sum", "python3", A_PLUS_B, "a.py"))
    sid = reply.json()["id"]
    with Store.open(data) as store:
        queue = JudgeQueue(store)
        assert queue.complete(queue.claim("scripted", 60, time.time()),
                              Judgement(Verdict.AC), time.time())
    wait_solved(base, 1)

    assert team.post_json(IGNORE.format(sid, "ignore"), {"reason": "mine"}).status == 403
    assert jury.post_json(IGNORE.format("nope", "ignore"), {"reason": "x"}).status == 404
    assert jury.post_json(IGNORE.format(sid, "ignore"), {}).status == 400
    assert jury.post_json(IGNORE.format(sid, "restore"), {"reason": "x"}).status == 409

    done = jury.post_json(IGNORE.format(sid, "ignore"), {"reason": "sent from a borrowed seat"})
    assert done.status == 200 and done.json()["ignored"] is True
    wait_solved(base, 0)
    assert {"type": "submissions", "id": sid, "data": None} in [
        {k: e[k] for k in ("type", "id", "data")} for e in feed(jury)]
    assert team.get(f"/api/contests/test/submissions/{sid}").status == 404
    assert jury.get(f"/api/contests/test/judgements?submission_id={sid}").json() == []
    assert jury.post_json(IGNORE.format(sid, "ignore"), {"reason": "again"}).status == 409
    (listed,) = jury.get("/api/contests/test/jury/ignored").json()
    assert (listed["id"], listed["by"], listed["reason"]) == (
        sid, "jury", "sent from a borrowed seat")
    detail = jury.get(f"/api/contests/test/jury/submissions/{sid}").json()
    assert detail["ignored"] and detail["ignores"][0]["reason"] == "sent from a borrowed seat"

    # The pages: the team's is gone; the jury's says so and offers the undo.
    mine = Client(base)
    assert mine.login("team001", logins["team001"]).status == 303
    assert mine.get(f"/submissions/{sid}").status == 404
    judge = Client(base)
    assert judge.login("jury", logins["jury"]).status == 303
    page = judge.get(f"/submissions/{sid}").text
    assert "<strong>Ignored</strong>" in page and f"/submissions/{sid}/restore" in page
    restored = judge.post_form(f"/submissions/{sid}/restore",
                               {"csrf": judge.csrf(), "reason": "the seat was theirs"})
    assert restored.status == 303
    wait_solved(base, 1)
    last = [e for e in feed(jury) if e["type"] == "submissions"][-1]
    assert last["id"] == sid and last["data"]["id"] == sid
    assert team.get(f"/api/contests/test/submissions/{sid}").status == 200
    assert jury.get("/api/contests/test/jury/ignored").json() == []
