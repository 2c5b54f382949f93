"""Each contest's floor settings: whether balloons come during the freeze (default yes, as
most sites do) and the CUPS printer printouts go to (none: they wait in the runners' print
queue in the browser).

A printer's name is checked before it is kept: `lp` gets it as one argument of a list (never
through a shell), but a name starting with "-" would still read as an option, and CUPS
names are printable characters without space, "/", "\\", quotes, "#" or ","; so a name is
letters, digits and "_.-@:" (a remote queue is `name@host`), starting with a letter or
digit, at most 127 characters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from appliance.errors import ApplianceError
from appliance.store import Store

PRINTER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@:-]{0,126}")


class PolicyError(ApplianceError):
    """A floor setting that cannot be kept: no such contest, a printer name CUPS refuses."""


@dataclass(frozen=True)
class FloorPolicy:
    """A contest's floor settings as kept."""

    balloons_during_freeze: bool
    printer: str | None

    def to_json(self) -> dict:
        return {"balloons_during_freeze": self.balloons_during_freeze, "printer": self.printer}


def printer_refusal(name: str) -> str | None:
    """Why a printer name is refused (one line), None when it is a CUPS queue name."""
    if PRINTER_NAME.fullmatch(name):
        return None
    shown = name if len(name) <= 40 else name[:40] + "..."
    return (f"printer: {shown!r} is not a CUPS printer name (letters, digits and _.-@: "
            "only, starting with a letter or digit, at most 127)")


def set_policy(store: Store, contest_id: str, *, during_freeze: bool | None = None,
               printer: str | None = None, no_printer: bool = False) -> FloorPolicy:
    """The contest's floor settings: balloons during the freeze, the CUPS printer (none:
    printouts wait in the runners' print queue); the settings as they are now."""
    if printer is not None and (refusal := printer_refusal(printer)):
        raise PolicyError(refusal)
    if policy_of(store, contest_id) is None:
        raise PolicyError(f"no contest {contest_id!r}")

    def write(db) -> None:
        if during_freeze is not None:
            db.execute("UPDATE contests SET balloons_during_freeze = ? WHERE id = ?",
                       [int(during_freeze), contest_id])
        if printer is not None or no_printer:
            db.execute("UPDATE contests SET printer = ? WHERE id = ?",
                       [None if no_printer else printer, contest_id])
    store.write(write)
    return policy_of(store, contest_id)  # type: ignore[return-value]


def policy_of(store: Store, contest_id: str) -> FloorPolicy | None:
    """The contest's floor settings, None when there is no such contest."""
    rows = store.query("SELECT balloons_during_freeze, printer FROM contests WHERE id = ?",
                       [contest_id])
    return FloorPolicy(bool(rows[0]["balloons_during_freeze"]), rows[0]["printer"]) \
        if rows else None


def printer_of(store: Store, contest_id: str) -> str | None:
    """The contest's CUPS printer, None when printouts go to the print queue."""
    policy = policy_of(store, contest_id)
    return policy.printer if policy else None
