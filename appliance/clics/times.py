"""CLICS times as text: TIME (an ISO 8601 moment, to the millisecond) and RELTIME
(`(-)h:mm:ss(.uuu)`, a duration or a contest time). Pure; every part reads and writes them
here."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_RELTIME = re.compile(r"(-)?(\d+):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?")


def iso_time(ts: float) -> str:
    """A Unix time as CLICS TIME text (ISO 8601, milliseconds, UTC)."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")


def abstime(moment: datetime) -> str:
    """An aware datetime as a CLICS TIME, to the millisecond, with its offset."""
    return moment.isoformat(timespec="milliseconds")


def reltime(seconds: float, *, millis: bool = True) -> str:
    """Seconds as CLICS RELTIME text: 3723.5 -> "1:02:03.500". With `millis=False` the
    fraction is written only when there is one (3723 -> "1:02:03"), as contest packages do."""
    total = round(seconds * 1000)
    sign, total = ("-", -total) if total < 0 else ("", total)
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, fraction = divmod(rest, 1000)
    text = f"{sign}{hours}:{minutes:02d}:{whole:02d}"
    return f"{text}.{fraction:03d}" if millis or fraction else text


def parse_reltime(text: str) -> float:
    """Seconds of a CLICS RELTIME `(-)h:mm:ss(.uuu)`; raises ValueError on anything else."""
    match = _RELTIME.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time h:mm:ss or h:mm:ss.uuu")
    sign, hours, minutes, seconds, fraction = match.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    total += int((fraction or "0").ljust(3, "0")) / 1000
    return -total if sign else total


def parse_time(text: str) -> datetime:
    """A CLICS TIME (ISO 8601 with its offset from UTC, `Z` allowed) as an aware datetime;
    raises ValueError naming what is wrong."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 time like 2024-05-01T10:00:00+02")\
            from None
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} needs its offset from UTC, e.g. +02:00 or Z")
    return moment
