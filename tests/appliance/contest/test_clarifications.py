"""Clarifications: questions, answers to one team or all, announcements, and who sees what."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.contest.clarifications import (
    ClarificationError,
    announce,
    answer,
    ask,
    for_jury,
    for_team,
)
from appliance.contest.setup import import_contest, quick_contest
from appliance.store import Store
from tests.paths import PACKS

T = "2026-11-23T12:00:00.000+00:00"


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum"], 3), tmp_path / "library")
        yield opened


def test_unanswered_questions_come_first_for_the_jury(store: Store) -> None:
    q1 = ask(store, "cup", "team001", "Can a be negative?", T, problem="sum")
    q2 = ask(store, "cup", "team002", "Is the input one line?", T)
    answer(store, q1, "Yes: see the constraints.", T)
    jury = for_jury(store, "cup")
    assert [c.id for c in jury][:1] == [q2]
    assert {c.id: c.answered for c in jury}[q1] is True


def test_a_private_answer_reaches_only_the_asking_team(store: Store) -> None:
    question = ask(store, "cup", "team001", "Is 0 allowed?", T)
    reply = answer(store, question, "Yes.", T)
    assert [c.id for c in for_team(store, "cup", "team001")] == [question, reply]
    assert for_team(store, "cup", "team002") == []


def test_an_answer_to_all_and_an_announcement_reach_every_team(store: Store) -> None:
    question = ask(store, "cup", "team001", "Is 0 allowed?", T)
    reply = answer(store, question, "Yes, for everyone.", T, to_all=True)
    note = announce(store, "cup", "Problem A: the sample was fixed.", T, problem="sum")
    for team in ("team002", "team003"):
        assert [c.id for c in for_team(store, "cup", team)] == [reply, note]
    events = store.query("SELECT id FROM events WHERE type = 'clarifications' ORDER BY seq")
    assert [e["id"] for e in events] == [str(question), str(reply), str(note)]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"text": "   "}, "needs some text"), ({"text": "x" * 5000}, "at most"),
    ({"text": "q", "problem": "nope"}, "not in this contest"),
])
def test_bad_questions_are_refused_plainly(store: Store, kwargs, message: str) -> None:
    with pytest.raises(ClarificationError, match=message):
        ask(store, "cup", "team001", time=T, **kwargs)


def test_only_a_teams_question_can_be_answered(store: Store) -> None:
    note = announce(store, "cup", "Hello all", T)
    with pytest.raises(ClarificationError, match="no question"):
        answer(store, note, "?", T)
