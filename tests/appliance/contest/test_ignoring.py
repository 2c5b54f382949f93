"""A judge ignores a submission: it leaves the scoreboard, the CLICS views and the export, the
log says `delete`; undo logs it again with its judgement; each act and its reason is in the
audit archive, whose replayed scoreboard agrees."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from appliance.audit import audit_archive, export_archive
from appliance.contest.ignoring import IgnoreError, NoSuchSubmission, ignore_log, set_ignored
from appliance.contest.reads import judgements_of, submissions_of
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.queue import JudgeQueue
from appliance.scoreboard.standings import scoreboard_from_store
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS

NOW = datetime(2026, 11, 23, 12, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path):
    """Cup: team001 WA on sum, team002 AC on sum."""
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum"], 2), tmp_path / "library")
        queue = JudgeQueue(opened)
        for i, verdict in enumerate([Verdict.WA, Verdict.AC]):
            opened.submit(contest_id="cup", team_id=f"team00{i + 1}", problem_id="sum",
                          language_id="python3", source=b"x", file_name="a.py",
                          time="2026-11-23T12:00:00+00:00", contest_time=60.0 * (i + 1))
            assert queue.complete(queue.claim("w", 60, 1.0), Judgement(verdict), 2.0)
        yield opened


def solved(store: Store, team: str = "team002") -> int:
    return scoreboard_from_store(store, "cup").row(team, False).num_solved


def submission_events(store: Store) -> list[tuple[str, str]]:
    return [(r["id"], r["op"]) for r in store.query(
        "SELECT id, op FROM events WHERE type = 'submissions' ORDER BY seq")]


def test_an_ignored_submission_leaves_the_board_and_the_clics_views(store: Store) -> None:
    assert solved(store) == 1
    row = set_ignored(store, "cup", "2", True, "jury", "sent twice by mistake", NOW)
    assert row["ignored"] == 1
    assert solved(store) == 0
    assert submission_events(store)[-1] == ("2", "delete")
    assert [s["clics_id"] for s in submissions_of(store, "cup")] == ["1"]
    assert [s["clics_id"] for s in submissions_of(store, "cup", with_ignored=True)] == ["1", "2"]
    assert [j["submission_clics_id"] for j in judgements_of(store, "cup")] == ["1"]


def test_undo_restores_it_with_its_judgement(store: Store) -> None:
    set_ignored(store, "cup", "2", True, "jury", "sent twice", NOW)
    set_ignored(store, "cup", "2", False, "admin", "it was not", NOW)
    assert solved(store) == 1
    assert submission_events(store)[-2:] == [("2", "delete"), ("2", "create")]
    last = store.query("SELECT type, data FROM events ORDER BY seq DESC LIMIT 2")
    judgement = next(json.loads(r["data"]) for r in last if r["type"] == "judgements")
    assert judgement["current"] and judgement["judgement_type_id"] == "AC"
    assert [(r["ignored"], r["by"], r["reason"]) for r in ignore_log(store, 2)] == [
        (1, "jury", "sent twice"), (0, "admin", "it was not")]


@pytest.mark.parametrize("ident, ignored, reason, refusal", [
    ("9", True, "why", "no submission '9'"),
    ("1", False, "why", "submission 1 is not ignored"),
    ("1", True, "  ", "reason: say why"),
    ("1", True, "x" * 501, "reason: at most 500 characters, not 501"),
])
def test_marks_that_do_not_fit_are_refused_in_one_line(store: Store, ident: str, ignored: bool,
                                                      reason: str, refusal: str) -> None:
    with pytest.raises(IgnoreError, match=refusal):
        set_ignored(store, "cup", ident, ignored, "jury", reason, NOW)
    assert store.query("SELECT count(*) AS n FROM submission_ignores")[0]["n"] == 0


def test_ignoring_twice_is_refused(store: Store) -> None:
    set_ignored(store, "cup", "1", True, "jury", "test", NOW)
    with pytest.raises(IgnoreError, match="already ignored"):
        set_ignored(store, "cup", "1", True, "jury", "test", NOW)
    with pytest.raises(NoSuchSubmission):
        set_ignored(store, "other", "1", True, "jury", "test", NOW)


def test_the_audit_archive_keeps_the_reason_and_replays_the_board(store: Store,
                                                                  tmp_path: Path) -> None:
    set_ignored(store, "cup", "2", True, "jury", "a false account", NOW)
    out = export_archive(store, "cup", tmp_path / "cup.zip", tmp_path / "library")
    with zipfile.ZipFile(out) as z:
        kept = json.loads(z.read("audit/submission_ignores.json"))
        exported = [s["id"] for s in json.loads(z.read("submissions.json"))]
    assert [(k["by"], k["reason"]) for k in kept] == [("jury", "a false account")]
    assert exported == ["1"]
    report = audit_archive(out)
    assert report.problems == []
