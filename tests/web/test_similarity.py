"""The jury's similarity endpoint over real HTTP, and the console's pane on it (no Docker:
judgements are recorded through the queue as the dispatcher would)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests import paths
from tests.webserver import Client, as_user, make_contest, server_thread, submission_body
from tui.app import PodiumConsole
from tui.client import JuryClient

CASES = paths.FIXTURES / "cases" / "similarity"
SIMILARITY = "/api/contests/test/jury/similarity"


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    data = tmp_path_factory.mktemp("web-similarity")
    logins = make_contest(data, teams=3, started_ago=timedelta(minutes=10))
    with server_thread(data) as base:
        for team, name in (("team001", "dijkstra.cpp"), ("team002", "dijkstra_independent.cpp"),
                           ("team003", "dijkstra_renamed.cpp")):
            reply = as_user((base, logins, data), team).post_json(
                "/api/contests/test/submissions",
                submission_body("sum", "cpp", (CASES / name).read_bytes(), name))
            assert reply.status == 200, reply.text
        with Store.open(data) as store:
            queue = JudgeQueue(store)
            while claim := queue.claim("w1", 60, time.time()):
                queue.complete(claim, Judgement(Verdict.AC), time.time())
        yield base, logins, data


def test_only_the_jury_sees_the_similarity_report(contest) -> None:
    base, _, _ = contest
    assert Client(base).get(SIMILARITY).status == 401
    assert as_user(contest, "team001").get(SIMILARITY).status == 403


def test_the_copy_ranks_first_per_problem(contest) -> None:
    reports = as_user(contest, "jury").get(SIMILARITY + "?min=0").json()
    by_problem = {r["problem_id"]: r for r in reports}
    assert set(by_problem) == {"sum", "floats"} and by_problem["floats"]["pairs"] == []
    first, *rest = by_problem["sum"]["pairs"]
    assert {first["a"]["team_id"], first["b"]["team_id"]} == {"team001", "team003"}
    assert first["similarity"] >= 0.8 and first["regions"][0]["a"][0] >= 1
    assert len(rest) == 2 and all(p["similarity"] <= 0.3 for p in rest)


def test_one_problem_by_label_and_the_default_minimum(contest) -> None:
    (report,) = as_user(contest, "jury").get(SIMILARITY + "?problem=A").json()
    assert report["problem_id"] == "sum" and report["submissions"] == 3
    assert len(report["pairs"]) == 1  # the independent pairs are below 30 %


@pytest.mark.parametrize("query, status", [("?problem=Z", 404), ("?min=much", 400),
                                           ("?min=2", 400)])
def test_bad_queries_are_refused(contest, query: str, status: int) -> None:
    reply = as_user(contest, "jury").get(SIMILARITY + query)
    assert reply.status == status and reply.json()["message"]


def test_the_console_lists_the_copy_and_shows_it_side_by_side(contest) -> None:
    base, logins, _ = contest

    async def scenario() -> None:
        app = PodiumConsole(JuryClient(base, "jury", logins["jury"]))
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.press("7")
            table = app.main.query_one("#similarity-list", DataTable)
            for _ in range(100):
                if table.row_count:
                    break
                await pilot.pause(0.1)
            assert table.row_count == 1  # the independent pairs are below 30 %
            row = " ".join(str(cell) for cell in table.get_row_at(0))
            assert "Team 1" in row and "Team 3" in row and "Team 2" not in row
            table.focus()
            await pilot.press("enter")
            for _ in range(100):
                if app.screen.__class__.__name__ == "PairScreen" and \
                        "#3" in str(app.screen.query_one("#pair-b", Static).render()):
                    break
                await pilot.pause(0.1)
            shown = str(app.screen.query_one("#pair-a", Static).render())
            assert shown.startswith("#1 Team 1 · dijkstra.cpp") and "priority_queue" in shown

    asyncio.run(scenario())
