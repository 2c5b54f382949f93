"""How the console draws a similar pair (pure)."""

from __future__ import annotations

from tui import render


def test_a_source_is_numbered_with_its_matching_lines_marked() -> None:
    text = render.marked_source("a = 1\nb = 2\nc = 3\nd = 4\n", [(2, 3)], style="reverse")
    assert text.plain.splitlines() == ["1 a = 1", "2 b = 2", "3 c = 3", "4 d = 4"]
    marked = {text.plain[span.start:span.end] for span in text.spans if span.style == "reverse"}
    assert marked == {"b = 2", "c = 3"}


def test_a_pair_row_names_both_sides_and_colours_a_likely_copy() -> None:
    side = {"submission_id": "7", "team_id": "t1", "language_id": "cpp", "matched_lines": 30}
    pair = {"similarity": 0.93, "a": side, "b": {**side, "submission_id": "9", "team_id": "t2",
                                                  "matched_lines": 28},
            "regions": [{"a": [1, 30], "b": [2, 29], "tokens": 300}]}
    cells = render.pair_cells(pair, "A", {"t1": "Null Pointers", "t2": "Heap Heroes"}.get)
    assert [c.plain for c in cells] == ["A", "93%", "#7 Null Pointers (cpp)",
                                        "#9 Heap Heroes (cpp)", "30/28", "1"]
    assert cells[1].style == "bold red"


def test_table_cells_are_plain_text_whatever_brackets_they_hold() -> None:
    styled = render.verdict("WA")
    cells = render.plain("[red]team[/red]", "a [/b] reason", styled)
    assert [c.plain for c in cells] == ["[red]team[/red]", "a [/b] reason", "WA"]
    assert not cells[0].spans and cells[2] is styled


def test_a_message_preview_is_its_first_line_marked_when_there_is_more() -> None:
    assert render.first_line("  ok\n", 10) == "ok"
    assert render.first_line("a long message", 6) == "a lon…"
    assert render.first_line("first\nsecond", 10) == "first …"
    assert render.first_line("", 10) == ""


SCORE_ROW = {"rank": 1, "team_id": "t1", "score": {"score": 125.0, "time": "0:42:00"},
             "problems": [{"problem_id": "a", "num_judged": 2, "num_pending": 0, "score": 85.0,
                           "time": "0:42:00"},
                          {"problem_id": "b", "num_judged": 1, "num_pending": 1, "score": 100.0,
                           "time": "0:10:00"},
                          {"problem_id": "c", "num_judged": 1, "num_pending": 0, "score": 0},
                          {"problem_id": "d", "num_judged": 0, "num_pending": 2, "score": 0}]}


def test_a_score_row_shows_scores_coloured_by_their_share_of_the_maximum() -> None:
    cells = render.row_cells(SCORE_ROW, "Team 1", {("t1", "b")},
                             {"a": 100.0, "b": 100.0, "c": 40.0, "d": 60.0})
    assert [c.plain for c in cells] == ["1", "Team 1", "125", "42", "85", "100 ?1", "0", "?2"]
    assert [str(c.style) for c in cells[4:]] == ["yellow", "bold white on dark_green", "red",
                                                 "bold yellow"]
    assert render.score_cell({"num_judged": 1, "num_pending": 0, "score": 10.0}, 60.0,
                             False).style == "dark_orange"
    assert render.score_text(33.333333) == "33.33" and render.score_text(40.0) == "40"


def test_a_scored_judgement_names_its_subtasks() -> None:
    assert render.subtasks_text({"score": 85.0, "subtask_scores": {
        "secret/g1": 40.0, "secret/g2": 45.0}}) == "  score 85: g1 40, g2 45"
    assert render.subtasks_text({"score": None}) == ""
