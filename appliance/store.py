"""The one owner of Podium's SQLite database: opening, migrations and the single writer.

Every write goes through `Store.write(fn)`: fn runs inside `BEGIN IMMEDIATE` ... `COMMIT` on
one dedicated connection guarded by a lock (datasette's `execute_write_fn` model), and any
exception rolls the whole transaction back. Reads use per-thread `query_only` connections,
which WAL lets run beside the writer without blocking it.

Durability: `synchronous=FULL`. In WAL mode NORMAL may lose the last commits on a power cut
(not on a process crash); Podium acknowledges a submission only after its COMMIT, so that
COMMIT must be on disk. The cost is one fsync per write transaction, small at contest rates.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from appliance.clics.events import submission_event
from appliance.clics.times import reltime
from appliance.errors import ApplianceError
from appliance.store_schema import MIGRATIONS, PRACTICE, Migration
from judge.blobs import BlobStore

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000  # other processes (CLI imports, a crashed worker's leftovers) wait
DATABASE = "podium.db"  # the file in the data folder


class StoreError(ApplianceError):
    """The database cannot be used as asked (wrong schema version, misuse of the writer)."""


class DuplicateId(StoreError):
    """An object with the id given by the client exists already."""


class SchemaTooNew(StoreError):
    """The database was written by a newer Podium than this one."""


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection with Podium's pragmas; transactions are ours (no implicit BEGIN)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    return conn


def _random_token() -> str:
    """An opaque, unique event token (CLICS leaves their form to the server)."""
    return secrets.token_hex(8)


class Doorbell:
    """Rung when a write queues work, so this process's dispatchers claim it at once rather
    than at their next poll (dispatchers of other processes still poll)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._rings = 0

    @property
    def rings(self) -> int:
        """How many times it has rung: read before looking for work, then `wait(rings)`."""
        with self._condition:
            return self._rings

    def ring(self) -> None:
        with self._condition:
            self._rings += 1
            self._condition.notify_all()

    def wait(self, rings: int, timeout: float) -> None:
        """Wait until it rings past `rings` (at once if it did already) or `timeout` ends."""
        with self._condition:
            self._condition.wait_for(lambda: self._rings != rings, timeout)


class Store:
    """The database at `data_dir/podium.db` and the blobs at `data_dir/blobs`."""

    def __init__(self, path: Path, blobs: BlobStore, tokens: Callable[[], str]) -> None:
        self.path = path
        self.blobs = blobs
        self._tokens = tokens
        self._writer = Database(_connect(path, read_only=False))
        self._lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[Database] = []
        self._readers_lock = threading.Lock()
        self.doorbell = Doorbell()

    @staticmethod
    def exists(data_dir: Path) -> bool:
        """Whether `data_dir` holds a store, found without creating one as `open` would."""
        return (data_dir / DATABASE).is_file()

    @classmethod
    def open(cls, data_dir: Path, *, migrations: Sequence[Migration] = MIGRATIONS,
             tokens: Callable[[], str] = _random_token) -> Store:
        """Open (creating if need be) and migrate the store; refuse a newer database."""
        data_dir.mkdir(parents=True, exist_ok=True)
        store = cls(data_dir / DATABASE, BlobStore(data_dir / "blobs"), tokens)
        try:
            store._writer.enable_wal()
            store._migrate(migrations)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Close every connection this store opened."""
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        self._writer.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the single writer -------------------------------------------------------------

    def write(self, fn: Callable[[Database], T], *, queues: bool = False) -> T:
        """Run fn(db) in one BEGIN IMMEDIATE transaction on the writer; roll back on error.
        A write that `queues` submissions for judging rings the doorbell once committed."""
        if getattr(self._local, "writing", False):
            raise StoreError("Store.write called inside a write: pass the db along instead")
        with self._lock:
            self._local.writing = True
            try:
                self._writer.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(self._writer)
                    self._writer.execute("COMMIT")
                except BaseException:
                    if self._writer.conn.in_transaction:
                        self._writer.execute("ROLLBACK")
                    raise
            finally:
                self._local.writing = False
        if queues:
            self.doorbell.ring()
        return result

    def append_event(self, db: Database, type: str, id: str | None, data: dict | None,
                     op: str = "create", time: str | None = None, *,
                     contest_id: str) -> str:
        """Append a CLICS event of one contest inside the current write; return its token."""
        if db is not self._writer or not db.conn.in_transaction:
            raise StoreError("append_event must run inside Store.write")
        token = self._tokens()
        db.execute(
            "INSERT INTO events (token, type, id, op, data, time, contest_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [token, type, id, op, None if data is None else json.dumps(data),
             time or datetime.now(UTC).isoformat(timespec="milliseconds"), contest_id])
        return token

    # -- reads -------------------------------------------------------------------------

    def reader(self) -> Database:
        """This thread's read-only connection (opened on first use)."""
        db = getattr(self._local, "reader", None)
        if db is None:
            db = Database(_connect(self.path, read_only=True))
            self._local.reader = db
            with self._readers_lock:
                self._readers.append(db)
        return db

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict]:
        """Rows of a read query, as dicts."""
        return list(self.reader().query(sql, params))

    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        rows = self.query("SELECT coalesce(max(version), 0) AS v FROM migrations")
        return int(rows[0]["v"])

    # -- migrations --------------------------------------------------------------------

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        """Apply each missing migration in its own transaction; refuse a newer database."""
        self.write(lambda db: db.execute(
            "CREATE TABLE IF NOT EXISTS migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"))
        known = len(migrations)
        newest = self.schema_version()
        if newest > known:
            raise SchemaTooNew(
                f"{self.path} has schema version {newest}, but this Podium knows only up to "
                f"{known}: upgrade Podium (or restore a backup) to open it")
        for version, migration in enumerate(migrations, start=1):
            self.write(lambda db, v=version, m=migration: _apply(db, v, m))

    # -- submissions -------------------------------------------------------------------

    def submit(self, *, contest_id: str, team_id: str | None, problem_id: str,
               language_id: str, source: bytes, file_name: str, time: str,
               contest_time: float, others: Mapping[str, bytes] | None = None,
               entry_point: str | None = None, clics_id: str | None = None,
               arrival: str | None = None, account_id: str | None = None) -> int:
        """Store a submission (queued) and its event in one transaction; return its internal
        id after COMMIT, so an acknowledged submission survives a crash.

        `time` is the submission's own time (scored); `arrival` when it reached us (the
        event's time), later for a proxy's or an admin's back-dated submission. `clics_id`
        is the id its source gave (a PUT, a contest package); one already taken raises
        `DuplicateId`; without one it is the internal id as text. A practice submission (an
        account's, no team) has no event: the event log is the contests' CLICS log."""
        source_hash = self.blobs.put_bytes(source)  # content-addressed: safe to leave behind
        other_hashes = {name: self.blobs.put_bytes(data) for name, data in (others or {}).items()}
        return self.write(lambda db: self.insert_submission(
            db, contest_id=contest_id, team_id=team_id, problem_id=problem_id,
            language_id=language_id, source_hash=source_hash, file_name=file_name, time=time,
            contest_time=contest_time, other_hashes=other_hashes, entry_point=entry_point,
            clics_id=clics_id, arrival=arrival, account_id=account_id), queues=True)

    def insert_submission(self, db: Database, *, contest_id: str, team_id: str | None,
                          problem_id: str, language_id: str, source_hash: str, file_name: str,
                          time: str, contest_time: float, other_hashes: Mapping[str, str],
                          entry_point: str | None, clics_id: str | None, arrival: str | None,
                          account_id: str | None) -> int:
        """`submit`'s row and event inside a write already open (a contest package's
        submissions go in with the contest, in its one transaction); blobs stored first."""
        if clics_id is not None and clics_id_taken(db, clics_id):
            raise DuplicateId(f"submission {clics_id} already exists")
        sid = next_submission_key(db)
        given = clics_id or str(sid)
        db.execute(
            "INSERT INTO submissions (id, clics_id, contest_id, team_id, problem_id, "
            "language_id, source_hash, file_name, time, contest_time, other_files, "
            "entry_point, arrival_time, account_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [sid, given, contest_id, team_id, problem_id, language_id, source_hash,
             file_name, time, contest_time,
             json.dumps(dict(other_hashes), sort_keys=True) if other_hashes else None,
             entry_point, arrival or time, account_id])
        if not logged(contest_id):
            return sid
        files = [{"filename": file_name, "hash": source_hash}]
        files += [{"filename": n, "hash": h} for n, h in sorted(other_hashes.items())]
        self.append_event(db, "submissions", given, submission_event(
            id=given, language_id=language_id, problem_id=problem_id, team_id=team_id,
            time=time, contest_time=reltime(contest_time), entry_point=entry_point,
            files=files, account_id=account_id), time=arrival or time, contest_id=contest_id)
        return sid


def clics_id_taken(db: Database, clics_id: str) -> bool:
    """Whether a submission has this CLICS id already (in any contest of the data folder)."""
    return db.execute("SELECT 1 FROM submissions WHERE clics_id = ?",
                      [clics_id]).fetchone() is not None


def next_submission_key(db: Database) -> int:
    """The internal id of the next submission: past every one used (AUTOINCREMENT's
    sequence), and whose text no submission has taken as its CLICS id (a PUT or a package
    may have given "12"), so that a submission without a given id is known by its number."""
    (used,) = db.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'submissions'), 0),"
        " coalesce((SELECT max(id) FROM submissions), 0))").fetchone()
    key = int(used) + 1
    while clics_id_taken(db, str(key)):
        key += 1
    return key


def clics_submission_id(db: Database, key: int) -> str:
    """The CLICS id of the submission with this internal id (what events and clients see)."""
    (found,) = db.execute("SELECT clics_id FROM submissions WHERE id = ?", [key]).fetchone()
    return str(found)


def submission_contest(db: Database, key: int) -> str:
    """The contest of the submission with this internal id (its events are that contest's)."""
    (found,) = db.execute("SELECT contest_id FROM submissions WHERE id = ?", [key]).fetchone()
    return str(found)


def logged(contest_id: str) -> bool:
    """Whether what happens in this contest goes to the event log: every contest's does
    except the practice archive's, which no contest's feed, board or audit may show."""
    return contest_id != PRACTICE


def _apply(db: Database, version: int, migration: Migration) -> None:
    """Run one migration unless another process applied it first (we hold the write lock)."""
    done = db.execute("SELECT 1 FROM migrations WHERE version = ?", [version]).fetchone()
    if done:
        return
    migration(db)
    db.execute("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
               [version, migration.__name__, datetime.now(UTC).isoformat(timespec="seconds")])
