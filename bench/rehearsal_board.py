"""The rehearsal's own ICPC scoreboard, worked out from the CLICS scoring rules alone (not from
`appliance/scoreboard.py`), and its comparison with the board a server answers.

Rules (CLICS Contest Control System requirements, "Scoring"): a problem is solved by its first
accepted submission in contest time; its time is that submission's contest time in whole
minutes (rounded down) plus the penalty for every earlier rejected submission, where a compile
error is no rejection; submissions after the first accepted count for nothing; a submission
without a verdict, or judged JE, is pending. Teams rank by problems solved, then total time,
then the minute of their last accepted submission; fully tied teams share a rank (the next is
skipped) and are listed in name order. The public board of a frozen contest shows submissions
made at or after the freeze as pending.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from appliance.clics.times import parse_reltime

NO_PENALTY = frozenset({"CE"})  # rejected without penalty time
PENDING = frozenset({"JE"})  # judged, but counted as not yet judged


@dataclass(frozen=True)
class Judged:
    """One submission as the rehearsal knows it: who, what, when (seconds of contest time),
    and its verdict (a CLICS judgement type id; None while not judged)."""

    id: str
    team_id: str
    problem_id: str
    contest_time_s: float
    verdict: str | None


@dataclass(frozen=True)
class Cell:
    """One team's result on one problem."""

    problem_id: str
    num_judged: int
    num_pending: int
    solved: bool
    minutes: int | None  # minute of the first accepted submission, when solved


@dataclass(frozen=True)
class Line:
    """One scoreboard row: rank, team, problems solved, total time and last accepted minute
    (None when nothing is solved), cells in problem order."""

    rank: int
    team_id: str
    solved: int
    total_minutes: int
    last_minutes: int | None
    cells: tuple[Cell, ...]


def _cell(problem_id: str, subs: list[Judged], penalty: int, hidden_from: float
          ) -> tuple[Cell, int]:
    """A cell and the minutes it adds to the total (0 unless solved)."""
    judged = pending = rejected = 0
    for sub in sorted(subs, key=lambda s: (s.contest_time_s, int(s.id))):
        if sub.verdict is None or sub.verdict in PENDING or sub.contest_time_s >= hidden_from:
            pending += 1
            continue
        judged += 1
        if sub.verdict == "AC":
            minutes = int(sub.contest_time_s // 60)
            return Cell(problem_id, judged, pending, True, minutes), minutes + penalty * rejected
        if sub.verdict not in NO_PENALTY:
            rejected += 1
    return Cell(problem_id, judged, pending, False, None), 0


def standings(teams: Sequence[tuple[str, str]], problems: Sequence[str],
              submissions: Iterable[Judged], penalty_minutes: int = 20,
              freeze_at_s: float | None = None) -> list[Line]:
    """The board for `teams` ((id, name) pairs) and `problems` (ids in board order); with
    `freeze_at_s`, the public board of a contest frozen at that contest time."""
    hidden_from = math.inf if freeze_at_s is None else freeze_at_s
    by_cell: dict[tuple[str, str], list[Judged]] = {}
    for sub in submissions:
        by_cell.setdefault((sub.team_id, sub.problem_id), []).append(sub)
    scored = []
    for team_id, name in teams:
        cells, total, last = [], 0, None
        for problem_id in problems:
            cell, minutes = _cell(problem_id, by_cell.get((team_id, problem_id), []),
                                  penalty_minutes, hidden_from)
            cells.append(cell)
            if cell.solved:
                total += minutes
                last = max(last or 0, cell.minutes or 0)
        solved = sum(c.solved for c in cells)
        scored.append(((-solved, total, last or 0), name, team_id, solved, total, last,
                       tuple(cells)))
    scored.sort(key=lambda s: (s[0], s[1], s[2]))
    lines: list[Line] = []
    for position, (key, _name, team_id, solved, total, last, cells) in enumerate(scored):
        tied = lines and scored[position - 1][0] == key
        rank = lines[-1].rank if tied else position + 1
        lines.append(Line(rank, team_id, solved, total, last, cells))
    return lines


def minutes_of(reltime: str | None) -> int | None:
    """A CLICS RELTIME ("1:05:00" or "1:05:00.000") as whole minutes; None stays None."""
    return None if reltime is None else int(parse_reltime(reltime) // 60)


def from_api(board: dict) -> list[Line]:
    """A CLICS scoreboard object as lines, for comparison."""
    lines = []
    for row in board["rows"]:
        score = row["score"]
        cells = tuple(Cell(c["problem_id"], c["num_judged"], c["num_pending"], c["solved"],
                           minutes_of(c.get("time")) if c["solved"] else None)
                      for c in row["problems"])
        solved = score["num_solved"]
        lines.append(Line(row["rank"], row["team_id"], solved, minutes_of(score["total_time"]),
                          minutes_of(score.get("time")) if solved else None, cells))
    return lines


@dataclass(frozen=True)
class Comparison:
    """Whether two boards agree; the first rows where they do not (as (server, ours))."""

    same: bool
    rows: int
    differing: int
    first: list[tuple[Line | None, Line | None]]


def compare(server: Sequence[Line], ours: Sequence[Line], show: int = 3) -> Comparison:
    """Row by row, in order: rank, team, score and every cell."""
    pairs = [(server[i] if i < len(server) else None, ours[i] if i < len(ours) else None)
             for i in range(max(len(server), len(ours)))]
    wrong = [pair for pair in pairs if pair[0] != pair[1]]
    return Comparison(not wrong, len(pairs), len(wrong), wrong[:show])


def describe(line: Line | None) -> str:
    """A row on one line: rank, team, solved, total, last, then the solved cells."""
    if line is None:
        return "(no row)"
    cells = " ".join(f"{c.problem_id}:{c.num_judged}/{c.num_pending}"
                     + (f"@{c.minutes}" if c.solved else "") for c in line.cells)
    return (f"#{line.rank} {line.team_id} solved {line.solved} time {line.total_minutes} "
            f"last {line.last_minutes} | {cells}")
