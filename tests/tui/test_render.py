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
