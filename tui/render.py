"""How the console shows things: scoreboard cells and rows, verdicts, times, and every string
a team or a package wrote as plain text with its control characters made visible. Pure (rich
`Text` in, no I/O), so the look is tested without a server or a terminal."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from rich.text import Text

from tui.reltime import parse_reltime

VERDICT_STYLES = {"AC": "bold green", "WA": "bold red", "TLE": "bold magenta",
                  "MLE": "bold magenta", "OLE": "bold magenta", "RTE": "bold yellow",
                  "CE": "cyan", "JE": "bold white on red"}
SPARKS = "▁▂▃▄▅▆▇█"
# What a terminal would obey rather than show: C0 but newline and tab, DEL, C1, and the
# bidirectional overrides that make a line read otherwise than it runs.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char < "\x20":
        return chr(0x2400 + ord(char))  # the control pictures: ␛ for ESC, ␇ for BEL
    if char == "\x7f":
        return "\u2421"  # ␡
    return f"\\x{ord(char):02x}" if char <= "\x9f" else f"\\u{ord(char):04x}"


def visible(text: str) -> str:
    """Text from a team or a package with every control character shown, never obeyed: an
    escape sequence in a clarification or a source cannot clear the judge's screen, set its
    title or write its clipboard (CRLF line ends are read as line ends)."""
    return _CONTROL.sub(_shown, text.replace("\r\n", "\n"))


def text(value: str, style: str = "") -> Text:
    """A team's or a package's string as plain `Text`: never read as markup (a "[/]" shows
    as it is), its control characters visible."""
    return Text(visible(value), style=style)


def marked(value: str, start: int | None, end: int | None,
           style: str = "bold black on yellow") -> Text:
    """A team's output or an answer as plain `Text` with one span marked (the first
    difference, as the server found it in the raw text; an empty span at the end marks
    where one ran out); no span when `start` is None."""
    if start is None or end is None:
        return text(value)
    shown = Text(visible(value[:start]))
    shown.append(visible(value[start:end]) or "⏎", style=style)
    shown.append(visible(value[end:]))
    return shown


def minutes(reltime: str | None) -> int | None:
    """Whole minutes of a CLICS RELTIME ("1:05:00.000" -> 65)."""
    if not reltime:
        return None
    return int(parse_reltime(reltime) / 60)  # toward zero, like the minutes shown


def clock_text(seconds: float | None) -> str:
    if seconds is None:
        return "--:--:--"
    whole = int(max(0, seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def verdict(verdict_id: str | None) -> Text:
    if verdict_id is None:
        return Text("…", style="dim")
    return Text(verdict_id, style=VERDICT_STYLES.get(verdict_id, "bold"))


def plain(*values: str | Text) -> list[Text]:
    """Table cells as plain text: a DataTable reads a str cell as markup, so a team's name,
    a reason or a message with "[red]" or "[/]" in it would be styled or refused."""
    return [value if isinstance(value, Text) else text(value) for value in values]


def first_line(text: str, width: int) -> str:
    """A message's first line in at most `width` columns, "…" when there is more."""
    lines = text.strip().splitlines() or [""]
    line = lines[0]
    if len(line) > width:
        return line[:width - 1] + "…"
    return line + (" …" if len(lines) > 1 else "")


def cell(problem: dict, first: bool) -> Text:
    """One scoreboard cell: minutes and tries when solved (first to solve stands out), tries
    and pending ones otherwise, blank when untouched."""
    judged, pending = problem["num_judged"], problem["num_pending"]
    if problem.get("solved"):
        tries = f"/{judged}" if judged > 1 else ""
        return Text(f"{minutes(problem.get('time'))}{tries}",
                    style="bold white on dark_green" if first else "green")
    if pending:
        return Text(f"?{judged + pending}", style="bold yellow")
    if judged:
        return Text(f"-{judged}", style="red")
    return Text("")


def score_text(value: float | None) -> str:
    """A score as the console shows it: 40, 33.33 (two decimals at most)."""
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def score_cell(problem: dict, max_score: float | None, first: bool) -> Text:
    """A score contest's cell: the score, coloured by its share of the problem's maximum
    (green when full, yellow from half, orange below, red for nothing), pending ones
    marked; blank when untouched."""
    judged, pending = problem["num_judged"], problem["num_pending"]
    if not judged:
        return Text(f"?{pending}", style="bold yellow") if pending else Text("")
    score = float(problem.get("score") or 0)
    share = score / max_score if max_score else 0.0
    if share >= 1:
        style = "bold white on dark_green" if first else "bold green"
    else:
        style = "yellow" if share >= 0.5 else "dark_orange" if share > 0 else "red"
    shown = score_text(score) + (f" ?{pending}" if pending else "")
    return Text(shown, style=style, justify="right")


def subtasks_text(judgement: dict) -> str:
    """A scored judgement's score and its subtasks' ("  score 85: g1 40, g2 45"); "" for
    one without a score."""
    if judgement.get("score") is None:
        return ""
    parts = ", ".join(f"{name.removeprefix('secret/')} {score_text(value)}"
                      for name, value in (judgement.get("subtask_scores") or {}).items())
    return f"  score {score_text(judgement['score'])}" + (f": {parts}" if parts else "")


def is_score_row(row: dict) -> bool:
    """Whether a CLICS scoreboard row is a score contest's (`score.score`)."""
    return "score" in row["score"]


def row_cells(row: dict, team_name: str, first_to_solve: set[tuple[str, str]],
              max_scores: dict[str, float | None] | None = None) -> list[Text]:
    """A scoreboard row as the table's cells: rank, team, solved (a score contest: the
    score), time (its last improvement), then each problem."""
    score = row["score"]
    if is_score_row(row):
        cells = [Text(str(row["rank"]), justify="right"), text(team_name),
                 Text(score_text(score["score"]), style="bold", justify="right"),
                 Text(str(minutes(score.get("time")) or ""), justify="right")]
        cells += [score_cell(p, (max_scores or {}).get(p["problem_id"]),
                             (row["team_id"], p["problem_id"]) in first_to_solve)
                  for p in row["problems"]]
        return cells
    cells = [Text(str(row["rank"]), justify="right"), text(team_name),
             Text(str(score["num_solved"]), style="bold", justify="right"),
             Text(str(minutes(score["total_time"]) or 0), justify="right")]
    cells += [cell(p, (row["team_id"], p["problem_id"]) in first_to_solve)
              for p in row["problems"]]
    return cells


def first_to_solve(awards: Iterable[dict]) -> set[tuple[str, str]]:
    """(team, problem) pairs from the first-to-solve awards."""
    prefix = "first-to-solve-"
    return {(team, award["id"][len(prefix):]) for award in awards
            if award["id"].startswith(prefix) for team in award.get("team_ids") or ()}


def changed_teams(before: dict[str, dict], rows: Sequence[dict]) -> set[str]:
    """Teams whose row differs from the last time it was shown (score, cells or rank)."""
    return {row["team_id"] for row in rows if before.get(row["team_id"]) != row}


def sparkline(values: Sequence[float], width: int = 60) -> str:
    """The last `width` values as block characters, scaled to their maximum."""
    shown = list(values)[-width:]
    top = max(shown, default=0) or 1
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v / top * (len(SPARKS) - 1)))]
                   for v in shown)


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def similarity(value: float) -> Text:
    """A similarity as a percentage, red when it looks copied, yellow when it may be."""
    style = "bold red" if value >= 0.8 else "yellow" if value >= 0.5 else ""
    return Text(f"{value:.0%}", style=style, justify="right")


def pair_cells(pair: dict, label: str, team_name: Callable[[str], str]) -> list[Text]:
    """A similarity pair as the table's cells: problem, similarity, then each side."""
    a, b = pair["a"], pair["b"]
    return [text(label), similarity(pair["similarity"]),
            text(f"#{a['submission_id']} {team_name(a['team_id'])} ({a['language_id']})"),
            text(f"#{b['submission_id']} {team_name(b['team_id'])} ({b['language_id']})"),
            Text(f"{a['matched_lines']}/{b['matched_lines']}", justify="right"),
            Text(str(len(pair["regions"])), justify="right")]


def marked_source(source: str, ranges: Sequence[Sequence[int]],
                  style: str = "black on yellow") -> Text:
    """A source with line numbers, the lines inside the (first, last) ranges marked."""
    marked = {line for first, last in ranges for line in range(first, last + 1)}
    lines = visible(source).splitlines() or [""]
    width = len(str(len(lines)))
    out = Text(no_wrap=True, overflow="ellipsis")
    for number, line in enumerate(lines, start=1):
        out.append(f"{number:>{width}} ", style="dim")
        out.append(line.expandtabs(4) or " ", style=style if number in marked else "")
        out.append("\n")
    out.rstrip()
    return out
