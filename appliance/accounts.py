"""Accounts read from the store: by id (a session's), by user name (a login's), all of them.
Only a login's lookup carries the password hash; the others never hand it out."""

from __future__ import annotations

from appliance.store import Store


def account_by_id(store: Store, account_id: str) -> dict | None:
    """The account with this id (id, username, type, team_id), None if there is none."""
    rows = store.query("SELECT id, username, type, team_id FROM accounts WHERE id = ?",
                       [account_id])
    return rows[0] if rows else None


def account_by_username(store: Store, username: str) -> dict | None:
    """The account with this user name, with its `password_hash`, None if there is none."""
    rows = store.query("SELECT id, username, type, team_id, password_hash FROM accounts "
                       "WHERE username = ?", [username])
    return rows[0] if rows else None


def accounts_of(store: Store) -> list[dict]:
    """Every account (id, username, type, team_id), by id."""
    return store.query("SELECT id, username, type, team_id FROM accounts ORDER BY id")
