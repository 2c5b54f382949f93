"""The ICPC scoreboard, kept in memory and changed incrementally per submission and judgement.

Pure: plain dataclasses in, rows out; no clock, no I/O. The public view needs no clock: a
submission made at or after the freeze time can only arrive during the freeze, so showing those
as pending until the board is thawed (or the cell revealed) is the freeze. Rules are those of
the CLICS Contest Control System requirements ("Scoring"); rows are the Contest API's shape.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from appliance.clics.times import reltime
from judge.verdicts import Verdict


@dataclass(frozen=True)
class Team:
    """A team as the scoreboard sees it."""

    id: str
    name: str
    group_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A problem; cells are shown in `ordinal` order."""

    id: str
    label: str
    ordinal: int
    max_score: float | None = None  # a score contest's: the most a team can score on it


@dataclass(frozen=True)
class Timing:
    """Contest timing in seconds; the freeze starts `freeze_duration` before the end."""

    start: float
    duration: float
    freeze_duration: float = 0.0
    penalty_minutes: int = 20

    @property
    def freeze_time(self) -> float:
        """Contest time (seconds from start) at which the freeze starts; inf for none."""
        return self.duration - self.freeze_duration if self.freeze_duration > 0 else math.inf


@dataclass(frozen=True)
class SubmissionEvent:
    """A team's submission, `contest_time_s` seconds after the contest start."""

    id: str
    team_id: str
    problem_id: str
    contest_time_s: float


@dataclass(frozen=True)
class JudgementEvent:
    """The (new) judgement of a submission; None while judging is pending or when removed.
    A scoring problem's judgement carries its score and its subtasks' (name -> score)."""

    submission_id: str
    verdict: Verdict | None
    score: float | None = None
    subtasks: Mapping[str, float] | None = None


Event = SubmissionEvent | JudgementEvent


@dataclass(frozen=True)
class CellView:
    """One team's result on one problem, as a scoreboard shows it."""

    problem_id: str
    num_judged: int
    num_pending: int
    solved: bool
    time: int | None  # minutes, when solved
    first_to_solve: bool

    def to_json(self) -> dict[str, Any]:
        """The CLICS problem data object (first_to_solve as an extension)."""
        data: dict[str, Any] = {"problem_id": self.problem_id, "num_judged": self.num_judged,
                                "num_pending": self.num_pending, "solved": self.solved}
        if self.solved:
            data["time"] = _minutes(self.time or 0)
        data["first_to_solve"] = self.first_to_solve
        return data


@dataclass(frozen=True)
class Row:
    """One team's row: its rank, score and cells in problem order."""

    rank: int
    team_id: str
    num_solved: int
    total_time: int  # minutes
    last_time: int | None  # minute of the last accepted submission; None when none solved
    cells: tuple[CellView, ...]

    @property
    def has_result(self) -> bool:
        """Whether the row scored anything (a winner needs to)."""
        return self.num_solved > 0

    def to_json(self) -> dict[str, Any]:
        """The CLICS scoreboard row object."""
        return {"rank": self.rank, "team_id": self.team_id,
                "score": {"num_solved": self.num_solved, "total_time": _minutes(self.total_time),
                          "time": None if self.last_time is None else _minutes(self.last_time)},
                "problems": [cell.to_json() for cell in self.cells]}


def _minutes(minutes: int) -> str:
    """Whole minutes as the scoreboard's RELTIME ("1:05:00")."""
    return reltime(minutes * 60, millis=False)


def is_pending(verdict: Verdict | None) -> bool:
    """CLICS: no judgement yet, or a judging error, is pending and has no effect on scoring."""
    return verdict is None or verdict is Verdict.JE


class _Submission:
    __slots__ = ("id", "team_id", "problem_id", "time", "seq", "verdict")

    def __init__(self, event: SubmissionEvent, seq: int) -> None:
        self.id = event.id
        self.team_id = event.team_id
        self.problem_id = event.problem_id
        self.time = event.contest_time_s
        self.seq = seq
        self.verdict: Verdict | None = None


def _order(sub: _Submission) -> tuple[float, int]:
    return (sub.time, sub.seq)


class _Score(NamedTuple):
    num_judged: int
    num_pending: int
    solved: bool
    minutes: int  # minute of the first AC, 0 when unsolved
    penalty: int  # minutes this cell adds to the total time
    first_ac: tuple[float, int] | None  # (contest time, seq) of the first AC


_UNSOLVED = _Score(0, 0, False, 0, 0, None)


def _score(subs: list[_Submission], penalty_minutes: int, hide_from: float) -> _Score:
    """A cell's score; submissions at or after `hide_from` count as pending (the freeze)."""
    judged = pending = rejected = 0
    for sub in subs:
        verdict = sub.verdict
        if verdict is None or verdict is Verdict.JE or sub.time >= hide_from:
            pending += 1
        elif verdict is Verdict.AC:
            minutes = int(sub.time // 60)
            return _Score(judged + 1, pending, True, minutes,
                          minutes + penalty_minutes * rejected, (sub.time, sub.seq))
        else:
            judged += 1
            rejected += verdict.penalty
    return _Score(judged, pending, False, 0, 0, None) if subs else _UNSOLVED


class _Cell:
    __slots__ = ("subs", "jury", "public", "revealed")

    def __init__(self) -> None:
        self.subs: list[_Submission] = []
        self.jury = _UNSOLVED
        self.public = _UNSOLVED
        self.revealed = False


class _Row:
    __slots__ = ("team", "cells", "keys", "sort_name")

    def __init__(self, team: Team) -> None:
        self.team = team
        self.cells: dict[str, _Cell] = {}
        self.sort_name = team.name.casefold()
        self.keys = [self._key(False), self._key(True)]  # indexed by `public`

    def _key(self, public: bool) -> tuple:
        """Sort key: best first; the first three items decide the rank, the rest the order."""
        solved = penalty = last = 0
        for cell in self.cells.values():
            score = cell.public if public else cell.jury
            if score.solved:
                solved += 1
                penalty += score.penalty
                last = max(last, score.minutes)
        return (-solved, penalty, last, self.sort_name, self.team.name, self.team.id)


class Scoreboard:
    """The jury and public scoreboards of one contest, changed one event at a time."""

    def __init__(self, teams: Iterable[Team], problems: Iterable[Problem],
                 timing: Timing) -> None:
        self.timing = timing
        self.problems = tuple(sorted(problems, key=lambda p: (p.ordinal, p.id)))
        self.ignored: Counter[str] = Counter()  # events ignored, by reason
        self.thawed = False
        self.version = 0  # counts applied events
        self._freeze = timing.freeze_time
        self._rows = {team.id: _Row(team) for team in teams}
        self._subs: dict[str, _Submission] = {}
        self._ac: dict[str, list[tuple[float, int, str]]] = {p.id: [] for p in self.problems}
        self._pending: dict[str, list[tuple[float, int]]] = {p.id: [] for p in self.problems}
        self._fts: dict[str, str | None] = {p.id: None for p in self.problems}
        self._empty = {p.id: CellView(p.id, 0, 0, False, None, False) for p in self.problems}
        self._batch = False
        self._order: list[list[tuple]] = [[], []]
        self._resort()

    @classmethod
    def from_events(cls, teams: Iterable[Team], problems: Iterable[Problem], timing: Timing,
                    events: Iterable[Event]) -> Scoreboard:
        """The board after these events; the same as applying them one by one, but sorts once."""
        board = cls(teams, problems, timing)
        board._batch = True
        for event in events:
            board.apply(event)
        board._batch = False
        board._resort()
        return board

    def apply(self, event: Event) -> frozenset[str]:
        """Apply one event; the ids of the teams whose row (score or cells) changed."""
        self.version += 1
        if isinstance(event, SubmissionEvent):
            return self._submit(event)
        if isinstance(event, JudgementEvent):
            return self._judge(event)
        raise TypeError(f"not a scoreboard event: {event!r}")

    def thaw(self) -> None:
        """Show everything on the public board at once (the jury view)."""
        self.thawed = True
        for row in self._rows.values():
            for cell in row.cells.values():
                cell.public = cell.jury
        self._resort()

    def view(self, public: bool, group_id: str | None = None) -> list[Row]:
        """All rows in order; with `group_id`, that group's teams ranked on their own."""
        rows: list[Row] = []
        rank = count = 0
        previous: tuple | None = None
        for key in self._order[public]:
            row = self._rows[key[-1]]
            if group_id is not None and group_id not in row.team.group_ids:
                continue
            count += 1
            if key[:3] != previous:
                rank, previous = count, key[:3]
            rows.append(self._row_view(row, rank, public))
        return rows

    def row(self, team_id: str, public: bool) -> Row:
        """One team's row, with its rank on the whole board."""
        return self._row_view(self._rows[team_id], self.rank(team_id, public), public)

    def rank(self, team_id: str, public: bool) -> int:
        """1 + the number of teams strictly better (tied teams share a rank)."""
        return bisect_left(self._order[public], self._rows[team_id].keys[public][:3]) + 1

    def first_to_solve(self, problem_id: str) -> str | None:
        """The team first to solve a problem (jury view), once no earlier submission is pending."""
        return self._fts[problem_id]

    def _row_view(self, row: _Row, rank: int, public: bool) -> Row:
        cells = []
        for problem in self.problems:
            cell = row.cells.get(problem.id)
            if cell is None:
                cells.append(self._empty[problem.id])
                continue
            score = cell.public if public else cell.jury
            cells.append(CellView(
                problem.id, score.num_judged, score.num_pending, score.solved,
                score.minutes if score.solved else None,
                score.solved and self._fts[problem.id] == row.team.id))
        solved, penalty, last = row.keys[public][:3]
        return Row(rank, row.team.id, -solved, penalty, last if solved else None, tuple(cells))

    def _submit(self, event: SubmissionEvent) -> frozenset[str]:
        if event.id in self._subs:
            self.ignored["duplicate submission"] += 1
            return frozenset()
        row = self._rows.get(event.team_id)
        if row is None:
            self.ignored["unknown team"] += 1
            return frozenset()
        if event.problem_id not in self._fts:
            self.ignored["unknown problem"] += 1
            return frozenset()
        sub = _Submission(event, len(self._subs))
        self._subs[sub.id] = sub
        cell = row.cells.get(sub.problem_id)
        if cell is None:
            cell = row.cells[sub.problem_id] = _Cell()
        insort(cell.subs, sub, key=_order)
        insort(self._pending[sub.problem_id], _order(sub))
        return self._refresh(row, cell, sub.problem_id)

    def _judge(self, event: JudgementEvent) -> frozenset[str]:
        sub = self._subs.get(event.submission_id)
        if sub is None:
            self.ignored["unknown submission"] += 1
            return frozenset()
        was, now = is_pending(sub.verdict), is_pending(event.verdict)
        sub.verdict = event.verdict
        pending = self._pending[sub.problem_id]
        if was and not now:
            del pending[bisect_left(pending, _order(sub))]
        elif now and not was:
            insort(pending, _order(sub))
        row = self._rows[sub.team_id]
        return self._refresh(row, row.cells[sub.problem_id], sub.problem_id)

    def _refresh(self, row: _Row, cell: _Cell, problem_id: str) -> frozenset[str]:
        """Rescore one cell, move its team in both orders, and update first to solve."""
        old_jury, old_public = cell.jury, cell.public
        penalty = self.timing.penalty_minutes
        cell.jury = _score(cell.subs, penalty, math.inf)
        if self.thawed or cell.revealed or cell.subs[-1].time < self._freeze:
            cell.public = cell.jury
        else:
            cell.public = _score(cell.subs, penalty, self._freeze)
        changed: set[str] = set()
        if cell.jury != old_jury:
            changed.add(row.team.id)
            self._move(row, False)
            if cell.jury.first_ac != old_jury.first_ac:
                acs = self._ac[problem_id]
                if old_jury.first_ac is not None:
                    del acs[bisect_left(acs, (*old_jury.first_ac, row.team.id))]
                if cell.jury.first_ac is not None:
                    insort(acs, (*cell.jury.first_ac, row.team.id))
        if cell.public != old_public:
            changed.add(row.team.id)
            self._move(row, True)
        changed |= self._update_first_to_solve(problem_id)
        return frozenset(changed)

    def _update_first_to_solve(self, problem_id: str) -> set[str]:
        """CLICS: the earliest AC, but only once no earlier submission is pending."""
        acs, pending = self._ac[problem_id], self._pending[problem_id]
        team_id = None
        if acs and (not pending or pending[0] > acs[0][:2]):
            team_id = acs[0][2]
        old = self._fts[problem_id]
        if team_id == old:
            return set()
        self._fts[problem_id] = team_id
        return {t for t in (old, team_id) if t is not None}

    def _move(self, row: _Row, public: bool) -> None:
        """Re-position one team: a bisect and a memmove, whatever the number of teams."""
        if self._batch:
            return
        old, new = row.keys[public], row._key(public)
        if new == old:
            return
        order = self._order[public]
        del order[bisect_left(order, old)]
        insort(order, new)
        row.keys[public] = new

    def _resort(self) -> None:
        for public in (False, True):
            for row in self._rows.values():
                row.keys[public] = row._key(public)
            self._order[public] = sorted(row.keys[public] for row in self._rows.values())

    def frozen_problems(self, team_id: str) -> list[str]:
        """The team's cells still hidden on the public board, in problem order."""
        if self.thawed:
            return []
        row = self._rows[team_id]
        found = []
        for problem in self.problems:
            cell = row.cells.get(problem.id)
            if (cell is not None and not cell.revealed and not cell.public.solved
                    and cell.subs[-1].time >= self._freeze):
                found.append(problem.id)
        return found

    def reveal_cell(self, team_id: str, problem_id: str) -> bool:
        """Show one hidden cell on the public board as the jury sees it; is it solved?"""
        row = self._rows[team_id]
        cell = row.cells[problem_id]
        cell.revealed = True
        cell.public = cell.jury
        self._move(row, True)
        return cell.jury.solved

    def team_at(self, index: int, public: bool) -> str:
        """The id of the team at a 0-based position of the order."""
        return self._order[public][index][-1]

    def __len__(self) -> int:
        return len(self._rows)
