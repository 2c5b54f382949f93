"""The reveal with `podium serve --workers 2`: its steps are kept in the store, so a step
taken through one worker shows on the other's board too, and the next step, taken through
the other worker, goes on from it. Judgements are recorded through the queue as the
dispatcher would (`--no-judge`: no Docker)."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.webserver import (
    A_PLUS_B,
    Client,
    Pinned,
    as_user,
    make_contest,
    pin_both,
    spawn_server,
    stop_server,
    submission_body,
)

BOARD = "/api/contests/test/scoreboard"


@pytest.fixture(scope="module")
def ended(tmp_path_factory: pytest.TempPathFactory):
    """Four teams, each with one submission in the freeze, judged; the contest then ended."""
    data: Path = tmp_path_factory.mktemp("workers-reveal")
    logins = make_contest(data, teams=4, started_ago=timedelta(hours=4, minutes=30))
    process, base = spawn_server(data, "--workers", "2", "--no-judge")
    contest = (base, logins, data)
    try:
        for team, problem, verdict in (("team001", "sum", Verdict.AC),
                                       ("team002", "floats", Verdict.WA),
                                       ("team003", "sum", Verdict.AC),
                                       ("team004", "floats", Verdict.AC)):
            reply = as_user(contest, team).post_json("/api/contests/test/submissions",
                                                     submission_body(problem, "python3",
                                                                     A_PLUS_B, "a.py"))
            assert reply.status == 200, reply.text
            with Store.open(data) as store:
                queue = JudgeQueue(store)
                claim = queue.claim("w1", 60, time.time())
                assert claim is not None
                queue.complete(claim, Judgement(verdict, time=0.1), time.time())
        jury = as_user(contest, "jury")
        clock = jury.get("/api/contests/test/jury/clock").json()
        cut = clock["contest_time"] + 1 - clock["length"]  # the end: a second from now
        assert jury.post_json("/api/contests/test/jury/clock",
                              {"operation": "extend", "seconds": cut}).status == 200
        time.sleep(1.5)
        yield (*contest, process)
    finally:
        stop_server(process)


def cells(board: dict) -> dict[tuple[str, str], dict]:
    return {(row["team_id"], cell["problem_id"]): cell
            for row in board["rows"] for cell in row["problems"]}


def both_boards(pinned: list[Pinned]) -> list[dict]:
    """The public board from each worker, read again until they agree (a worker reads the
    store every 100 ms)."""
    for _ in range(50):
        boards = [p.request("GET", BOARD)[1] for p in pinned]
        if boards[0]["rows"] == boards[1]["rows"]:
            return boards
        time.sleep(0.1)
    raise AssertionError(f"the workers' public boards differ: {boards}")


def test_the_reveal_steps_through_either_worker_and_both_boards_follow(ended) -> None:
    base, logins, _, _ = ended
    auth = "Basic " + base64.b64encode(f"jury:{logins['jury']}".encode()).decode()
    pinned = pin_both(base)
    frozen = both_boards(pinned)[0]
    assert all(cell["num_pending"] == 1 and not cell["solved"]
               for cell in cells(frozen).values() if cell["num_judged"] + cell["num_pending"])
    taken = []
    for n in range(5):
        through = pinned[n % 2]
        status, answer = through.request("POST", "/api/contests/test/jury/reveal", auth, {})
        assert status == 200, answer
        step = answer["step"]
        taken.append(None if step is None else
                     (step["team_id"], step["problem_id"], step["solved"]))
        if step is None:
            break
        shown = {(t, p): s for t, p, s in filter(None, taken)}
        for board in both_boards(pinned):  # the step shows on both workers' boards
            for (team, problem), cell in cells(board).items():
                if (team, problem) in shown:
                    assert cell["num_pending"] == 0 and cell["solved"] == shown[team, problem]
                elif cell["num_judged"] + cell["num_pending"]:
                    assert cell["num_pending"] == 1 and not cell["solved"]  # still hidden
    # By hand: frozen, everyone shows nothing solved (name order: Team 1 to 4). The bottom
    # team with a hidden cell goes first: Team 4's B (solved: it rises to the top), then
    # Team 3's A (solved: it rises), then Team 2's B (not solved), then Team 1's A.
    assert taken == [("team004", "floats", True), ("team003", "sum", True),
                     ("team002", "floats", False), ("team001", "sum", True), None]
    public = both_boards(pinned)
    jury = Client(base, "jury", logins["jury"]).get(BOARD).json()
    assert public[0]["rows"] == public[1]["rows"] == jury["rows"]


def test_a_worker_started_again_shows_the_steps_taken(ended) -> None:
    """The steps are in the store: a worker that dies and starts again (as a server
    restarted before the thaw) shows every one of them."""
    base, logins, _, master = ended
    jury = Client(base, "jury", logins["jury"]).get(BOARD).json()
    children = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True,
                              text=True).stdout.split()
    for child in children:
        os.kill(int(child), signal.SIGKILL)
    deadline = time.monotonic() + 60
    while True:
        try:
            public = both_boards(pin_both(base))
            break
        except (AssertionError, OSError):
            assert time.monotonic() < deadline, "the workers were not started again"
            time.sleep(0.5)
    assert public[0]["rows"] == public[1]["rows"] == jury["rows"]
