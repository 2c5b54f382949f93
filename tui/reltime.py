"""The client side of CLICS RELTIME: the text `(-)h:mm:ss(.uuu)` the API gives, as seconds."""

from __future__ import annotations

import re

_RELTIME = re.compile(r"(-)?(\d+):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?")


def parse_reltime(text: str) -> float:
    """Seconds of a RELTIME ("1:05:00.000" -> 3900.0); raises ValueError on anything else."""
    match = _RELTIME.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time h:mm:ss or h:mm:ss.uuu")
    sign, hours, minutes, whole, fraction = match.groups()
    millis = int((fraction or "0").ljust(3, "0"))
    total = int(hours) * 3600 + int(minutes) * 60 + int(whole) + millis / 1000
    return -total if sign else total
