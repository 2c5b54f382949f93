"""The first difference between an output and its answer, as the pages and console mark it."""

from appliance.judging.differences import first_difference, marked


def test_the_first_differing_token_is_found_in_both_texts() -> None:
    found = first_difference("1 2\n3 5\n", "1 2\n3 4\n")
    assert found is not None and found.line == 2
    assert marked("1 2\n3 5\n", found.output_start, found.output_end) == ("1 2\n3 ", "5", "\n")
    assert "1 2\n3 4\n"[found.answer_start:found.answer_end] == "4"


def test_whitespace_alone_is_no_difference() -> None:
    assert first_difference("1  2\r\n", "1 2\n") is None


def test_a_missing_token_is_an_empty_span_at_the_end() -> None:
    found = first_difference("1", "1 2")
    assert found is not None and (found.output_start, found.output_end) == (1, 1)
    assert (found.answer_start, found.answer_end) == (2, 3)
