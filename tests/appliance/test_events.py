"""The event log read back: the newest seq, a token's seq, and the events after a seq."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.events import events_after, last_seq, seq_of_token
from appliance.store import Store


@pytest.fixture
def store(tmp_path: Path):
    tokens = iter(f"tok{i}" for i in range(100))
    with Store.open(tmp_path, tokens=lambda: next(tokens)) as opened:
        opened.write(lambda db: db.execute("INSERT INTO contests (id, name, duration) VALUES "
                                           "('c', 'C', 3600), ('other', 'Other', 3600)"))
        yield opened


def append(store: Store, *ids: str, contest: str = "c") -> None:
    for ident in ids:
        store.write(lambda db, i=ident: store.append_event(db, "teams", i, {"id": i},
                                                           time="2026-01-01T10:00:00+00:00",
                                                           contest_id=contest))


def test_an_empty_log_has_seq_zero_and_nothing_after_it(store: Store) -> None:
    assert last_seq(store, "c") == 0
    assert events_after(store, "c", 0, 10) == []


def test_events_after_a_seq_come_oldest_first_up_to_the_limit(store: Store) -> None:
    append(store, "t1", "t2", "t3")
    assert last_seq(store, "c") == 3
    assert [e["id"] for e in events_after(store, "c", 1, 10)] == ["t2", "t3"]
    assert [e["id"] for e in events_after(store, "c", 0, 2)] == ["t1", "t2"]
    (first,) = events_after(store, "c", 0, 1)
    assert first == {"seq": 1, "token": "tok0", "type": "teams", "id": "t1", "op": "create",
                     "data": '{"id": "t1"}', "time": "2026-01-01T10:00:00+00:00"}


def test_a_token_names_its_event_and_an_unknown_one_nothing(store: Store) -> None:
    append(store, "t1", "t2")
    assert seq_of_token(store, "c", "tok1") == 2
    assert seq_of_token(store, "c", "nope") is None


def test_each_contest_reads_its_own_events_only(store: Store) -> None:
    append(store, "t1")
    append(store, "u1", contest="other")
    append(store, "t2")
    assert [e["id"] for e in events_after(store, "c", 0, 10)] == ["t1", "t2"]
    assert [e["id"] for e in events_after(store, "other", 0, 10)] == ["u1"]
    assert last_seq(store, "other") == 2 and last_seq(store, "c") == 3
    assert seq_of_token(store, "c", "tok1") is None  # another contest's token
    assert seq_of_token(store, "other", "tok1") == 2
