"""A count with its noun in the right number ("1 validator", "2 validators"): one helper for
every message, table title and page that counts things."""

from __future__ import annotations

import re


def plural(noun: str) -> str:
    """The English plural of a regular noun (`try` -> `tries`, `match` -> `matches`); the
    last word of a phrase is the one that changes (`test case` -> `test cases`)."""
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def count(n: int, noun: str, many: str | None = None) -> str:
    """`n` and the noun, singular for exactly one; `many` for an irregular plural."""
    return f"{n} {noun if n == 1 else many or plural(noun)}"
