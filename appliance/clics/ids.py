"""CLICS ids: strings of letters, digits, `_`, `.` and `-`, at most 36, kept as given."""

from __future__ import annotations

import re

_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,35}")
RULE = "letters, digits, _ . -; at most 36"  # the rule in words, for error messages


def is_id(text: str) -> bool:
    """Whether `text` is a CLICS id (and does not end in a dot, which file names cannot)."""
    return bool(_ID.fullmatch(text)) and not text.endswith(".")
