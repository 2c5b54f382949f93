"""Specification tests for the default output validator (judge.validators.default)."""

from __future__ import annotations

import random
import re

import pytest

from judge.validators.default import (
    FlagError,
    Flags,
    Outcome,
    flags_to_args,
    parse_flags,
    validate,
)


def case(flags: str, answer: bytes, output: bytes, accepted: bool, spec: str):
    """One table row: validator flags, judge answer, contestant output, expected verdict."""
    return pytest.param(flags, answer, output, accepted, id=spec)


CASES = [
    # --- whitespace, default (lenient) mode
    case("", b"1 2 3\n", b"1 2 3\n", True, "identical output is accepted"),
    case("", b"1 2 3\n", b"1 2 3", True, "missing trailing newline is accepted"),
    case("", b"1 2 3", b"1 2 3\n\n\n", True, "extra trailing newlines are accepted"),
    case("", b"1 2 3\n", b"   1 2 3\n", True, "leading whitespace is accepted"),
    case("", b"1 2 3\n", b"1\t2\t\t3\n", True, "tabs instead of spaces are accepted"),
    case("", b"1 2\n3\n", b"1\n2 3\n", True, "line breaks may move between tokens"),
    case("", b"1 2\n3\n", b"1 2\r\n3\r\n", True, "CRLF line endings are accepted"),
    case("", b"1 2\n", b"1\x0b2\x0c\n", True, "vertical tab and form feed are whitespace"),
    case("", b"12\n", b"1 2\n", False, "whitespace may not split a token"),
    case("", b"1 2\n", b"12\n", False, "whitespace may not be dropped between tokens"),
    case("", b"1\xa02\n", b"1 2\n", False, "non-ASCII bytes are not whitespace"),
    # --- whitespace, space_change_sensitive
    case("space_change_sensitive", b"1 2\n", b"1 2\n", True, "strict: identical is accepted"),
    case("space_change_sensitive", b"1 2\n", b"1 2", False, "strict: missing final newline"),
    case("space_change_sensitive", b"1 2\n", b"1 2\n\n", False, "strict: extra final newline"),
    case("space_change_sensitive", b"1 2\n", b" 1 2\n", False, "strict: extra leading space"),
    case("space_change_sensitive", b"1 2\n", b"1  2\n", False, "strict: two spaces for one"),
    case("space_change_sensitive", b"1 2\n", b"1\t2\n", False, "strict: tab for space"),
    case("space_change_sensitive", b"1\n2\n", b"1 2\n", False, "strict: space for newline"),
    case("space_change_sensitive", b"1\n2\n", b"1\r\n2\r\n", False, "strict: CRLF for LF"),
    case("space_change_sensitive", b"1\r\n", b"1\r\n", True, "strict: CRLF answer, CRLF output"),
    case("space_change_sensitive", b"", b"", True, "strict: empty is empty"),
    case("space_change_sensitive", b"", b"\n", False, "strict: newline for empty answer"),
    case("space_change_sensitive", b"A b\n", b"a B\n", True, "strict spacing, lenient case"),
    case("space_change_sensitive", b"1 2\n", b"1 2 3\n", False, "strict: trailing output"),
    # --- case
    case("", b"Yes\n", b"yes\n", True, "case-insensitive by default"),
    case("", b"POSSIBLE\n", b"pOsSiBlE\n", True, "any mix of case matches"),
    case("case_sensitive", b"Yes\n", b"yes\n", False, "case_sensitive rejects other case"),
    case("case_sensitive", b"Yes\n", b"Yes\n", True, "case_sensitive accepts same case"),
    case("", b"\xc3\x89t\xc3\xa9\n", b"\xc3\xa9T\xc3\xa9\n", False, "case folding is ASCII only"),
    # --- no tolerance: numbers are strings
    case("", b"1.0\n", b"1\n", False, "without tolerance 1.0 differs from 1"),
    case("", b"0.5\n", b".5\n", False, "without tolerance .5 differs from 0.5"),
    case("", b"1E5\n", b"1e5\n", True, "without tolerance tokens still match up to case"),
    case("case_sensitive", b"1E5\n", b"1e5\n", False, "case_sensitive 1E5 differs from 1e5"),
    # --- absolute tolerance
    case("float_absolute_tolerance 0.5", b"1.0\n", b"1.5\n", True, "abs: exactly at bound"),
    case("float_absolute_tolerance 0.5", b"1.0\n", b"0.5\n", True, "abs: at bound below"),
    case("float_absolute_tolerance 0.5", b"1.0\n", b"1.5000001\n", False, "abs: just over"),
    case("float_absolute_tolerance 0.5", b"1.0\n", b"0.4999999\n", False, "abs: just under"),
    case("float_absolute_tolerance 0.5", b"1000\n", b"1000.75\n", False, "abs: no relative help"),
    case("float_absolute_tolerance 1e-6", b"0\n", b"-0.000001\n", True, "abs: near zero"),
    case("float_absolute_tolerance 0", b"2.5\n", b"2.50\n", True, "abs zero: equal values"),
    # --- relative tolerance
    case("float_relative_tolerance 0.5", b"2\n", b"3\n", True, "rel: exactly at bound"),
    case("float_relative_tolerance 0.5", b"-2\n", b"-1\n", True, "rel: negative answer"),
    case("float_relative_tolerance 0.5", b"2\n", b"3.0000001\n", False, "rel: just over"),
    case("float_relative_tolerance 0.5", b"0\n", b"0.0000001\n", False, "rel: zero needs exact"),
    case("float_relative_tolerance 0.5", b"0\n", b"-0.0\n", True, "rel: zero equals minus zero"),
    case("float_relative_tolerance 1e-6", b"1e9\n", b"1000000999\n", True, "rel: large value"),
    # --- both tolerances: either suffices
    case("float_tolerance 0.5", b"1\n", b"1.5\n", True, "both: within absolute"),
    case("float_tolerance 0.5", b"100\n", b"150\n", True, "both: within relative only"),
    case("float_tolerance 0.5", b"100\n", b"150.0001\n", False, "both: over both"),
    case("float_tolerance 0.5", b"0.25\n", b"0.75\n", True, "both: within absolute only"),
    case("float_tolerance 0.5", b"0.25\n", b"0.7500001\n", False, "both: just over absolute"),
    case(
        "float_absolute_tolerance 0.5 float_relative_tolerance 0.25",
        b"4\n",
        b"5\n",
        True,
        "separate tolerances: relative accepts",
    ),
    case(
        "float_absolute_tolerance 0.5 float_relative_tolerance 0.25",
        b"1\n",
        b"1.5\n",
        True,
        "separate tolerances: absolute accepts",
    ),
    case(
        "float_absolute_tolerance 0.5 float_relative_tolerance 0.25",
        b"1\n",
        b"1.75\n",
        False,
        "separate tolerances: neither accepts",
    ),
    # --- float token forms
    case("float_tolerance 1e-6", b"0.0314\n", b"3.14000000e-2\n", True, "exponent accepted"),
    case("float_tolerance 1e-6", b"3.14E-2\n", b"0.0314\n", True, "capital E in the answer"),
    case("float_tolerance 1e-6", b"1e3\n", b"+1000.\n", True, "plus sign and trailing point"),
    case("float_tolerance 1e-6", b"0.5\n", b".5\n", True, "leading point"),
    case("float_tolerance 1e-6", b"2\n", b"2.0000000001\n", True, "integer answer is a float"),
    case("float_tolerance 1e-6", b"2\n", b"2.0\n", True, "integer answer, float output"),
    case("float_tolerance 1e-6", b"2\n", b"3\n", False, "integer answer, wrong integer"),
    case("float_tolerance 1e-6", b"1.5\n", b"abc\n", False, "float answer, word output"),
    case("float_tolerance 1e-6", b"1.5\n", b"1.5x\n", False, "float answer, number with junk"),
    case("float_tolerance 1e-6", b"1.5\n", b"1,5\n", False, "decimal comma is not a number"),
    case("float_tolerance 1e-6", b"1.5\n", b"0x1.8p0\n", False, "hex float is not a number"),
    case("float_tolerance 1e-6", b"1.5\n", b"inf\n", False, "inf is not a number"),
    case("float_tolerance 1e-6", b"1.5\n", b"nan\n", False, "nan is not a number"),
    case("float_tolerance 1e-6", b"1.5\n", b"1e400\n", False, "overflowing output"),
    case("float_tolerance 1e-6", b"1\n", b"1e\n", False, "dangling exponent"),
    case("float_tolerance 1e-6", b"1\n", b"1_0\n", False, "underscores are not digits"),
    case("float_tolerance 1e-6", b"1.5\n", b"\n", False, "float answer, no output"),
    case("float_tolerance 1e-6", b"nan\n", b"NaN\n", True, "nan answer is a string"),
    case("float_tolerance 1e-6", b"nan\n", b"nanx\n", False, "nan answer, other string"),
    case("float_tolerance 1e-6", b"inf\n", b"1e400\n", False, "inf answer is a string"),
    case("float_tolerance 1e-6", b"1e400\n", b"1E400\n", True, "overflowing answer: string"),
    case("float_tolerance 1e-6", b"1e400\n", b"2e400\n", False, "overflowing answer mismatch"),
    case("float_tolerance 1e-6", b"0x10\n", b"16\n", False, "hex answer is a string"),
    # --- string tokens when the answer token is not a float
    case("float_tolerance 0.5", b"Case #1: 3.0\n", b"case #1: 3.2\n", True, "mixed tokens"),
    case("float_tolerance 0.5", b"Case #1: 3.0\n", b"Case #2: 3.0\n", False, "string mismatch"),
    case("float_tolerance 0.5", b"abc\n", b"1\n", False, "number for a word"),
    case("float_tolerance 0.5", b"1.0.0\n", b"1.0\n", False, "version string is a string"),
    case("case_sensitive float_tolerance 1", b"YES 2\n", b"yes 2\n", False, "case with floats"),
    # --- empty answer / output
    case("", b"", b"", True, "empty answer, empty output"),
    case("", b"", b"\n  \n", True, "empty answer, whitespace output"),
    case("", b"\n", b"", True, "whitespace answer, empty output"),
    case("", b"", b"0\n", False, "empty answer, one token is trailing output"),
    case("", b"42\n", b"", False, "empty output"),
    case("", b"42\n", b"\n", False, "whitespace-only output"),
    # --- missing and trailing output
    case("", b"1 2 3\n", b"1 2\n", False, "output ends early"),
    case("", b"1 2 3\n", b"1 2 3 4\n", False, "trailing token"),
    case("", b"1 2 3\n", b"1 2 3\n\n.\n", False, "trailing punctuation after blank line"),
    case("", b"1 2 3\n", b"1 2 3\x00\n", False, "trailing NUL byte is a token"),
    case("float_tolerance 1", b"1\n", b"1 1\n", False, "trailing output with tolerance"),
    # --- bytes that are not UTF-8
    case("", b"\xff\xfe x\n", b"\xff\xfe x\n", True, "non-UTF-8 identical"),
    case("", b"\xff\xfe x\n", b"\xff\xfe  X\n", True, "non-UTF-8 with case and space"),
    case("", b"\xff\xfe\n", b"\xff\xfd\n", False, "non-UTF-8 differing"),
    case("case_sensitive", b"\xe9\n", b"\xc9\n", False, "Latin-1 bytes do not fold"),
    case("float_tolerance 1e-6", b"1\n", b"\xff\n", False, "non-UTF-8 for a number"),
]


@pytest.mark.parametrize(("flags", "answer", "output", "accepted"), CASES)
def test_verdict(flags: str, answer: bytes, output: bytes, accepted: bool) -> None:
    outcome = validate(answer, output, parse_flags(flags.split()))
    assert isinstance(outcome, Outcome)
    assert outcome.accepted is accepted, outcome.message
    if accepted:
        assert outcome.message == ""
    else:
        assert outcome.message


MESSAGES = [
    pytest.param("", b"1 2 apple\n", b"1 2 banana\n", ["token 3", "apple", "banana"], id="word"),
    pytest.param("", b"a\nb\nc\n", b"a\nb\nd\n", ["token 3", "line 3", '"c"', '"d"'], id="line"),
    pytest.param("case_sensitive", b"Yes\n", b"yes\n", ["Yes", "yes", "case"], id="case"),
    pytest.param(
        "float_tolerance 1e-6", b"1 1.5\n", b"1 1.6\n", ["token 2", "1.5", "1.6"], id="float"
    ),
    pytest.param(
        "float_absolute_tolerance 1e-6", b"1.5\n", b"xyz\n", ["number", "1.5", "xyz"], id="nan"
    ),
    pytest.param("", b"1 2\n", b"1 2 surplus\n", ["trailing", "token 3", "surplus"], id="trail"),
    pytest.param("", b"1 2 3\n", b"1\n", ["ended", "token 2", '"2"'], id="missing"),
    pytest.param("", b"need\n", b"", ["empty", "need"], id="empty"),
    pytest.param(
        "space_change_sensitive", b"1 2\n", b"1\t2\n", ["whitespace", "token 2", "\\t"], id="ws"
    ),
    pytest.param("space_change_sensitive", b"1\n", b"1\r\n", ["\\r\\n", "end"], id="crlf"),
    pytest.param("", b"\xff\n", b"\xfe\n", ["\\xff", "\\xfe"], id="bytes"),
]


@pytest.mark.parametrize(("flags", "answer", "output", "fragments"), MESSAGES)
def test_message_names_the_difference(
    flags: str, answer: bytes, output: bytes, fragments: list[str]
) -> None:
    outcome = validate(answer, output, parse_flags(flags.split()))
    assert not outcome.accepted
    for fragment in fragments:
        assert fragment in outcome.message


def test_message_truncates_long_tokens_around_the_difference() -> None:
    answer = b"x" * 5000 + b"A" + b"y" * 5000 + b"\n"
    output = b"x" * 5000 + b"B" + b"y" * 5000 + b"\n"
    message = validate(answer, output).message
    assert "A" in message and "B" in message
    assert len(message) < 250


def test_message_line_numbers_count_the_output_and_the_answer_separately() -> None:
    message = validate(b"1 2 3 4\n", b"1\n2\n3\n5\n").message
    assert "token 4" in message
    assert "output line 4" in message and "answer line 1" in message


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("seed", range(12))
def test_message_reports_the_right_token_and_lines_anywhere_in_the_output(
    seed: int, strict: bool
) -> None:
    rng = random.Random(seed)
    count = rng.randint(1, 300)
    tokens = [f"t{k}".encode() for k in range(count)]

    def render(tokens: list[bytes]) -> bytes:
        lead = rng.choice([b"", b"\n ", b" "])
        return lead + b"".join(t + rng.choice([b" ", b"\n", b"\t", b"  \n "]) for t in tokens)

    wrong = rng.randrange(count)
    answer = render(tokens)
    output = render([b"WRONG" if k == wrong else t for k, t in enumerate(tokens)])
    if strict:  # same whitespace, so the token is the first difference
        output = re.sub(rb"(?<!\S)t%d(?!\S)" % wrong, b"WRONG", answer)
    message = validate(answer, output, Flags(space_change_sensitive=strict)).message
    output_line = output[: output.index(b"WRONG")].count(b"\n") + 1
    answer_start = re.search(rb"(?<!\S)t%d(?!\S)" % wrong, answer).start()
    answer_line = answer[:answer_start].count(b"\n") + 1
    assert f"token {wrong + 1} (output line {output_line}, answer line {answer_line})" in message
    assert f'expected "t{wrong}", got "WRONG"' in message


def test_default_flags_are_lenient_without_tolerance() -> None:
    assert validate(b"Hello  World\n", b"hello world") == Outcome(True, "")
    assert not validate(b"1.0\n", b"1\n").accepted


def test_bytes_like_inputs_are_accepted() -> None:
    assert validate(bytearray(b"1 2\n"), memoryview(b"1 2")).accepted


def test_multi_megabyte_output_is_accepted() -> None:
    numbers = range(400_000)
    answer = "\n".join(f"{i} {i * 0.5:.6f}" for i in numbers).encode() + b"\n"
    output = "\r\n".join(f"{i}\t{i * 0.5 + 1e-9:.9f}" for i in numbers).encode()
    assert len(output) > 5_000_000
    assert validate(answer, answer.replace(b"\n", b" \n")).accepted
    assert validate(answer, output, parse_flags(["float_tolerance", "1e-6"])).accepted
    strict = parse_flags(["space_change_sensitive"])
    assert validate(answer, answer.upper(), strict).accepted
    tail_wrong = answer[:-2] + b"7\n"
    outcome = validate(answer, tail_wrong, strict)
    assert not outcome.accepted and "token 800000" in outcome.message


# --- flags


@pytest.mark.parametrize(
    ("args", "flags"),
    [
        pytest.param("", Flags(), id="no flags"),
        pytest.param("case_sensitive", Flags(case_sensitive=True), id="case_sensitive"),
        pytest.param(
            "space_change_sensitive", Flags(space_change_sensitive=True), id="space_change"
        ),
        pytest.param(
            "float_tolerance 1e-6",
            Flags(float_absolute_tolerance=1e-6, float_relative_tolerance=1e-6),
            id="float_tolerance sets both",
        ),
        pytest.param(
            "float_absolute_tolerance 0.001",
            Flags(float_absolute_tolerance=0.001),
            id="absolute only",
        ),
        pytest.param(
            "float_relative_tolerance 1E-4 case_sensitive",
            Flags(case_sensitive=True, float_relative_tolerance=1e-4),
            id="relative and case",
        ),
        pytest.param(
            "float_relative_tolerance .5 float_absolute_tolerance 2",
            Flags(float_absolute_tolerance=2.0, float_relative_tolerance=0.5),
            id="both separately",
        ),
        pytest.param("case_sensitive case_sensitive", Flags(case_sensitive=True), id="repeat"),
    ],
)
def test_parse_flags(args: str, flags: Flags) -> None:
    assert parse_flags(args.split()) == flags


def test_parse_flags_accepts_a_problem_yaml_string() -> None:
    assert parse_flags("float_tolerance  1e-6 case_sensitive") == parse_flags(
        ["float_tolerance", "1e-6", "case_sensitive"]
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        pytest.param("case_insensitive", "case_insensitive", id="unknown flag"),
        pytest.param("float_tolerance", "float_tolerance", id="missing number"),
        pytest.param("case_sensitive float_absolute_tolerance", "float_absolute", id="at end"),
        pytest.param("float_relative_tolerance abc", "float_relative_tolerance", id="not number"),
        pytest.param("float_tolerance -1e-6", "float_tolerance", id="negative"),
        pytest.param("float_tolerance nan", "float_tolerance", id="nan"),
        pytest.param("float_tolerance inf", "float_tolerance", id="inf"),
        pytest.param("float_tolerance 1e-6x", "float_tolerance", id="junk after number"),
        pytest.param("float_tolerance 1e-6 1e-7", "1e-7", id="stray number"),
        pytest.param(
            "float_tolerance 1 float_tolerance 2", "float_tolerance", id="float_tolerance twice"
        ),
        pytest.param(
            "float_tolerance 1 float_absolute_tolerance 2",
            "float_tolerance",
            id="float_tolerance with absolute",
        ),
        pytest.param(
            "float_relative_tolerance 1 float_relative_tolerance 2",
            "float_relative_tolerance",
            id="relative twice",
        ),
    ],
)
def test_parse_flags_errors_name_the_flag(args: str, named: str) -> None:
    with pytest.raises(FlagError, match=named):
        parse_flags(args.split())


def test_flag_error_is_a_value_error() -> None:
    assert issubclass(FlagError, ValueError)


@pytest.mark.parametrize(
    "flags",
    [
        Flags(),
        Flags(case_sensitive=True, space_change_sensitive=True),
        Flags(float_absolute_tolerance=1e-6, float_relative_tolerance=1e-6),
        Flags(float_absolute_tolerance=0.1),
        Flags(float_relative_tolerance=1 / 3),
        Flags(float_absolute_tolerance=0.0, float_relative_tolerance=1e-9),
        Flags(case_sensitive=True, float_absolute_tolerance=2.5, float_relative_tolerance=1e300),
    ],
)
def test_flags_to_args_round_trips(flags: Flags) -> None:
    args = flags_to_args(flags)
    assert all(isinstance(a, str) for a in args)
    assert parse_flags(args) == flags


def test_flags_to_args_uses_float_tolerance_for_equal_tolerances() -> None:
    flags = Flags(float_absolute_tolerance=1e-6, float_relative_tolerance=1e-6)
    assert flags_to_args(flags) == ["float_tolerance", "1e-06"]
    assert flags_to_args(Flags()) == []
