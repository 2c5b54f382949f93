"""The judge queue: the fair choice as a table, then leases and results on real SQLite files."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from appliance.judging.queue import (
    Claim,
    JudgeQueue,
    TeamWaiting,
    pick_team,
    readable_compile_output,
)
from appliance.store import Store
from judge.judging import Judgement, TestResult
from judge.verdicts import Verdict
from tests import paths

REPO = paths.REPO
AC = Judgement(Verdict.AC, time=0.25, tests=(
    TestResult("secret/1", Verdict.AC, 0.25, 0.3, 1 << 20, 0, None),))
WA = Judgement(Verdict.WA, time=0.1)
NOW = 1_700_000_000.0


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path) as opened:
        seed(opened, ("a", "b", "c", "d"))
        yield opened


@pytest.fixture
def queue(store: Store) -> JudgeQueue:
    return JudgeQueue(store)


def seed(store: Store, teams: tuple[str, ...]) -> None:
    def insert(db: Database) -> None:
        db.execute("INSERT INTO contests (id, name, duration) VALUES ('c', 'Contest', 18000)")
        db.execute("INSERT INTO problems (id, contest_id, label, name, ordinal) "
                   "VALUES ('sum', 'c', 'A', 'Sum', 1)")
        for team in teams:
            db.execute("INSERT INTO teams (id, name) VALUES (?, ?)", [team, team.upper()])
    store.write(insert)


def submit(store: Store, team: str, n: int = 1) -> list[int]:
    return [store.submit(contest_id="c", team_id=team, problem_id="sum", language_id="python3",
                         source=f"print({team!r}, {i})".encode(), file_name="a.py",
                         time="2024-05-01T10:00:00.000+00:00", contest_time=60.0)
            for i in range(n)]


def current_judgements(store: Store) -> dict[int, int]:
    """Submission id -> how many current judgements it has."""
    rows = store.query("SELECT s.id, count(j.id) AS n FROM submissions s LEFT JOIN judgements j "
                       "ON j.submission_id = s.id AND j.is_current = 1 GROUP BY s.id")
    return {r["id"]: r["n"] for r in rows}


def status(store: Store, submission_id: int) -> str:
    return store.query("SELECT status FROM submissions WHERE id = ?", [submission_id])[0]["status"]


# -- the fair choice, pure --------------------------------------------------------------

@pytest.mark.parametrize(("waiting", "expected"), [
    ([], None),
    ([TeamWaiting("a", 1)], "a"),
    # never served, nothing judging: the oldest waiting submission goes first
    ([TeamWaiting("a", 5), TeamWaiting("b", 3)], "b"),
    # fewer submissions being judged beats an older submission
    ([TeamWaiting("a", 1, judging=1), TeamWaiting("b", 50)], "b"),
    # equally busy: the least recently served team, whatever its submissions' age
    ([TeamWaiting("a", 1, last_served=7), TeamWaiting("b", 90, last_served=6)], "b"),
    ([TeamWaiting("a", 1, last_served=7), TeamWaiting("b", 90)], "b"),
    # busy count comes before recency
    ([TeamWaiting("a", 1, judging=2, last_served=1),
      TeamWaiting("b", 2, judging=1, last_served=9)], "b"),
])
def test_pick_team_follows_the_fairness_rule(waiting: list[TeamWaiting],
                                             expected: str | None) -> None:
    picked = pick_team(waiting)
    assert (picked.team_id if picked else None) == expected


# -- leases and results -------------------------------------------------------------------

def test_claim_on_an_empty_queue_is_none(queue: JudgeQueue) -> None:
    assert queue.claim("w1", 30, NOW) is None


def test_claim_then_complete_records_one_current_judgement(store: Store,
                                                            queue: JudgeQueue) -> None:
    [sid] = submit(store, "a")
    claim = queue.claim("w1", 30, NOW)
    assert claim is not None
    assert (claim.submission_id, claim.worker, claim.attempt) == (sid, "w1", 1)
    assert status(store, sid) == "judging"
    assert queue.claim("w2", 30, NOW + 1) is None  # leased: nobody else gets it
    assert queue.complete(claim, AC, NOW + 2)
    assert status(store, sid) == "judged"
    [judgement] = store.query("SELECT * FROM judgements")
    assert (judgement["verdict"], judgement["is_current"], judgement["max_run_time"]) == (
        "AC", 1, 0.25)
    [run] = store.query("SELECT * FROM runs")
    assert (run["test_name"], run["verdict"], run["memory"]) == ("secret/1", "AC", 1 << 20)
    types = [r["type"] for r in store.query("SELECT type FROM events ORDER BY seq")]
    assert types == ["submissions", "judgements", "runs"]


def test_a_compile_error_keeps_the_compilers_words_as_plain_text_out_of_the_feed(
        store: Store, queue: JudgeQueue) -> None:
    [sid] = submit(store, "a")
    claim = queue.claim("w1", 30, NOW)
    said = "\x1b[01ma.c:1:5:\x1b[m \x1b[01;31merror:\x1b[m expected ';'\r\n" + "x" * 70_000
    assert queue.complete(claim, Judgement(Verdict.CE, compile_output=said), NOW + 1)
    [judgement] = store.query("SELECT compile_output FROM judgements")
    kept = judgement["compile_output"]
    assert kept.startswith("a.c:1:5: error: expected ';'\nxxx")
    assert kept.endswith("[compiler output cut at 64 KiB]") and len(kept) < 66_000
    feed = "".join(r["data"] for r in store.query("SELECT data FROM events"))
    assert "expected" not in feed


def test_readable_compile_output_keeps_tabs_and_lines_and_drops_terminal_codes() -> None:
    assert readable_compile_output("\x1b]8;;file://a\x07a.c\x1b]8;;\x07:\tok\x07\n") == "a.c:\tok\n"
    assert readable_compile_output("") == ""


def test_expired_lease_is_claimed_again_and_the_late_worker_records_nothing(
        store: Store, queue: JudgeQueue) -> None:
    [sid] = submit(store, "a")
    slow = queue.claim("slow", 10, NOW)
    assert slow is not None
    fast = queue.claim("fast", 10, NOW + 11)  # slow's lease ran out
    assert fast is not None and fast.submission_id == sid and fast.attempt == 2
    assert not queue.complete(slow, WA, NOW + 12)
    assert queue.extend(slow, 10, NOW + 12) is None
    assert not queue.fail(slow, "late", 3, NOW + 12)
    assert queue.complete(fast, AC, NOW + 13)
    assert store.query("SELECT verdict FROM judgements") == [{"verdict": "AC"}]
    assert not queue.complete(fast, WA, NOW + 14)  # a claim records once
    assert current_judgements(store) == {sid: 1}


def test_extended_lease_is_not_claimed_by_another_worker(store: Store,
                                                         queue: JudgeQueue) -> None:
    submit(store, "a")
    claim = queue.claim("w1", 10, NOW)
    assert claim is not None
    extended = queue.extend(claim, 30, NOW + 5)
    assert extended is not None and extended.lease_until == NOW + 35
    assert queue.claim("w2", 10, NOW + 20) is None
    assert queue.complete(extended, AC, NOW + 21)


def test_fail_queues_again_then_records_je_after_max_attempts(store: Store,
                                                              queue: JudgeQueue) -> None:
    [sid] = submit(store, "a")
    for attempt in (1, 2):
        claim = queue.claim("w1", 10, NOW + attempt)
        assert claim is not None and claim.attempt == attempt
        assert queue.fail(claim, "docker went away", max_attempts=3, now=NOW + attempt)
        assert status(store, sid) == "queued"
        assert store.query("SELECT count(*) AS n FROM judgements") == [{"n": 0}]
    claim = queue.claim("w1", 10, NOW + 3)
    assert claim is not None and claim.attempt == 3
    assert queue.fail(claim, "docker went away", max_attempts=3, now=NOW + 3)
    assert status(store, sid) == "judged"
    [judgement] = store.query("SELECT verdict, error, is_current FROM judgements")
    assert judgement["verdict"] == "JE" and judgement["is_current"] == 1
    assert "docker went away" in judgement["error"]


def test_rejudge_replaces_the_current_judgement(store: Store, queue: JudgeQueue) -> None:
    [sid] = submit(store, "a")
    first = queue.claim("w1", 10, NOW)
    assert first is not None and queue.complete(first, WA, NOW + 1)
    assert queue.rejudge(sid)
    second = queue.claim("w1", 10, NOW + 2)
    assert second is not None and queue.complete(second, AC, NOW + 3)
    rows = store.query("SELECT verdict, is_current FROM judgements ORDER BY id")
    assert rows == [{"verdict": "WA", "is_current": 0}, {"verdict": "AC", "is_current": 1}]
    ops = store.query("SELECT op FROM events WHERE type = 'judgements' ORDER BY seq")
    assert [r["op"] for r in ops] == ["create", "update", "create"]


def test_recover_queues_expired_leases_only(store: Store, queue: JudgeQueue) -> None:
    submit(store, "a")
    submit(store, "b")
    short = queue.claim("w1", 5, NOW)
    long = queue.claim("w2", 100, NOW)
    assert short is not None and long is not None
    assert queue.recover(NOW + 10) == 1
    assert status(store, short.submission_id) == "queued"
    assert status(store, long.submission_id) == "judging"


# -- fairness on the real queue ------------------------------------------------------------

def test_a_flood_delays_another_teams_submission_by_at_most_one_claim(
        store: Store, queue: JudgeQueue) -> None:
    submit(store, "a", 100)
    busy = queue.claim("w1", 60, NOW)  # one of a's is being judged
    done = queue.claim("w2", 60, NOW)
    assert busy is not None and done is not None
    assert queue.complete(done, WA, NOW + 1)
    [b] = submit(store, "b")
    claimed = [queue.claim(f"w{i}", 60, NOW + 2) for i in (3, 4)]
    assert b in [c.submission_id for c in claimed if c is not None]


def test_teams_take_turns_when_both_have_work(store: Store, queue: JudgeQueue) -> None:
    submit(store, "a", 10)
    submit(store, "b", 3)
    order = []
    for i in range(8):
        claim = queue.claim("w", 60, NOW + i)
        assert claim is not None
        order.append(claim.team_id)
        assert queue.complete(claim, AC, NOW + i)
    assert order == ["a", "b", "a", "b", "a", "b", "a", "a"]


# -- concurrency and crashes -------------------------------------------------------------

def drain(queue: JudgeQueue, worker: str, seen: list[Claim]) -> None:
    """Claim and complete until the queue is empty."""
    while (claim := queue.claim(worker, 60, time.time())) is not None:
        seen.append(claim)
        assert queue.complete(claim, AC, time.time())


def test_four_threads_judge_200_submissions_each_exactly_once(store: Store,
                                                              queue: JudgeQueue) -> None:
    for team, n in (("a", 110), ("b", 50), ("c", 30), ("d", 10)):
        submit(store, team, n)
    seen: list[list[Claim]] = [[] for _ in range(4)]
    threads = [threading.Thread(target=drain, args=(queue, f"w{i}", seen[i])) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    claimed = [c.submission_id for claims in seen for c in claims]
    assert sorted(claimed) == sorted(set(claimed)) and len(claimed) == 200
    assert set(current_judgements(store).values()) == {1}
    assert store.query("SELECT count(*) AS n FROM judgements") == [{"n": 200}]


CHILD = """
import sys, time
from pathlib import Path
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests import paths
store = Store.open(Path(sys.argv[1]))
queue = JudgeQueue(store)
done = 0
while True:
    claim = queue.claim("child", 3600, time.time())
    if done >= 5:
        print("claimed", claim.submission_id, flush=True)
        time.sleep(600)  # killed here, holding a lease
    queue.complete(claim, Judgement(Verdict.AC), time.time())
    done += 1
"""


def test_a_killed_worker_leaves_work_that_recover_gives_back(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        seed(store, ("a", "b"))
        submit(store, "a", 10)
        submit(store, "b", 10)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], cwd=REPO,
                             stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.startswith("claimed"), line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    held = int(line.split()[1])
    with Store.open(tmp_path) as store:
        queue = JudgeQueue(store)
        assert status(store, held) == "judging"
        assert queue.recover(time.time()) == 0  # the lease has not run out yet
        assert queue.recover(time.time() + 3601) == 1
        seen: list[Claim] = []
        drain(queue, "parent", seen)
        assert len(seen) == 15  # 5 judged by the child, the held one and 14 never claimed
        assert held in [c.submission_id for c in seen]
        assert set(current_judgements(store).values()) == {1}
        assert len(current_judgements(store)) == 20
