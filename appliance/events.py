"""The store's CLICS event log read back, in order: what followers (the live board, the event
feed, browsers' live updates) read after the sequence number they have seen."""

from __future__ import annotations

from appliance.store import Store

BATCH = 1000  # events a stream reads at a time


def last_seq(store: Store) -> int:
    """The sequence number of the newest event (0 for an empty log)."""
    (row,) = store.query("SELECT coalesce(max(seq), 0) AS seq FROM events")
    return int(row["seq"])


def seq_of_token(store: Store, token: str) -> int | None:
    """The sequence number of the event with this CLICS token, None for an unknown token."""
    rows = store.query("SELECT seq FROM events WHERE token = ?", [token])
    return rows[0]["seq"] if rows else None


def events_after(store: Store, seq: int, limit: int = BATCH) -> list[dict]:
    """At most `limit` events after `seq`, oldest first, as stored (`data` is JSON text)."""
    return store.query("SELECT seq, token, type, id, op, data, time FROM events "
                       "WHERE seq > ? ORDER BY seq LIMIT ?", [seq, limit])
