"""Taking submissions in by the server's clock: late and early ones refused with a reason
and recorded; accepted ones stored with their contest time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.contest.intake import (
    MAX_SOURCE,
    SubmissionRefused,
    byte_size,
    size_refusal,
    take_submission,
)
from appliance.contest.setup import import_contest, quick_contest
from appliance.store import DuplicateId, Store
from judge.languages import load_languages
from tests.paths import PACKS

START = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SOURCE = (PACKS / "sum/submissions/accepted/sum.py").read_bytes()


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum"], 2, duration_s=3600),
                       tmp_path / "library")
        opened.write(lambda db: db.execute("UPDATE contests SET start_time = ?",
                                           [START.isoformat()]))
        yield opened


def take(store: Store, minutes: float, **changes) -> int:
    values = {"contest_id": "cup", "team_id": "team001", "problem_id": "sum",
              "language_id": "python3", "source": SOURCE, "file_name": "sum.py"}
    values.update(changes)
    return take_submission(store, load_languages(), now=START + timedelta(minutes=minutes),
                           **values)


def test_a_submission_during_the_contest_is_queued_with_its_contest_time(store) -> None:
    sid = take(store, 12.5)
    (row,) = store.query("SELECT status, contest_time FROM submissions WHERE id = ?", [sid])
    assert row == {"status": "queued", "contest_time": 750.0}
    assert store.query("SELECT type, id FROM events WHERE type = 'submissions'") == [
        {"type": "submissions", "id": str(sid)}]


def test_a_client_id_already_taken_raises_duplicate_id_and_records_nothing(store) -> None:
    key = take(store, 10, clics_id="s077")
    with pytest.raises(DuplicateId, match="submission s077 already exists"):
        take(store, 11, clics_id="s077", team_id="team002")
    assert store.query("SELECT id, clics_id, team_id FROM submissions") == [
        {"id": key, "clics_id": "s077", "team_id": "team001"}]
    assert store.query("SELECT count(*) AS n FROM events WHERE type = 'submissions'") == [
        {"n": 1}]


@pytest.mark.parametrize(("minutes", "reason"), [
    (-5, "the contest has not started yet"), (60, "the contest has ended"),
    (61, "the contest has ended"),
])
def test_early_and_late_submissions_are_refused_and_recorded(store, minutes: float,
                                                             reason: str) -> None:
    with pytest.raises(SubmissionRefused, match=reason):
        take(store, minutes)
    assert store.query("SELECT status, refused_reason FROM submissions") == [
        {"status": "refused", "refused_reason": reason}]
    assert store.query("SELECT count(*) AS n FROM events WHERE type = 'submissions'") == [
        {"n": 0}]


@pytest.mark.parametrize(("changes", "reason"), [
    ({"team_id": "nobody"}, "unknown team 'nobody'"),
    ({"problem_id": "nope"}, "problem 'nope' is not in this contest"),
    ({"language_id": "cobol"}, "unknown language 'cobol'"),
    ({"source": b""}, "the source is empty"),
    ({"source": b"x" * (MAX_SOURCE + 1)}, r"the source is 262,145 bytes \(256 KiB\); at most "
                                          r"262,144 bytes \(256 KiB\) are accepted"),
])
def test_bad_submissions_are_refused_with_a_clear_reason(store, changes, reason) -> None:
    with pytest.raises(SubmissionRefused, match=reason):
        take(store, 10, **changes)
    assert store.query("SELECT count(*) AS n FROM submissions WHERE status = 'queued'") == [
        {"n": 0}]


@pytest.mark.parametrize(("size", "said"), [
    (1, "1 byte"), (999, "999 bytes"), (1024, "1,024 bytes (1 KiB)"),
    (1_000_000, "1,000,000 bytes (976.6 KiB)"), (10 * 1024 * 1024, "10,485,760 bytes (10 MiB)"),
])
def test_sizes_are_written_exactly_and_as_people_read_them(size: int, said: str) -> None:
    assert byte_size(size) == said


def test_a_source_past_the_limit_is_refused_with_its_real_size() -> None:
    assert size_refusal(MAX_SOURCE) is None
    assert size_refusal(1024 * 1024) == ("the source is 1,048,576 bytes (1 MiB); at most "
                                         "262,144 bytes (256 KiB) are accepted")
    assert size_refusal(2000, limit=1000) == ("the source is 2,000 bytes (2 KiB); at most "
                                              "1,000 bytes are accepted")
