"""The scoreboard of a score contest (CLICS `scoreboard_type: score`, IOI style): pure, in
memory, changed one event at a time, with the same freeze, reveal and views as the ICPC
board (`board.py`), whose events, teams, problems and timing it takes.

Rules. A team's score on a problem is, by the contest's `score_mode`, the best score of
its judged submissions (`best_submission`), or the sum over the problem's subtasks of the
best score each got in any of them (`best_subtask`, IOI since 2017). A submission still
pending (or a judging error) counts for nothing yet. The problem's time is the minute of
the submission that last raised that score; the row's score is the sum of its problems',
its time the latest of theirs (the last improvement). Rows rank by score, then, when the
contest's `score_tiebreak` is `time`, by that time (earlier first); teams equal on what
counts share a rank, listed by name. First to solve: the earliest submission reaching the
problem's maximum, once no earlier submission to it is pending. During the freeze the
public board shows submissions made at or after the freeze time as pending.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from appliance.clics.times import reltime
from appliance.scoreboard.board import (
    Event,
    JudgementEvent,
    Problem,
    SubmissionEvent,
    Team,
    Timing,
    is_pending,
)
from judge.verdicts import Verdict

BEST_SUBTASK, BEST_SUBMISSION = "best_subtask", "best_submission"
WHOLE = "secret"  # the one subtask of a judgement that names none
_PLACES = 6  # scores are rounded to this many decimals, so sums of thirds compare equal


@dataclass(frozen=True)
class ScoreRules:
    """The contest's choices: how a problem's score is kept, and whether time breaks ties."""

    mode: str = BEST_SUBTASK
    time_tiebreak: bool = True


@dataclass(frozen=True)
class ScoreCell:
    """One team's result on one problem, as a score contest's board shows it."""

    problem_id: str
    num_judged: int
    num_pending: int
    score: float
    max_score: float | None
    time: int | None  # minute of the last improvement; None while the score is 0
    first_to_solve: bool

    @property
    def solved(self) -> bool:
        """Whether it holds the problem's maximum."""
        return self.max_score is not None and self.score >= self.max_score - 1e-9 > 0

    @property
    def fraction(self) -> float:
        """The share of the maximum held, 0 to 1 (the pages colour cells by it)."""
        return min(1.0, self.score / self.max_score) if self.max_score else 0.0

    def to_json(self) -> dict[str, Any]:
        """The CLICS problem data object of a score contest (first_to_solve: Podium's)."""
        data: dict[str, Any] = {"problem_id": self.problem_id, "num_judged": self.num_judged,
                                "num_pending": self.num_pending, "score": self.score}
        if self.score > 0 and self.time is not None:
            data["time"] = _minutes(self.time)
        data["first_to_solve"] = self.first_to_solve
        return data


@dataclass(frozen=True)
class ScoreRow:
    """One team's row: its rank, total score, time of its last improvement and cells."""

    rank: int
    team_id: str
    score: float
    last_time: int | None  # minutes; None while the score is 0
    cells: tuple[ScoreCell, ...]

    @property
    def has_result(self) -> bool:
        return self.score > 0

    @property
    def num_solved(self) -> int:
        """Problems at their maximum (the pages show it beside the score)."""
        return sum(cell.solved for cell in self.cells)

    def to_json(self) -> dict[str, Any]:
        """The CLICS scoreboard row object of a score contest."""
        return {"rank": self.rank, "team_id": self.team_id,
                "score": {"score": self.score,
                          "time": None if self.last_time is None else _minutes(self.last_time)},
                "problems": [cell.to_json() for cell in self.cells]}


def _minutes(minutes: int) -> str:
    return reltime(minutes * 60, millis=False)


class _Sub:
    __slots__ = ("id", "team_id", "problem_id", "time", "seq", "verdict", "score", "subtasks")

    def __init__(self, event: SubmissionEvent, seq: int) -> None:
        self.id, self.team_id, self.problem_id = event.id, event.team_id, event.problem_id
        self.time, self.seq = event.contest_time_s, seq
        self.verdict: Verdict | None = None
        self.score = 0.0
        self.subtasks: dict[str, float] = {}


class _Score(NamedTuple):
    num_judged: int
    num_pending: int
    score: float
    minutes: int | None
    full_at: tuple[float, int] | None  # (contest time, seq) of reaching the maximum


_NONE = _Score(0, 0, 0.0, None, None)


def cell_score(subs: list[_Sub], rules: ScoreRules, max_score: float | None,
               hide_from: float) -> _Score:
    """A cell's score from its submissions in order; those at or after `hide_from` (the
    freeze) and those not judged yet count as pending."""
    judged = pending = 0
    best, parts = 0.0, {}
    minutes = full_at = None
    for sub in subs:
        if is_pending(sub.verdict) or sub.time >= hide_from:
            pending += 1
            continue
        judged += 1
        if rules.mode == BEST_SUBTASK:
            for name, value in sub.subtasks.items():
                parts[name] = max(parts.get(name, 0.0), value)
            total = round(sum(parts.values()), _PLACES)
        else:
            total = max(best, sub.score)
        if total > best:
            best, minutes = total, int(sub.time // 60)
            if full_at is None and max_score and best >= max_score - 1e-9:
                full_at = (sub.time, sub.seq)
    return _Score(judged, pending, best, minutes, full_at)


class _Cell:
    __slots__ = ("subs", "jury", "public", "revealed")

    def __init__(self) -> None:
        self.subs: list[_Sub] = []
        self.jury = self.public = _NONE
        self.revealed = False


class ScoreBoard:
    """The jury and public boards of one score contest (the interface of `Scoreboard`)."""

    def __init__(self, teams: Iterable[Team], problems: Iterable[Problem], timing: Timing,
                 rules: ScoreRules = ScoreRules()) -> None:
        self.timing, self.rules = timing, rules
        self.problems = tuple(sorted(problems, key=lambda p: (p.ordinal, p.id)))
        self.ignored: Counter[str] = Counter()
        self.thawed = False
        self.version = 0
        self._freeze = timing.freeze_time
        self._teams = {team.id: team for team in teams}
        self._max = {p.id: p.max_score for p in self.problems}
        self._cells: dict[str, dict[str, _Cell]] = {t: {} for t in self._teams}
        self._subs: dict[str, _Sub] = {}
        self._fts: dict[str, str | None] = {p.id: None for p in self.problems}
        self._orders: dict[bool, list[tuple]] | None = None  # sorted keys, made on demand

    @classmethod
    def from_events(cls, teams: Iterable[Team], problems: Iterable[Problem], timing: Timing,
                    events: Iterable[Event], rules: ScoreRules = ScoreRules()) -> ScoreBoard:
        board = cls(teams, problems, timing, rules)
        for event in events:
            board.apply(event)
        return board

    # -- events ------------------------------------------------------------------------

    def apply(self, event: Event) -> frozenset[str]:
        """Apply one event; the ids of the teams whose row changed."""
        self.version += 1
        if isinstance(event, SubmissionEvent):
            return self._submit(event)
        if isinstance(event, JudgementEvent):
            return self._judge(event)
        raise TypeError(f"not a scoreboard event: {event!r}")

    def _submit(self, event: SubmissionEvent) -> frozenset[str]:
        if event.id in self._subs:
            self.ignored["duplicate submission"] += 1
            return frozenset()
        if event.team_id not in self._teams:
            self.ignored["unknown team"] += 1
            return frozenset()
        if event.problem_id not in self._max:
            self.ignored["unknown problem"] += 1
            return frozenset()
        sub = self._subs[event.id] = _Sub(event, len(self._subs))
        cell = self._cells[sub.team_id].setdefault(sub.problem_id, _Cell())
        cell.subs.append(sub)
        cell.subs.sort(key=lambda s: (s.time, s.seq))
        return self._refresh(sub.team_id, sub.problem_id)

    def _judge(self, event: JudgementEvent) -> frozenset[str]:
        sub = self._subs.get(event.submission_id)
        if sub is None:
            self.ignored["unknown submission"] += 1
            return frozenset()
        sub.verdict = event.verdict
        top = self._max[sub.problem_id]
        if event.score is not None:
            sub.score = float(event.score)
        else:  # a judgement without a score: all or nothing by its verdict
            sub.score = float(top or 0.0) if event.verdict is Verdict.AC else 0.0
        sub.subtasks = ({k: float(v) for k, v in event.subtasks.items()} if event.subtasks
                        else {WHOLE: sub.score})
        return self._refresh(sub.team_id, sub.problem_id)

    def _refresh(self, team_id: str, problem_id: str) -> frozenset[str]:
        cell = self._cells[team_id][problem_id]
        old = (cell.jury, cell.public)
        top = self._max[problem_id]
        cell.jury = cell_score(cell.subs, self.rules, top, math.inf)
        if self.thawed or cell.revealed or cell.subs[-1].time < self._freeze:
            cell.public = cell.jury
        else:
            cell.public = cell_score(cell.subs, self.rules, top, self._freeze)
        changed = {team_id} if (cell.jury, cell.public) != old else set()
        if changed:
            self._orders = None
        return frozenset(changed | self._update_first_to_solve(problem_id))

    def _update_first_to_solve(self, problem_id: str) -> set[str]:
        """The earliest submission to reach the maximum, once none before it is pending."""
        fulls = sorted((c[problem_id].jury.full_at, team) for team, c in self._cells.items()
                       if problem_id in c and c[problem_id].jury.full_at is not None)
        team_id = None
        if fulls:
            first = fulls[0][0]
            waiting = any(is_pending(s.verdict) and (s.time, s.seq) < first
                          for c in self._cells.values() if problem_id in c
                          for s in c[problem_id].subs)
            team_id = None if waiting else fulls[0][1]
        old = self._fts[problem_id]
        if team_id == old:
            return set()
        self._fts[problem_id] = team_id
        return {t for t in (old, team_id) if t is not None}

    # -- the freeze and the reveal --------------------------------------------------------

    def thaw(self) -> None:
        """Show everything on the public board at once."""
        self.thawed = True
        for cells in self._cells.values():
            for cell in cells.values():
                cell.public = cell.jury
        self._orders = None

    def frozen_problems(self, team_id: str) -> list[str]:
        """The team's cells still hidden on the public board, in problem order."""
        if self.thawed:
            return []
        cells = self._cells[team_id]
        return [p.id for p in self.problems if p.id in cells and not cells[p.id].revealed
                and cells[p.id].subs[-1].time >= self._freeze
                and not self._full(cells[p.id].public.score, p.id)]

    def _full(self, score: float, problem_id: str) -> bool:
        top = self._max[problem_id]
        return bool(top) and score >= (top or 0) - 1e-9

    def reveal_cell(self, team_id: str, problem_id: str) -> bool:
        """Show one hidden cell as the jury sees it; does it hold the maximum?"""
        cell = self._cells[team_id][problem_id]
        cell.revealed = True
        cell.public = cell.jury
        self._orders = None
        return self._full(cell.jury.score, problem_id)

    # -- views ------------------------------------------------------------------------------

    def _key(self, team_id: str, public: bool) -> tuple:
        """Sort key: best first; the first two items decide the rank, the rest the order."""
        total, last = 0.0, 0
        for cell in self._cells[team_id].values():
            score = cell.public if public else cell.jury
            total += score.score
            if score.score > 0 and score.minutes is not None:
                last = max(last, score.minutes)
        total = round(total, _PLACES)
        team = self._teams[team_id]
        return (-total, last if self.rules.time_tiebreak and total > 0 else 0,
                team.name.casefold(), team.name, team.id)

    def _order(self, public: bool) -> list[tuple]:
        if self._orders is None:
            self._orders = {p: sorted(self._key(t, p) for t in self._teams)
                            for p in (False, True)}
        return self._orders[public]

    def view(self, public: bool, group_id: str | None = None) -> list[ScoreRow]:
        """All rows in order; with `group_id`, that group's teams ranked on their own."""
        rows: list[ScoreRow] = []
        rank = count = 0
        previous: tuple | None = None
        for key in self._order(public):
            team = self._teams[key[-1]]
            if group_id is not None and group_id not in team.group_ids:
                continue
            count += 1
            if key[:2] != previous:
                rank, previous = count, key[:2]
            rows.append(self._row_view(team.id, rank, public))
        return rows

    def row(self, team_id: str, public: bool) -> ScoreRow:
        """One team's row, with its rank on the whole board."""
        return self._row_view(team_id, self.rank(team_id, public), public)

    def rank(self, team_id: str, public: bool) -> int:
        """1 + the number of teams strictly better (tied teams share a rank)."""
        return bisect_left(self._order(public), self._key(team_id, public)[:2]) + 1

    def first_to_solve(self, problem_id: str) -> str | None:
        return self._fts[problem_id]

    def team_at(self, index: int, public: bool) -> str:
        return self._order(public)[index][-1]

    def _row_view(self, team_id: str, rank: int, public: bool) -> ScoreRow:
        cells = []
        for problem in self.problems:
            cell = self._cells[team_id].get(problem.id)
            score = _NONE if cell is None else (cell.public if public else cell.jury)
            cells.append(ScoreCell(
                problem.id, score.num_judged, score.num_pending, score.score,
                problem.max_score, score.minutes if score.score > 0 else None,
                score.score > 0 and self._fts[problem.id] == team_id
                and (not public or self._full(score.score, problem.id))))
        key = self._key(team_id, public)
        total = -key[0]
        last = max((c.time for c in cells if c.time is not None), default=None)
        return ScoreRow(rank, team_id, total, last if total > 0 else None, tuple(cells))

    def __len__(self) -> int:
        return len(self._teams)


def score_text(value: float | None) -> str:
    """A score as pages and the console show it: 40, 33.33 (two decimals at most)."""
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def rules_of(contest: Mapping[str, Any]) -> ScoreRules:
    """A contests row's choices as rules (rows of stores before score contests: defaults)."""
    return ScoreRules(mode=contest.get("score_mode") or BEST_SUBTASK,
                      time_tiebreak=(contest.get("score_tiebreak") or "time") == "time")
