"""Shadow mode's core without HTTP: a primary's feed events imported, submissions stored,
and which of the primary's judgements is its verdict (current, valid, latest)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from appliance.contest.shadow import (
    SHADOW_JURY,
    Follower,
    Setup,
    ShadowError,
    contest_package,
    problem_packages,
)
from appliance.contest.shadow_reads import Compared, shadow_view
from appliance.store import Store
from judge.languages import load_languages
from tests.paths import PACKS

URL = "http://primary/api"
SETUP = [
    {"type": "contest", "id": "wf", "data": {
        "id": "wf", "name": "Finals", "duration": "5:00:00.000",
        "scoreboard_freeze_duration": "1:00:00.000", "penalty_time": 20,
        "start_time": "2026-01-01T10:00:00.000+00:00"}, "token": "1"},
    {"type": "state", "id": None, "data": {"started": "2026-01-01T10:05:00.000+00:00"},
     "token": "2"},
    {"type": "problems", "id": "hello", "data": {"id": "hello", "label": "A",
                                                 "name": "Hello", "ordinal": 0}, "token": "3"},
    {"type": "teams", "id": "t1", "data": {"id": "t1", "name": "One", "group_ids": ["gone"]},
     "token": "4"},
]


def files(name: str, source: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, source)
    return buffer.getvalue()


def submission(sid: str, language: str = "python3") -> dict:
    return {"type": "submissions", "id": sid, "token": f"s{sid}", "data": {
        "id": sid, "team_id": "t1", "problem_id": "hello", "language_id": language,
        "time": "2026-01-01T10:15:00.000+00:00", "contest_time": "0:10:00.000",
        "files": [{"href": f"contests/wf/submissions/{sid}/files"}]}}


def judgement(jid: str, sid: str, verdict: str | None, **flags: bool) -> dict:
    return {"type": "judgements", "id": jid, "token": f"j{jid}{verdict}", "data": {
        "id": jid, "submission_id": sid, "judgement_type_id": verdict, **flags}}


def follower(store: Store, tmp_path: Path, said: list[str]) -> Follower:
    return Follower(store, load_languages(), tmp_path / "packages", PACKS, URL, "wf",
                    fetch=lambda href: files("h.py", b'print("Hello World!")\n'),
                    say=said.append)


def test_the_contest_is_imported_once_then_the_primarys_current_verdict_is_kept(
        tmp_path: Path) -> None:
    said: list[str] = []
    with Store.open(tmp_path) as store:
        shadow = follower(store, tmp_path, said)
        for event in SETUP:
            shadow.take(event)
        assert shadow.contest_id is None  # still describing the contest
        shadow.take(submission("7"))
        assert shadow.contest_id == "wf"
        assert said[0].startswith(f"imported contest 'wf': 1 problem, 1 team; jury login "
                                  f"{SHADOW_JURY} / ")
        row = store.query("SELECT start_time, penalty_time FROM contests WHERE id = 'wf'")[0]
        assert row == {"start_time": "2026-01-01T10:05:00+00:00", "penalty_time": 1200}
        shadow.take(judgement("1", "7", None))
        shadow.take(judgement("1", "7", "AC"))
        shadow.take(judgement("2", "7", "WA", valid=False))  # a rejudging not applied
        (seen,) = shadow_view(store, "wf").compared
        assert (seen.submission_id, seen.primary, seen.ours) == ("7", "AC", None)
        shadow.take(judgement("1", "7", "AC", current=False))  # the rejudging applied
        shadow.take(judgement("2", "7", "WA", current=True))
        assert shadow_view(store, "wf").compared[0].primary == "WA"
        shadow.take(submission("7"))  # again (a feed read again): stored once
        shadow.take(submission("8", language="brainfuck"))
        assert len(shadow_view(store, "wf").compared) == 1
        assert said[-1] == ("not judged here: submission 8: language 'brainfuck' is not one "
                            "of this Podium's")
        assert shadow.token == "s8"
        again = follower(store, tmp_path, said)  # a restart resumes
        assert (again.contest_id, again.token) == ("wf", "s8")


def test_missing_problem_packages_are_all_named(tmp_path: Path) -> None:
    with pytest.raises(ShadowError, match=r"no problem package for problems 'nope', "
                                          r"'zilch' in this Podium's library nor in "):
        problem_packages(["hello", "nope", "zilch"], tmp_path / "packages", PACKS)
    assert problem_packages(["hello"], tmp_path, PACKS) == {"hello": PACKS / "hello"}


def test_a_feed_without_a_contest_object_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ShadowError, match="ended before it described the contest"):
        contest_package(Setup(), {}, "pw", URL)


def test_a_difference_needs_both_verdicts() -> None:
    def seen(primary: str | None, ours: str | None) -> bool:
        return Compared("1", "1", "t", "p", "c", 0.0, primary, ours).differs

    assert (seen("AC", "WA"), seen("AC", "AC"), seen(None, "WA"), seen("WA", None)) == \
        (True, False, False, False)
