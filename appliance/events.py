"""The store's CLICS event log read back, one contest's events in order: what followers (the
live board, the event feed, browsers' live updates) read after the sequence number they have
seen. Sequence numbers are the log's, shared by every contest; a contest's are increasing."""

from __future__ import annotations

from appliance.store import Store

BATCH = 1000  # events a stream reads at a time


def last_seq(store: Store, contest_id: str) -> int:
    """The sequence number of the contest's newest event (0 when it has none)."""
    (row,) = store.query("SELECT coalesce(max(seq), 0) AS seq FROM events "
                         "WHERE contest_id = ?", [contest_id])
    return int(row["seq"])


def seq_of_token(store: Store, contest_id: str, token: str) -> int | None:
    """The sequence number of the contest's event with this CLICS token, None for a token
    that is not one of its events."""
    rows = store.query("SELECT seq FROM events WHERE token = ? AND contest_id = ?",
                       [token, contest_id])
    return rows[0]["seq"] if rows else None


def events_after(store: Store, contest_id: str, seq: int, limit: int = BATCH) -> list[dict]:
    """At most `limit` of the contest's events after `seq`, oldest first, as stored (`data`
    is JSON text)."""
    return store.query("SELECT seq, token, type, id, op, data, time FROM events "
                       "WHERE contest_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                       [contest_id, seq, limit])


def contest_events(store: Store, contest_id: str) -> list[dict]:
    """Every event of the contest, oldest first, as stored (the audit's and the archive's)."""
    return store.query("SELECT seq, token, type, id, op, data, time FROM events "
                       "WHERE contest_id = ? ORDER BY seq", [contest_id])
