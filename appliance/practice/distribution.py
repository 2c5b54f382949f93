"""Where an accepted practice submission stands among all accepted ones of its problem: its
run time and memory against theirs ("faster than 80 %"), and a histogram of each to draw.

Pure over the figures, plus one read of them from the store (the current judgements of
every accepted practice submission of the problem, one per submission)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from appliance.store import Store
from appliance.store_schema import PRACTICE

BINS = 10


@dataclass(frozen=True)
class Standing:
    """One figure of a submission among the accepted ones: the share of the others that
    did worse (strictly: ties count for neither side), and the histogram it falls in."""

    beats_percent: int  # of the other accepted submissions, how many % were worse
    others: int
    bins: tuple[int, ...]  # counts per equal-width bin from `low` to `high`
    low: float
    high: float
    mine_bin: int


def standing(values: Sequence[float], mine: float, bins: int = BINS) -> Standing:
    """Where `mine` stands among `values` (which include it once): less is better."""
    others = list(values)
    if mine in others:
        others.remove(mine)
    worse = sum(1 for v in others if v > mine)
    beats = round(100 * worse / len(others)) if others else 100
    low, high = min([mine, *others]), max([mine, *others])
    width = (high - low) / bins or 1.0
    counts = [0] * bins
    for v in [mine, *others]:
        counts[min(bins - 1, int((v - low) / width))] += 1
    return Standing(beats, len(others), tuple(counts), low, high,
                    min(bins - 1, int((mine - low) / width)))


def accepted_figures(store: Store, problem_id: str) -> list[tuple[int, float, int]]:
    """(submission, run time, peak memory) of every accepted practice submission of the
    problem, by its current judgement: the time is the judgement's slowest test's, the
    memory its largest."""
    rows = store.query(
        "SELECT s.id, j.max_run_time AS time, max(r.memory) AS memory FROM submissions s "
        "JOIN judgements j ON j.submission_id = s.id AND j.is_current = 1 "
        "LEFT JOIN runs r ON r.judgement_id = j.id WHERE s.contest_id = ? AND "
        "s.problem_id = ? AND j.verdict = 'AC' GROUP BY s.id", [PRACTICE, problem_id])
    return [(r["id"], float(r["time"] or 0.0), int(r["memory"] or 0)) for r in rows]


def standings_of(store: Store, problem_id: str, submission_id: int) -> dict | None:
    """The submission's time and memory standings among the problem's accepted ones (JSON),
    or None when it is not one of them."""
    figures = accepted_figures(store, problem_id)
    mine = next((f for f in figures if f[0] == submission_id), None)
    if mine is None:
        return None
    time, memory = (standing([f[1] for f in figures], mine[1]),
                    standing([f[2] for f in figures], mine[2]))
    return {"time": vars(time) | {"bins": list(time.bins)},
            "memory": vars(memory) | {"bins": list(memory.bins)},
            "faster_than_percent": time.beats_percent,
            "less_memory_than_percent": memory.beats_percent, "accepted": len(figures)}
