"""Accounts read from the store: by id (a session's), by user name (a login's), all of them.
Only a login's lookup carries the password hash; the others never hand it out. User names
are one rule here: two names are the same account's when their `username_key`s are equal
("Admin" is "admin", a full-width "ａdmin" too), and a name with an invisible or control
character (zero-width, right-to-left marks) is refused (`username_fault`)."""

from __future__ import annotations

import unicodedata

from appliance.store import Store

REFUSED_CATEGORIES = {"Cf": "an invisible formatting character", "Cc": "a control character"}


def username_key(name: str) -> str:
    """What a user name is compared by: NFKC-normalised and case-folded (Unicode's caseless
    identifier matching)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def username_fault(name: str) -> str | None:
    """Why a user name is refused (empty; an invisible or control character, named by its
    code point), or None."""
    if not name.strip():
        return "is empty"
    for char in name:
        what = REFUSED_CATEGORIES.get(unicodedata.category(char))
        if what:
            return f"contains {what} (U+{ord(char):04X}); names are what people read"
    return None


def account_by_id(store: Store, account_id: str) -> dict | None:
    """The account with this id (id, username, type, team_id), None if there is none."""
    rows = store.query("SELECT id, username, type, team_id FROM accounts WHERE id = ?",
                       [account_id])
    return rows[0] if rows else None


def account_by_username(store: Store, username: str) -> dict | None:
    """The account with this user name (as `username_key` compares), with its
    `password_hash`, None if there is none."""
    rows = store.query("SELECT id, username, type, team_id, password_hash FROM accounts "
                       "WHERE username = ?", [username])
    if rows:
        return rows[0]
    key = username_key(username)
    found = [row for row in store.query("SELECT id, username, type, team_id, password_hash "
                                        "FROM accounts") if username_key(row["username"]) == key]
    return found[0] if len(found) == 1 else None


def accounts_of(store: Store, contest_id: str) -> list[dict]:
    """The contest's accounts, its members (id, username, type, team_id), by id."""
    return store.query("SELECT id, username, type, team_id FROM accounts WHERE id IN "
                       "(SELECT account_id FROM memberships WHERE contest_id = ?) ORDER BY id",
                       [contest_id])


def contests_of(store: Store, account_id: str) -> list[str]:
    """The contests an account is a member of, in the order they were made."""
    return [r["contest_id"] for r in store.query(
        "SELECT m.contest_id FROM memberships m JOIN contests c ON c.id = m.contest_id "
        "WHERE m.account_id = ? ORDER BY c.rowid", [account_id])]
