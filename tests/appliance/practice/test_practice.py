"""Practice without Docker: the leaderboard's ranking, the archive's search and which
problems it opens, who may practise when, migration 8, and practice submissions kept out of
the event log and the audit archive."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.audit import export_archive
from appliance.config import Config
from appliance.contest.clock import State
from appliance.judging.queue import JudgeQueue
from appliance.practice.archive import ArchiveProblem, open_folders, open_now, search
from appliance.practice.solving import (
    Attempt,
    PracticeRefused,
    attempts_from_store,
    closed_reason,
    leaderboard,
    practice_submissions_of,
    progress,
    take_practice_submission,
)
from appliance.problems.library import import_package
from appliance.problems.load import load_problem
from appliance.store import Store
from appliance.store_schema import MIGRATIONS, PRACTICE
from judge.judging import Judgement
from judge.languages import load_languages
from judge.verdicts import Verdict
from tests.paths import PACKS
from tests.webserver import make_contest

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def attempt(account: str, problem: str, minutes: float, verdict: str | None) -> Attempt:
    return Attempt(account, problem, at(minutes), verdict)


# --- the leaderboard ---------------------------------------------------------------------------

def test_more_problems_solved_ranks_first_whatever_the_time() -> None:
    rows = leaderboard([attempt("slow", "a", 0, "AC"), attempt("slow", "b", 0, "WA"),
                        attempt("slow", "b", 300, "AC"), attempt("quick", "a", 0, "AC")],
                       {"slow": "slow", "quick": "quick"})
    assert [(r.account_id, r.rank, r.solved) for r in rows] == [("slow", 1, 2), ("quick", 2, 1)]


def test_time_is_first_submission_to_first_accepted_summed_over_solved_problems() -> None:
    rows = leaderboard([attempt("x", "a", 0, "WA"), attempt("x", "a", 10, "CE"),
                        attempt("x", "a", 25, "AC"), attempt("x", "b", 100, "AC"),
                        attempt("x", "c", 5, "WA")], {})
    assert rows[0].solved == 2 and rows[0].time_s == 25 * 60  # b: first try, 0; c unsolved
    assert rows[0].tried == 3


def test_equal_solved_ranks_by_less_time_and_full_ties_share_a_rank() -> None:
    rows = leaderboard([attempt("b", "p", 0, "WA"), attempt("b", "p", 2, "AC"),
                        attempt("c", "p", 0, "AC"), attempt("a", "p", 7, "AC"),
                        attempt("d", "p", 0, "WA")], {"a": "ann", "b": "bob", "c": "cid",
                                                      "d": "dan"})
    assert [(r.name, r.rank) for r in rows] == [("ann", 1), ("cid", 1), ("bob", 3), ("dan", 4)]


def test_rejections_after_the_first_accepted_and_pending_submissions_count_for_nothing() -> None:
    mine = progress([attempt("x", "a", 0, None), attempt("x", "a", 1, "AC"),
                     attempt("x", "a", 2, "WA"), attempt("x", "b", 3, None)])["x"]
    assert mine["a"].solved and mine["a"].tries == 1 and mine["a"].time_s == 60
    assert not mine["b"].solved and mine["b"].pending == 1 and mine["b"].tries == 0


def test_attempts_are_read_in_time_order_whatever_order_they_come_in() -> None:
    rows = leaderboard([attempt("x", "a", 9, "AC"), attempt("x", "a", 4, "WA")], {})
    assert rows[0].time_s == 5 * 60


# --- the archive ------------------------------------------------------------------------------

def problem(ident: str, name: str, difficulty: str | None, *tags: str) -> ArchiveProblem:
    return ArchiveProblem(ident, name, difficulty, tags, 1.0)


ARCHIVE = [problem("paths", "Snow Plough Routes", "hard", "graphs", "shortest paths"),
           problem("sum", "Sum of Two Integers", "easy", "arithmetic"),
           problem("bigsum", "Big Sum", "medium", "arithmetic", "big input"),
           problem("hello", "Hello World!", None)]


@pytest.mark.parametrize(("text", "tag", "difficulty", "found"), [
    ("", "", "", ["bigsum", "hello", "paths", "sum"]),
    ("sum", "", "", ["bigsum", "sum"]),
    ("SUM big", "", "", ["bigsum"]),
    ("graph", "", "", ["paths"]),
    ("hard", "", "", ["paths"]),
    ("", "arithmetic", "", ["bigsum", "sum"]),
    ("", "Shortest  Paths", "", ["paths"]),
    ("", "graph", "", []),  # a tag is matched whole
    ("", "arithmetic", "easy", ["sum"]),
    ("", "", "medium", ["bigsum"]),
    ("nothing like it", "", "", []),
])
def test_search_matches_every_word_in_name_tags_or_difficulty_and_filters_whole_tags(
        text: str, tag: str, difficulty: str, found: list[str]) -> None:
    assert [p.id for p in search(ARCHIVE, text, tag, difficulty)] == found


def test_difficulty_and_tags_come_from_the_packages_keywords() -> None:
    paths = ArchiveProblem.of("paths-123", load_problem(PACKS / "paths"))
    assert (paths.difficulty, paths.tags) == ("hard", ("graphs", "shortest paths"))
    assert paths.name == "Snow Plough Routes" and paths.time_limit == 3.0


def test_a_package_opens_when_every_contest_using_it_is_over() -> None:
    uses = [("a", State.ENDED), ("b", State.FINALIZED), ("b", State.STARTED),
            ("c", State.NOT_STARTED), ("d", State.THAWED), ("e", State.FROZEN)]
    assert open_folders(["a", "b", "c", "d", "e", "lone"], uses) == ["a", "d", "lone"]


@pytest.mark.parametrize(("account", "state", "closed"), [
    ("team", State.STARTED, True), ("team", State.FROZEN, True),
    ("team", State.NOT_STARTED, False), ("team", State.ENDED, False),
    ("judge", State.STARTED, False), ("admin", State.FROZEN, False),
])
def test_teams_wait_while_the_served_contest_runs_and_the_jury_never_does(
        account: str, state: State, closed: bool) -> None:
    assert (closed_reason(account, state) is not None) == closed


# --- the store ---------------------------------------------------------------------------------

def test_migration_8_keeps_earlier_submissions_and_lets_a_submission_have_no_team(
        tmp_path: Path) -> None:
    with Store.open(tmp_path, migrations=MIGRATIONS[:7]) as store:
        store.write(lambda db: db.execute(
            "INSERT INTO contests (id, name, duration) VALUES ('c', 'C', 60)"))
        store.write(lambda db: db.execute(
            "INSERT INTO problems (id, contest_id, label, name, ordinal) "
            "VALUES ('p', 'c', 'A', 'P', 1)"))
        store.write(lambda db: db.execute("INSERT INTO teams (id, name) VALUES ('t', 'T')"))
        insert = ("INSERT INTO submissions (contest_id, team_id, problem_id, language_id, "
                  "source_hash, file_name, time, contest_time) VALUES ('c', ?, 'p', 'c', 'h', "
                  "'a.c', 't', 1.0)")
        store.write(lambda db: db.execute(insert, ["t"]))
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
            store.write(lambda db: db.execute(insert, [None]))
    with Store.open(tmp_path) as store:
        assert store.schema_version() >= 8
        assert store.query("SELECT id, team_id FROM submissions") == [{"id": 1, "team_id": "t"}]
        assert store.query("SELECT id FROM contests WHERE id = ?", [PRACTICE])
        assert store.query("PRAGMA integrity_check") == [{"integrity_check": "ok"}]
        assert store.query("PRAGMA foreign_key_check") == []
        store.write(lambda db: db.execute(insert, [None]))
        assert store.query("SELECT team_id FROM submissions WHERE id = 2") == [{"team_id": None}]


@pytest.fixture
def practice_data(tmp_path: Path) -> tuple[Path, Path]:
    """A contest not started yet (sum, floats) and hello imported without a contest."""
    make_contest(tmp_path, start=False)
    library = Config.build(data_dir=tmp_path).library_dir
    import_package(PACKS / "hello", library)
    return tmp_path, library


def practise(store: Store, library: Path, problem: str, account: str = "team001",
             language: str = "python3", source: bytes = b"print('Hello World!')\n") -> int:
    return take_practice_submission(store, library, load_languages(), account_id=account,
                                    problem_id=problem, language_id=language, source=source,
                                    file_name="a.py", now=datetime.now(UTC))


def test_practice_is_judged_through_the_queue_and_writes_no_event(practice_data) -> None:
    data, library = practice_data
    with Store.open(data) as store:
        (hello,) = open_now(store, library, datetime.now(UTC))
        assert hello.startswith("hello-")  # the contest's sum and floats wait for its end
        events = store.query("SELECT count(*) AS n FROM events")[0]["n"]
        sid = practise(store, library, hello)
        queue = JudgeQueue(store)
        claim = queue.claim("w", 60, 0.0)
        assert claim is not None and claim.submission_id == sid and claim.team_id is None
        assert queue.complete(claim, Judgement(Verdict.AC), 1.0)
        assert store.query("SELECT count(*) AS n FROM events")[0]["n"] == events
        (row,) = attempts_from_store(store, "team001")
        assert (row.problem_id, row.verdict) == (hello, "AC")


def test_an_accounts_practice_submissions_come_newest_first_with_their_verdicts(
        practice_data) -> None:
    data, library = practice_data
    with Store.open(data) as store:
        (hello,) = open_now(store, library, datetime.now(UTC))
        first = practise(store, library, hello)
        queue = JudgeQueue(store)
        assert queue.complete(queue.claim("w", 60, 0.0), Judgement(Verdict.AC), 1.0)
        second = practise(store, library, hello, language="python3")
        rows = practice_submissions_of(store, "team001")
        assert [(r["id"], r["problem_id"], r["language_id"], r["verdict"]) for r in rows] == [
            (second, hello, "python3", None), (first, hello, "python3", "AC")]
        assert practice_submissions_of(store, "team002") == []


@pytest.mark.parametrize(("problem", "language", "source", "reason"), [
    ("sum", "python3", b"print(1)", "not in the practice archive"),
    ("nothing", "python3", b"print(1)", "not in the practice archive"),
    (None, "cobol", b"print(1)", "unknown language"),
    (None, "python3", b"", "the source is empty"),
])
def test_practice_refuses_closed_problems_and_bad_sources_and_records_nothing(
        practice_data, problem, language, source, reason) -> None:
    data, library = practice_data
    with Store.open(data) as store:
        hello = open_now(store, library, datetime.now(UTC))[0]
        with pytest.raises(PracticeRefused, match=reason):
            practise(store, library, problem or hello, language=language, source=source)
        assert not store.query("SELECT 1 FROM submissions")


def test_the_audit_archive_holds_its_contest_and_no_practice(practice_data,
                                                             tmp_path: Path) -> None:
    data, library = practice_data
    with Store.open(data) as store:
        hello = open_now(store, library, datetime.now(UTC))[0]
        practise(store, library, hello)
        out = export_archive(store, "test", tmp_path / "audit.zip", library)
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("submissions.json")) == []
        assert {c["id"] for c in json.loads(archive.read("audit/contests.json"))} == {"test"}
        problems = json.loads(archive.read("audit/problems.json"))
        assert {p["contest_id"] for p in problems} == {"test"}
        assert not [n for n in archive.namelist() if n.startswith("submissions/")]
