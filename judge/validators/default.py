"""The default output validator of the ICPC/Kattis problem package format, as a pure function.

Semantics (problem package format 2025-09, "Default output validator specification", which
agrees with Kattis problemtools' default_validator except where noted):

* Both files are bytes, tokenized on runs of the six ASCII whitespace bytes (space, tab, LF,
  CR, vertical tab, form feed). Other bytes, including non-UTF-8 ones, are token content.
* By default whitespace only separates tokens: its amount and kind, and leading or trailing
  whitespace, are ignored. So CRLF and LF line endings are equivalent, as are tabs and spaces.
  With ``space_change_sensitive`` every whitespace run, including the leading and trailing
  ones, must match the answer byte for byte, so CRLF output against an LF answer is wrong.
* String tokens compare byte for byte with ``case_sensitive``; otherwise ASCII ``A``-``Z``
  equal ``a``-``z`` (no other case folding).
* With any float tolerance, an answer token that is a decimal floating-point number (regex
  ``[+-]?(digits.digits | .digits | digits. | digits)([eE][+-]?digits)?``) with a finite
  value is compared numerically. The output token must be such a number too, and is accepted
  if ``|out - ans| <= abs_tol`` or ``|out - ans| <= rel_tol * |ans|`` (only the tolerances
  given apply). Integers are numbers here, so ``2`` and ``2.0000001`` may match.
* Tokens that are not numbers in that sense are strings: ``inf``, ``nan``, ``infinity`` (as
  problemtools, which rejects infinite and NaN values), decimals that overflow to infinity
  such as ``1e400`` (as problemtools), and hexadecimal floats such as ``0x1p3`` (the spec's
  grammar is decimal only; problemtools' strtod would read them as numbers).
* Without a float tolerance every token is a string, so ``1.0`` against ``1`` is wrong.
* Fewer output tokens than answer tokens, or more ("trailing output"), is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["FlagError", "Flags", "Outcome", "flags_to_args", "parse_flags", "validate"]

_WS_BYTES = tuple(bytes([c]) for c in b" \t\n\r\x0b\x0c")
_WS_RUN = re.compile(rb"([ \t\n\r\x0b\x0c]+)")
_TOKEN = re.compile(rb"[^ \t\n\r\x0b\x0c]+")
_FLOAT = re.compile(rb"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SHOW = 60  # characters shown of each token in messages


@dataclass(frozen=True)
class Flags:
    """The default validator's flags (problem.yaml ``validator_flags``)."""

    case_sensitive: bool = False
    space_change_sensitive: bool = False
    float_absolute_tolerance: float | None = None
    float_relative_tolerance: float | None = None


class FlagError(ValueError):
    """A validator flag list that cannot be parsed; the message names the flag."""


@dataclass(frozen=True)
class Outcome:
    """The verdict of one comparison: accepted, or a message naming the first difference."""

    accepted: bool
    message: str


_TOLERANCE_FLAGS = ("float_absolute_tolerance", "float_relative_tolerance", "float_tolerance")


def parse_flags(args: Sequence[str]) -> Flags:
    """Parse validator flags such as ``["float_tolerance", "1e-6", "case_sensitive"]``."""
    if isinstance(args, str):  # a problem.yaml string: split it rather than iterate characters
        args = args.split()
    case_sensitive = space_change_sensitive = False
    tolerances: dict[str, float] = {}
    words = [a for a in args if a.strip()]
    i = 0
    while i < len(words):
        flag = words[i].strip()
        i += 1
        if flag == "case_sensitive":
            case_sensitive = True
        elif flag == "space_change_sensitive":
            space_change_sensitive = True
        elif flag in _TOLERANCE_FLAGS:
            if i == len(words):
                raise FlagError(f"validator flag {flag} needs a number after it")
            text = words[i].strip()
            i += 1
            value = _parse_number(text.encode("ascii", "replace"))
            if value is None or value < 0:
                raise FlagError(
                    f"validator flag {flag}: {text!r} is not a non-negative decimal number"
                )
            if flag in tolerances:
                raise FlagError(f"validator flag {flag} is given more than once")
            tolerances[flag] = value
        else:
            raise FlagError(f"unknown validator flag {flag!r}")
    if "float_tolerance" in tolerances and len(tolerances) > 1:
        raise FlagError(
            "validator flag float_tolerance cannot be combined with "
            "float_absolute_tolerance or float_relative_tolerance"
        )
    both = tolerances.get("float_tolerance")
    return Flags(
        case_sensitive=case_sensitive,
        space_change_sensitive=space_change_sensitive,
        float_absolute_tolerance=tolerances.get("float_absolute_tolerance", both),
        float_relative_tolerance=tolerances.get("float_relative_tolerance", both),
    )


def flags_to_args(flags: Flags) -> list[str]:
    """Turn flags back into an argument list that parse_flags reads as the same flags."""
    args: list[str] = []
    if flags.case_sensitive:
        args.append("case_sensitive")
    if flags.space_change_sensitive:
        args.append("space_change_sensitive")
    abs_tol, rel_tol = flags.float_absolute_tolerance, flags.float_relative_tolerance
    if abs_tol is not None and abs_tol == rel_tol:
        args += ["float_tolerance", repr(float(abs_tol))]
    else:
        if abs_tol is not None:
            args += ["float_absolute_tolerance", repr(float(abs_tol))]
        if rel_tol is not None:
            args += ["float_relative_tolerance", repr(float(rel_tol))]
    return args


def validate(answer: bytes, output: bytes, flags: Flags = Flags()) -> Outcome:
    """Compare a contestant's output with the judge answer under the given flags."""
    answer, output = bytes(answer), bytes(output)
    if answer == output:
        return _ACCEPTED
    fold = not flags.case_sensitive
    answer_key = answer.lower() if fold else answer  # bytes.lower() is ASCII only
    output_key = output.lower() if fold else output
    if answer_key == output_key:
        return _ACCEPTED
    if flags.space_change_sensitive:
        judge_tokens, judge_gaps = _split_keeping_whitespace(answer_key)
        team_tokens, team_gaps = _split_keeping_whitespace(output_key)
    else:
        judge_tokens, team_tokens = answer_key.split(), output_key.split()
        if judge_tokens == team_tokens:
            return _ACCEPTED
        judge_gaps = team_gaps = None
    return _Comparison(answer, output, flags).run(judge_tokens, team_tokens, judge_gaps, team_gaps)


_ACCEPTED = Outcome(True, "")


def _parse_number(token: bytes) -> float | None:
    """The finite value of a decimal floating-point token, or None if it is not one."""
    if _FLOAT.fullmatch(token) is None:
        return None
    value = float(token)
    return value if math.isfinite(value) else None


def _split_keeping_whitespace(data: bytes) -> tuple[list[bytes], list[bytes]]:
    """Tokens and the whitespace runs around them: gaps[i] precedes tokens[i], gaps[-1] ends."""
    parts = _WS_RUN.split(data)
    tokens = parts[0::2]
    gaps = [b"", *parts[1::2], b""]
    # split() yields an empty "token" before leading and after trailing whitespace; drop those
    # and merge the gaps on either side of them.
    if tokens and tokens[-1] == b"":
        tokens.pop()
        gaps[-2:] = [gaps[-2] + gaps[-1]]
    if tokens and tokens[0] == b"":
        tokens.pop(0)
        gaps[0:2] = [gaps[0] + gaps[1]]
    return tokens, gaps


class _Comparison:
    """Finds the first difference between two token lists and words the message."""

    def __init__(self, answer: bytes, output: bytes, flags: Flags) -> None:
        self.answer, self.output, self.flags = answer, output, flags
        self.use_floats = (
            flags.float_absolute_tolerance is not None or flags.float_relative_tolerance is not None
        )

    def run(
        self,
        judge: list[bytes],
        team: list[bytes],
        judge_gaps: list[bytes] | None,
        team_gaps: list[bytes] | None,
    ) -> Outcome:
        self.judge_count, self.team_count = len(judge), len(team)
        n = min(len(judge), len(team))
        for i in self._candidates(judge, team, judge_gaps, team_gaps, n):
            if judge_gaps is not None and team_gaps is not None and judge_gaps[i] != team_gaps[i]:
                return self._whitespace_error(i, judge_gaps[i], team_gaps[i], len(judge))
            if judge[i] != team[i] and not self._numbers_match(judge[i], team[i]):
                return Outcome(False, self._token_error(i))
        if len(team) > n:
            offset, token = _locate(self.output, n, len(team))
            return Outcome(
                False,
                f"trailing output: token {n + 1} (output line {_line(self.output, offset)}) "
                f"{_show(token)} comes after the answer's last token",
            )
        if len(judge) > n:
            offset, token = _locate(self.answer, n, len(judge))
            where = f"token {n + 1} (answer line {_line(self.answer, offset)}) {_show(token)}"
            if not self.output:
                return Outcome(False, f"output is empty; expected {where}")
            if n == 0:
                return Outcome(False, f"output contains only whitespace; expected {where}")
            tokens = "1 token" if n == 1 else f"{n} tokens"
            return Outcome(False, f"output ended after {tokens}; expected {where}")
        if judge_gaps is not None and team_gaps is not None and judge_gaps[n] != team_gaps[n]:
            return self._whitespace_error(n, judge_gaps[n], team_gaps[n], len(judge))
        return _ACCEPTED

    @staticmethod
    def _candidates(
        judge: list[bytes],
        team: list[bytes],
        judge_gaps: list[bytes] | None,
        team_gaps: list[bytes] | None,
        n: int,
    ) -> Iterator[int]:
        """Indices below n where tokens or gaps may differ, skipping equal blocks at C speed."""
        block = 4096
        for start in range(0, n, block):
            end = min(start + block, n)
            if judge[start:end] == team[start:end] and (
                judge_gaps is None
                or team_gaps is None
                or judge_gaps[start:end] == team_gaps[start:end]
            ):
                continue
            yield from range(start, end)

    def _numbers_match(self, judge_token: bytes, team_token: bytes) -> bool:
        """Whether a float tolerance accepts team_token for judge_token (both may be folded)."""
        if not self.use_floats:
            return False
        expected = _parse_number(judge_token)
        got = _parse_number(team_token)
        if expected is None or got is None:
            return False
        error = abs(got - expected)
        abs_tol = self.flags.float_absolute_tolerance
        rel_tol = self.flags.float_relative_tolerance
        return (abs_tol is not None and error <= abs_tol) or (
            rel_tol is not None and error <= rel_tol * abs(expected)
        )

    def _token_error(self, i: int) -> str:
        """The message for token i (0-based), which differs and is not accepted."""
        judge_offset, judge_token = _locate(self.answer, i, self.judge_count)
        team_offset, team_token = _locate(self.output, i, self.team_count)
        where = (
            f"token {i + 1} (output line {_line(self.output, team_offset)}, "
            f"answer line {_line(self.answer, judge_offset)})"
        )
        expected = _parse_number(judge_token) if self.use_floats else None
        if expected is None:
            shown_judge, shown_team = _show_pair(judge_token, team_token)
            message = f"{where}: expected {shown_judge}, got {shown_team}"
            if judge_token.lower() == team_token.lower():
                message += " (differs only in case)"
            return message
        got = _parse_number(team_token)
        if got is None:
            return f"{where}: expected a number like {_show(judge_token)}, got {_show(team_token)}"
        abs_tol = self.flags.float_absolute_tolerance
        rel_tol = self.flags.float_relative_tolerance
        error = abs(got - expected)
        details = []
        if abs_tol is not None:
            details.append(f"absolute error {error:.6g} > {abs_tol:g}")
        if rel_tol is not None:
            relative = error / abs(expected) if expected else math.inf
            details.append(f"relative error {relative:.6g} > {rel_tol:g}")
        shown = f"expected {_show(judge_token)}, got {_show(team_token)}"
        return f"{where}: {shown}; {', '.join(details)}"

    def _whitespace_error(self, i: int, judge_gap: bytes, team_gap: bytes, count: int) -> Outcome:
        judge_start = _gap_start(self.answer, i, judge_gap, self.judge_count)
        team_start = _gap_start(self.output, i, team_gap, self.team_count)
        where = "at the end" if i == count else f"before token {i + 1}"
        skip = max(0, _common_prefix(judge_gap, team_gap) - 8) if len(judge_gap) > 16 else 0
        return Outcome(
            False,
            f"whitespace {where} (output line {_line(self.output, team_start)}, "
            f"answer line {_line(self.answer, judge_start)}) differs: "
            f"expected {_show_whitespace(judge_gap, skip)}, got {_show_whitespace(team_gap, skip)}",
        )


def _locate(data: bytes, i: int, count: int) -> tuple[int, bytes]:
    """Offset and bytes of token i (0-based) of data, which has count tokens, i < count."""
    # bytes.split/rsplit with maxsplit stay in C and stop early; split from the nearer end.
    if i <= count // 2:
        start = len(data) - len(data.split(None, i)[-1])
    else:
        head = data.rsplit(None, count - 1 - i)[0]  # ends with token i
        start = 1 + max(head.rfind(c) for c in _WS_BYTES)
    match = _TOKEN.match(data, start)
    assert match is not None
    return start, match.group()


def _gap_start(data: bytes, i: int, gap: bytes, count: int) -> int:
    """Offset in data of whitespace run i, which precedes token i or, if i == count, ends data."""
    end = _locate(data, i, count)[0] if i < count else len(data)
    return end - len(gap)


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


def _show(token: bytes, start: int = 0) -> str:
    """token[start:] for a message: quoted, non-UTF-8 bytes escaped, about 60 characters."""
    text = _text(token[start : start + 4 * _SHOW])  # an escaped byte takes 4 characters
    head = "..." if start else ""
    room = _SHOW - len(head)
    if len(text) > room or len(token) - start > 4 * _SHOW:
        text = text[: room - 3] + "..."
    return f'"{head}{text}"'


def _show_pair(a: bytes, b: bytes) -> tuple[str, str]:
    """Two differing tokens for a message, cut to a window around their first difference."""
    if len(a) <= _SHOW and len(b) <= _SHOW:
        return _show(a), _show(b)
    start = max(0, _common_prefix(a.lower(), b.lower()) - 20)
    return _show(a, start), _show(b, start)


def _common_prefix(a: bytes, b: bytes) -> int:
    """Length of the common prefix, by bisection on slices to stay out of per-byte loops."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _show_whitespace(gap: bytes, start: int = 0) -> str:
    """gap[start:] for a message, escaped (\\n, \\t, ...) and cut to about 60 characters."""
    text = gap[start : start + _SHOW].decode("ascii").encode("unicode_escape").decode("ascii")
    head = "..." if start else ""
    room = _SHOW - len(head)
    if len(text) > room or len(gap) - start > _SHOW:
        text = text[: room - 3] + "..."
    return f'"{head}{text}"'
