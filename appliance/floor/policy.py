"""Each contest's floor settings: whether balloons come during the freeze (default yes, as
most sites do) and the CUPS printer printouts go to (none: they wait in the runners' print
queue in the browser)."""

from __future__ import annotations

from appliance.store import Store


def set_policy(store: Store, contest_id: str, *, during_freeze: bool | None = None,
               printer: str | None = None, no_printer: bool = False) -> None:
    """The contest's floor settings: balloons during the freeze, the CUPS printer (none:
    printouts wait in the runners' print queue)."""
    def write(db) -> None:
        if during_freeze is not None:
            db.execute("UPDATE contests SET balloons_during_freeze = ? WHERE id = ?",
                       [int(during_freeze), contest_id])
        if printer is not None or no_printer:
            db.execute("UPDATE contests SET printer = ? WHERE id = ?",
                       [None if no_printer else printer, contest_id])
    store.write(write)


def printer_of(store: Store, contest_id: str) -> str | None:
    """The contest's CUPS printer, None when printouts go to the print queue."""
    rows = store.query("SELECT printer FROM contests WHERE id = ?", [contest_id])
    return rows[0]["printer"] if rows else None
