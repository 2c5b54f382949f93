"""Counts with their nouns: one helper for every message and page."""

from __future__ import annotations

import pytest

from appliance.text.counts import count


@pytest.mark.parametrize(("n", "noun", "said"), [
    (1, "validator", "1 validator"), (2, "validator", "2 validators"),
    (0, "problem", "0 problems"), (1, "try", "1 try"), (3, "try", "3 tries"),
    (2, "judged try", "2 judged tries"), (2, "test case", "2 test cases"),
    (2, "day", "2 days"), (2, "match", "2 matches"), (2, "box", "2 boxes"),
])
def test_one_is_singular_and_every_other_count_plural(n: int, noun: str, said: str) -> None:
    assert count(n, noun) == said


def test_an_irregular_plural_is_given() -> None:
    assert count(2, "child", "children") == "2 children"
    assert count(1, "child", "children") == "1 child"
