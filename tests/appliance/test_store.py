"""The store against real SQLite files: WAL, migrations, the single writer, durable submit."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database

from appliance.store import DuplicateId, SchemaTooNew, Store, StoreError
from appliance.store_schema import MIGRATIONS, PRACTICE, initial_schema, several_contests


def seed(store: Store, teams: tuple[str, ...] = ("t1",)) -> None:
    """A contest with one problem, and the given teams."""
    def insert(db: Database) -> None:
        db.execute("INSERT INTO contests (id, name, duration) VALUES ('c', 'Contest', 18000)")
        db.execute("INSERT INTO problems (id, contest_id, label, name, ordinal) "
                   "VALUES ('sum', 'c', 'A', 'Sum', 1)")
        for team in teams:
            db.execute("INSERT INTO teams (id, name) VALUES (?, ?)", [team, team.upper()])
    store.write(insert)


def submit(store: Store, team: str = "t1", source: bytes = b"print(1)") -> int:
    return store.submit(contest_id="c", team_id=team, problem_id="sum", language_id="python3",
                        source=source, file_name="a.py", time="2024-05-01T10:00:00.000+00:00",
                        contest_time=61.5)


def count(store: Store, table: str) -> int:
    return store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]


def add_note_column(db: Database) -> None:
    """A test migration: version 2."""
    db.execute("ALTER TABLE teams ADD COLUMN note TEXT")


def test_open_puts_database_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert store.query("PRAGMA foreign_keys")[0]["foreign_keys"] == 1
        assert (tmp_path / "blobs").is_dir()
    raw = sqlite3.connect(tmp_path / "podium.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_exists_finds_an_opened_store_and_creates_nothing(tmp_path: Path) -> None:
    assert not Store.exists(tmp_path / "data")
    assert not (tmp_path / "data").exists()
    Store.open(tmp_path / "data").close()
    assert Store.exists(tmp_path / "data")


def test_foreign_keys_are_enforced_on_writes(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        seed(store)
        with pytest.raises(sqlite3.IntegrityError):
            submit(store, team="nobody")
        assert count(store, "submissions") == 0


def test_migrations_are_applied_once_and_reopening_changes_nothing(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    with Store.open(tmp_path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert count(store, "migrations") == len(MIGRATIONS)
        assert {"submissions", "judgements", "runs", "events", "accounts"} <= set(
            store.reader().table_names())


def test_old_database_gets_the_missing_migration(tmp_path: Path) -> None:
    Store.open(tmp_path, migrations=[initial_schema]).close()
    with Store.open(tmp_path, migrations=[initial_schema, add_note_column]) as store:
        assert store.schema_version() == 2
        assert "note" in store.reader()["teams"].columns_dict
    with Store.open(tmp_path, migrations=[initial_schema, add_note_column]) as store:
        assert [r["version"] for r in store.query("SELECT version FROM migrations")] == [1, 2]


def test_failing_migration_is_rolled_back_whole(tmp_path: Path) -> None:
    def half_done(db: Database) -> None:
        db.execute("CREATE TABLE medals (id TEXT)")
        raise RuntimeError("migration bug")

    Store.open(tmp_path, migrations=[initial_schema]).close()
    with pytest.raises(RuntimeError, match="migration bug"):
        Store.open(tmp_path, migrations=[initial_schema, half_done])
    with Store.open(tmp_path, migrations=[initial_schema]) as store:
        assert store.schema_version() == 1
        assert "medals" not in store.reader().table_names()


def test_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    Store.open(tmp_path, migrations=[initial_schema, add_note_column]).close()
    with pytest.raises(SchemaTooNew, match="schema version 2.*only up to 1"):
        Store.open(tmp_path, migrations=[initial_schema])


def test_write_rolls_back_everything_on_an_exception(tmp_path: Path) -> None:
    def insert_then_fail(db: Database) -> None:
        db.execute("INSERT INTO teams (id, name) VALUES ('t9', 'T9')")
        raise ValueError("boom")

    with Store.open(tmp_path) as store:
        with pytest.raises(ValueError):
            store.write(insert_then_fail)
        assert count(store, "teams") == 0
        store.write(lambda db: db.execute("INSERT INTO teams (id, name) VALUES ('t1', 'T1')"))
        assert count(store, "teams") == 1


def test_write_inside_write_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store, pytest.raises(StoreError, match="inside a write"):
        store.write(lambda db: store.write(lambda inner: None))


def test_readers_cannot_write(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store, pytest.raises(sqlite3.OperationalError):
        store.reader().execute("INSERT INTO teams (id, name) VALUES ('t1', 'T1')")


def test_events_are_append_only(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.write(lambda db: store.append_event(db, "teams", "t1", {"id": "t1"},
                                                          contest_id=PRACTICE))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.write(lambda db: db.execute("UPDATE events SET type = 'x'"))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.write(lambda db: db.execute("DELETE FROM events"))
        assert count(store, "events") == 1


def test_append_event_outside_a_write_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store, pytest.raises(StoreError):
        store.append_event(store.reader(), "teams", "t1", {"id": "t1"}, contest_id=PRACTICE)


def test_submit_stores_the_blob_a_queued_row_and_its_event(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        seed(store)
        submission_id = submit(store, source=b"print(42)")
        row = store.query("SELECT * FROM submissions WHERE id = ?", [submission_id])[0]
        assert row["status"] == "queued"
        assert store.blobs.path(row["source_hash"]).read_bytes() == b"print(42)"
        [event] = store.query("SELECT * FROM events")
        assert (event["type"], event["id"], event["op"]) == ("submissions", str(submission_id),
                                                            "create")
        data = json.loads(event["data"])
        assert data["contest_time"] == "0:01:01.500"
        assert data["team_id"] == "t1"


def test_submit_leaves_no_row_when_its_event_cannot_be_written(tmp_path: Path) -> None:
    with Store.open(tmp_path, tokens=lambda: "same-token") as store:
        seed(store)
        first = submit(store)
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            submit(store)
        assert [r["id"] for r in store.query("SELECT id FROM submissions")] == [first]
        assert count(store, "events") == 1


def test_submit_with_an_id_already_taken_raises_duplicate_id(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        seed(store)
        taken = submit(store)
        with pytest.raises(DuplicateId, match=f"submission {taken} already exists"):
            store.submit(contest_id="c", team_id="t1", problem_id="sum", language_id="python3",
                         source=b"print(2)", file_name="a.py", clics_id=str(taken),
                         time="2024-05-01T10:00:00.000+00:00", contest_time=1.0)
        assert count(store, "submissions") == 1 and count(store, "events") == 1
        assert issubclass(DuplicateId, StoreError)


def test_acknowledged_submission_is_there_after_reopening(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    seed(store)
    submission_id = submit(store)
    store.close()
    with Store.open(tmp_path) as reopened:
        assert reopened.query("SELECT status FROM submissions WHERE id = ?",
                              [submission_id]) == [{"status": "queued"}]


def test_a_submission_keeps_the_clics_id_it_was_given_and_others_get_a_free_number(
        tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        seed(store)
        given = dict(contest_id="c", team_id="t1", problem_id="sum", language_id="python3",
                     source=b"print(2)", file_name="a.py",
                     time="2024-05-01T10:00:00.000+00:00", contest_time=1.0)
        store.submit(**given, clics_id="s001")
        store.submit(**given, clics_id="3")  # a number another system chose
        first, second = submit(store), submit(store)
        rows = store.query("SELECT id, clics_id FROM submissions ORDER BY id")
        assert [r["clics_id"] for r in rows] == ["s001", "3", str(first), str(second)]
        assert "3" not in (str(first), str(second))  # the given "3" is never reused
        assert [r["id"] for r in store.query("SELECT id FROM events WHERE type = "
                                             "'submissions'")] == [r["clics_id"] for r in rows]


def test_migration_11_gives_existing_submissions_their_number_as_clics_id(
        tmp_path: Path) -> None:
    from appliance.store_schema import clics_submission_ids
    before = MIGRATIONS[:MIGRATIONS.index(clics_submission_ids)]
    with Store.open(tmp_path, migrations=before) as store:
        seed(store)
        store.write(lambda db: db.execute(
            "INSERT INTO submissions (id, contest_id, team_id, problem_id, language_id, "
            "source_hash, file_name, time, contest_time) VALUES (41, 'c', 't1', 'sum', "
            "'python3', 'h', 'a.py', '2024-05-01T10:00:00+00:00', 1.0)"))
    with Store.open(tmp_path) as store:
        assert store.query("SELECT id, clics_id FROM submissions") == [
            {"id": 41, "clics_id": "41"}]
        assert str(submit(store)) == store.query(
            "SELECT clics_id FROM submissions WHERE id != 41")[0]["clics_id"]


def test_several_contests_migration_gives_each_old_event_its_contest(tmp_path: Path) -> None:
    """Before migration 19 the log had no contest: each event goes to the contest of the
    object it names, else to the contest imported last before it; every team and account
    joins every contest (each saw all of them), practice aside."""
    before = MIGRATIONS[:MIGRATIONS.index(several_contests)]
    with Store.open(tmp_path, migrations=before) as store:
        def old(db) -> None:
            db.execute("INSERT INTO contests (id, name, duration) VALUES ('c1', 'C1', 60), "
                       "('c2', 'C2', 60)")
            db.execute("INSERT INTO teams (id, name) VALUES ('t1', 'T1'), ('t2', 'T2')")
            db.execute("INSERT INTO accounts (id, username, type, team_id) VALUES "
                       "('t1', 't1', 'team', 't1'), ('jury', 'jury', 'judge', NULL)")
            db.execute("INSERT INTO problems (id, contest_id, label, name, ordinal) VALUES "
                       "('p1', 'c1', 'A', 'P1', 0)")
            for i, (kind, ident) in enumerate([("contests", "c1"), ("teams", "t1"),
                                               ("contests", "c2"), ("teams", "t2"),
                                               ("problems", "p1"), ("state", None)]):
                db.execute("INSERT INTO events (token, type, id, op, data, time) VALUES "
                           "(?, ?, ?, 'create', NULL, '2026-01-01T10:00:00Z')",
                           [f"tok{i}", kind, ident])
        store.write(old)
    with Store.open(tmp_path) as store:
        owners = [(r["type"], r["contest_id"]) for r in store.query(
            "SELECT type, contest_id FROM events ORDER BY seq")]
        assert owners == [("contests", "c1"), ("teams", "c1"), ("contests", "c2"),
                          ("teams", "c2"), ("problems", "c1"), ("state", "c2")]
        assert count(store, "contest_teams") == 4 and count(store, "memberships") == 4
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.write(lambda db: db.execute("UPDATE events SET contest_id = 'c1'"))


def test_a_stored_submission_wakes_a_waiting_dispatcher_at_once(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        seed(store)
        rings = store.doorbell.rings
        woken = threading.Event()

        def wait() -> None:
            store.doorbell.wait(rings, timeout=600)  # a poll this long would fail the join
            woken.set()

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        submit(store)
        waiter.join(timeout=60)
        assert woken.is_set()
        assert store.doorbell.rings == rings + 1


def test_a_write_that_queues_nothing_leaves_the_doorbell_silent(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        rings = store.doorbell.rings
        seed(store)
        store.doorbell.wait(rings, timeout=0)
        assert store.doorbell.rings == rings
