"""A score contest served: every endpoint and the event feed valid against the CLICS 2026-01
schemas for each role, the score objects the spec names (contest without penalty_time,
problems' max_score, judgements' score, rows' score.score, cells' score), a team's page of
its result per subtask (the tests of a full_feedback group shown, the others not), and in
headless Chromium that page and the public board, screenshots in /tmp/score-shots.

Judging is scripted (no Docker): per-test verdicts and a validator's score_multiplier.txt
stored through the queue API with the score the dispatcher would compute from them
(`subtasks.judged_score` over the real packages); tests/appliance/judging/
test_score_judging.py judges such a contest for real."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from appliance.judging.queue import JudgeQueue
from appliance.problems.load import load_problem
from appliance.problems.subtasks import judged_score
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests import paths
from tests.web.test_browser import browser, log_in  # noqa: F401 - the browser fixture
from tests.web.test_clics_schemas import SCHEMAS, check_api
from tests.webserver import Client, as_user, make_contest, server_thread, submission_body
from tui.app import PodiumConsole
from tui.client import JuryClient

PACKAGES = paths.REPO / "tests" / "fixtures" / "packages"
SHOTS = Path("/tmp/score-shots")
# (team, problem, accepted tests, tests scored half by the validator) in the order sent;
# None: left pending
SCRIPT: list[tuple[str, str, set[str] | None, set[str]]] = [
    ("team001", "guess", {"sample/1", "secret/g2/1"}, {"secret/g2/2"}),  # g2: 30 + 15
    ("team001", "guess", {"sample/1", "secret/g1/1"}, set()),  # g1 40; best per subtask 85
    ("team001", "subtasks", {"secret/group1/1", "secret/group1/2"}, set()),  # 40
    ("team002", "guess", {"sample/1", "secret/g1/1", "secret/g2/1", "secret/g2/2"}, set()),
    ("team003", "subtasks", set(), set()),  # 0
    ("team004", "subtasks", None, set()),  # pending
]


def _judge(data: Path, packages: dict[str, Path]) -> None:
    loaded = {pid: load_problem(path) for pid, path in packages.items()}
    with Store.open(data) as store:
        queue = JudgeQueue(store)
        for _ in range(sum(1 for run in SCRIPT if run[2] is not None)):
            claim = queue.claim("scripted", 60, time.time())
            assert claim is not None
            _, _, accepted, halves = SCRIPT[claim.submission_id - 1]
            assert accepted is not None
            problem = loaded[claim.problem_id]
            tests = tuple(TestResult(
                t.name, Verdict.AC if t.name in accepted | halves else Verdict.WA,
                0.01 * (i + 1), 0.02, 3 << 20, 0, None,
                scores={"score_multiplier.txt": "0.5\n"} if t.name in halves else {})
                for i, t in enumerate(problem.tests))
            verdict = next((t.verdict for t in tests if t.verdict is not Verdict.AC),
                           Verdict.AC)
            judgement = Judgement(verdict, time=0.05, tests=tests)
            assert queue.complete(claim, judgement, time.time(),
                                  score=judged_score(problem, tests))


@pytest.fixture(scope="module")
def contest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    root = tmp_path_factory.mktemp("score-contest")
    guess = root / "guess"
    shutil.copytree(PACKAGES / "scoring2025", guess)
    with (guess / "data" / "secret" / "g2" / "test_group.yaml").open("a") as f:
        f.write("full_feedback: true\n")
    data = root / "data"
    logins = make_contest(data, (str(guess), str(PACKAGES / "subtasks")), teams=4,
                          started_ago=timedelta(minutes=42), score_mode="best_subtask")
    with server_thread(data) as base:
        served = (base, logins, data)
        for index, (team, problem, accepted, _) in enumerate(SCRIPT):
            if accepted is None:  # the pending one comes after the judging
                _judge(data, {"guess": guess, "subtasks": PACKAGES / "subtasks"})
            reply = as_user(served, team).post_json(
                "/api/contests/test/submissions",
                submission_body(problem, "python3", f"print({index})\n".encode(), "a.py"))
            assert reply.status in (200, 201), reply.text
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the live board follows the log every 100 ms
            rows = Client(base).get("/api/contests/test/scoreboard").json()["rows"]
            if rows[0]["score"]["score"] == 125:
                break
            time.sleep(0.1)
        yield served


@pytest.mark.parametrize("who", [None, "team001", "jury", "admin"])
def test_a_score_contest_validates_against_2026_01(contest, who: str | None) -> None:
    base, logins, _ = contest
    schemas = check_api.Schemas.from_directory(SCHEMAS)
    client = check_api.Client(base, who, logins.get(who) if who else None, 30.0)
    checks = list(check_api.run(client, schemas, "test", limit=20, idle=1.0))
    failed = [line for check in checks if check.issues for line in check_api.text_lines(check)]
    assert not failed, "\n".join(failed)


def test_the_api_speaks_scores(contest) -> None:
    public = Client(contest[0])
    info = public.get("/api/contests/test").json()
    assert info["scoreboard_type"] == "score" and "penalty_time" not in info
    assert {p["id"]: p["max_score"] for p in public.get(
        "/api/contests/test/problems").json()} == {"guess": 100.0, "subtasks": 100.0}
    rows = public.get("/api/contests/test/scoreboard").json()["rows"]
    # team001: best per subtask on guess (g1 40 + g2 45) and 40 on subtasks
    assert [(r["team_id"], r["score"]["score"]) for r in rows][:2] == [
        ("team001", 125.0), ("team002", 100.0)]
    cells = {c["problem_id"]: c for c in rows[0]["problems"]}
    assert cells["guess"]["score"] == 85.0 and cells["guess"]["num_judged"] == 2
    assert "time" in cells["guess"] and "solved" not in cells["guess"]
    pending = next(r for r in rows if r["team_id"] == "team004")
    assert pending["problems"][1] == {"problem_id": "subtasks", "num_judged": 0,
                                      "num_pending": 1, "score": 0}
    judgements = as_user(contest, "team001").get("/api/contests/test/judgements").json()
    assert sorted(j["score"] for j in judgements) == [40.0, 40.0, 45.0]
    feed = as_user(contest, "jury").get("/api/contests/test/event-feed?stream=false").text
    assert '"score":' in feed and "subtask_scores" not in feed  # Podium's key stays inside


def test_a_team_sees_its_score_per_subtask_and_open_groups_tests(contest) -> None:
    base, logins, _ = contest
    page = Client(base)
    assert page.login("team001", logins["team001"]).status == 303
    html = page.get("/submissions/1").text
    assert 'data-subtask="secret/g1"' in html and 'data-subtask="secret/g2"' in html
    assert ">45</span> of 60" in html and ">0</span> of 40" in html
    assert "secret/g2/1" in html and "secret/g2/2" in html  # g2 has full_feedback
    assert "secret/g1/1" not in html  # g1 does not: its test stays secret
    board = Client(base).get("/public").text
    assert "score-contest" in board and "125" in board


def test_chromium_shows_the_subtasks_page_and_the_public_board(contest, browser) -> None:  # noqa: F811
    base, logins, _ = contest
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base, "team001", logins["team001"])
    page.goto(base + "/submissions/1")
    page.wait_for_selector("table.subtasks")
    assert page.locator("table.subtasks tbody tr").count() == 2
    assert "45 of 60" in page.locator('tr[data-subtask="secret/g2"]').inner_text()
    page.screenshot(path=str(SHOTS / "team-subtasks.png"), full_page=True)
    public = context.new_page()
    public.goto(base + "/public")
    public.wait_for_selector("table.scoreboard.score-contest")
    first = public.locator("table.scoreboard tbody tr").first
    assert first.get_attribute("data-team") == "team001"
    colours = {public.locator("table.scoreboard tbody tr td.cell.scored").nth(i).evaluate(
        "e => getComputedStyle(e).backgroundColor")
        for i in range(public.locator("td.cell.scored").count())}
    assert len(colours) >= 3  # 0, 40, 85 and 100 of 100 each in its own colour
    public.screenshot(path=str(SHOTS / "public-board.png"), full_page=True)
    assert not errors
    context.close()


def test_the_console_shows_scores_on_the_board_and_in_the_submissions(contest) -> None:
    base, logins, _ = contest

    def cell(app: PodiumConsole, table: str, row: str, column: int) -> str:
        try:
            return str(app.query_one(table, DataTable).get_row(row)[column])
        except Exception:  # noqa: BLE001 - not drawn yet
            return ""

    async def scenario() -> None:
        app = PodiumConsole(JuryClient(base, "jury", logins["jury"]))
        async with app.run_test(size=(140, 45)) as pilot:
            deadline = time.monotonic() + 30
            while cell(app, "#board", "team001", 2) != "125" and time.monotonic() < deadline:
                await pilot.pause(0.1)
            assert [cell(app, "#board", "team001", i) for i in (0, 2, 4, 5)] == [
                "1", "125", "85", "40"]
            labels = [str(c.label) for c in app.query_one("#board", DataTable).columns.values()]
            assert labels[2:] == ["Score", "Time", "A /100", "B /100"]
            await pilot.press("3")  # the submissions tab
            while cell(app, "#submission-list", "1", 6) != "45" and time.monotonic() < deadline:
                await pilot.pause(0.1)
            assert cell(app, "#submission-list", "1", 6) == "45"
            app.save_screenshot(str(SHOTS / "console-board.svg"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    asyncio.run(scenario())
