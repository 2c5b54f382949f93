"""Where a program's output first differs from the answer, token by token as the default
output validator compares (whitespace separates tokens and otherwise does not matter), so
the jury's pages, the console and a team's feedback mark the same place. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\S+")
SHOWN = 64 * 1024  # bytes of an output, an answer or an input shown beside each other


@dataclass(frozen=True)
class Difference:
    """The first differing token: its span in the output and in the answer (an empty span
    at the end where one text ran out), and its line (from 1) in the output."""

    output_start: int
    output_end: int
    answer_start: int
    answer_end: int
    line: int


def first_difference(output: str, answer: str) -> Difference | None:
    """The first token where `output` and `answer` differ; None when they agree."""
    outs, answers = _TOKEN.finditer(output), _TOKEN.finditer(answer)
    while True:
        mine, theirs = next(outs, None), next(answers, None)
        if mine is None and theirs is None:
            return None
        if mine is None or theirs is None or mine.group() != theirs.group():
            o_start, o_end = (mine.start(), mine.end()) if mine else (len(output),) * 2
            a_start, a_end = (theirs.start(), theirs.end()) if theirs else (len(answer),) * 2
            return Difference(o_start, o_end, a_start, a_end,
                              output.count("\n", 0, o_start) + 1)


def marked(text: str, start: int, end: int) -> tuple[str, str, str]:
    """`text` cut around a span: before, the span, after (a page marks the middle)."""
    return text[:start], text[start:end], text[end:]


def difference_json(output: str, answer: str) -> dict | None:
    """The first difference as JSON (what the console and the API read), None if none."""
    found = first_difference(output, answer)
    return None if found is None else vars(found)


def text_head(path: Path, limit: int = SHOWN) -> str:
    """The start of a test file (an input, an answer) as text, as much as is shown of an
    output."""
    with path.open("rb") as f:
        return f.read(limit).decode("utf-8", "replace")
