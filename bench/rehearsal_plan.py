"""The rehearsal's simulated contest: which team submits which program to which problem, when,
and with what verdict expected. Pure and seeded: the same catalogue and seed give the same plan.

The model, in brief. Problems are ordered easiest first; teams have a strength drawn from a
normal distribution; a team solves a problem with a logistic chance of strength minus
difficulty. A share of the submissions (the mix's AC) are first accepted submissions, given to
(team, problem) pairs drawn by that chance, so easy problems are solved (and submitted) more.
The rejections are counted out from the mix verdict by verdict and each is given to a pair whose
problem has a program of that verdict: pairs a team went on to solve take more rejections the
harder they were for it; unsolved pairs take them in proportion to the chance the team saw in
them. Each pair's attempts form a chain (rejections, then the accepted one) that starts later
for harder problems and weaker teams, unsolved pairs later still, a few minutes apart. That
gives the order of all submissions; their times are then drawn from a rate that rises through
the contest, with a rush on the first problem at the start and one in the last minutes, and
given out in that order. A team writes mostly in one language.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DURATION_S = 5 * 3600
# Like a World Finals: the share of each verdict among all submissions.
INTENDED_MIX = {"AC": 0.45, "WA": 0.25, "TLE": 0.12, "RTE": 0.08, "CE": 0.05, "MLE": 0.03,
                "OLE": 0.02}
# The package folder whose programs are expected to get each verdict.
FOLDERS = {"AC": "accepted", "WA": "wrong_answer", "TLE": "time_limit_exceeded",
           "RTE": "run_time_error", "CE": "compile_error", "MLE": "memory_limit_exceeded",
           "OLE": "output_limit_exceeded"}
# A team's main language (roughly an ICPC final's); a folder without it falls back to these
# weights over what it has.
LANGUAGE_SHARE = {"cpp": 0.65, "python3": 0.15, "java": 0.12, "c": 0.03, "kotlin": 0.03}
OTHER_LANGUAGE = 0.005
# ICPC teams do not submit a solved problem again, so accepted submissions are at most one per
# (team, problem) pair; more than this share of pairs solved would be a board where most teams
# solve nearly everything. With 120 teams, 12 problems and 3,000 submissions this, not the
# mix, sets the accepted share (about 32 %).
MAX_SOLVED = 2 / 3
# Source sizes: log-normal around 1.5 KB (templates, includes, comments), 200 B to 12 KB.
SIZE_MEDIAN, SIZE_SIGMA, SIZE_MIN, SIZE_MAX = 1500, 0.6, 200, 12000


@dataclass(frozen=True)
class Program:
    """A program from a package's submissions folder: where, its language, the verdicts that
    folder allows (CLICS ids)."""

    path: Path
    language_id: str
    allowed: frozenset[str]


@dataclass(frozen=True)
class Planned:
    """One planned submission. `borrowed`: the program comes from another problem's folder
    (compile errors only, which fail whatever the problem)."""

    team_id: str
    problem_id: str
    contest_time_s: float  # whole milliseconds
    verdict: str  # the verdict intended
    program: Program
    size: int  # bytes to pad the source to (never cut)
    borrowed: bool = False


Catalogue = Mapping[str, Mapping[str, Sequence[Program]]]  # problem -> verdict -> programs


def mix_counts(total: int, mix: Mapping[str, float]) -> dict[str, int]:
    """`total` split by the shares of `mix` (largest remainders), summing to `total`."""
    weight = sum(mix.values())
    exact = {v: total * share / weight for v, share in mix.items()}
    counts = {v: int(x) for v, x in exact.items()}
    for v in sorted(exact, key=lambda v: exact[v] - counts[v], reverse=True)[
            :total - sum(counts.values())]:
        counts[v] += 1
    return counts


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, each drawn with chance proportional to its weight (Efraimidis and
    Spirakis: the k largest u^(1/w))."""
    keyed = sorted(((rng.random() ** (1 / w) if w > 0 else 0.0), i)
                   for i, w in enumerate(weights))
    return [items[i] for _, i in keyed[-k:]] if k else []


def plan(teams: Sequence[str], problems: Sequence[str], catalogue: Catalogue, total: int,
         seed: int, borrowable_ce: Sequence[Program] = (),
         max_solved: float = MAX_SOLVED) -> list[Planned]:
    """`total` submissions of `teams` on `problems` (easiest first), sorted by contest time.
    A verdict no problem has a program for is left out and the mix spread over the rest; at
    most `max_solved` of the (team, problem) pairs are solved, the surplus of accepted
    submissions becoming rejections in the mix's proportions."""
    rng = random.Random(seed)
    strength = {t: rng.gauss(0, 1) for t in teams}
    n = len(problems)
    difficulty = {p: -1.5 + 3 * i / max(1, n - 1) for i, p in enumerate(problems)}
    chance = {(t, p): 1 / (1 + math.exp(-(1.7 * (strength[t] - difficulty[p]) + 0.3)))
              for t in teams for p in problems}
    pairs = list(chance)

    def has(problem: str, verdict: str) -> bool:
        return bool(catalogue.get(problem, {}).get(verdict)) or (
            verdict == "CE" and bool(borrowable_ce))

    mix = {v: s for v, s in INTENDED_MIX.items() if any(has(p, v) for p in problems)}
    counts = mix_counts(total, mix)
    solvable = [pair for pair in pairs if has(pair[1], "AC")]
    counts_ac = min(counts.pop("AC", 0), int(len(solvable) * max_solved))
    rest = total - counts_ac - sum(counts.values())
    if rest:  # more AC wanted than pairs: the surplus is spread as rejections
        counts = mix_counts(total - counts_ac, {v: mix[v] for v in counts})
    solved = set(_weighted_sample(rng, solvable, [chance[p] for p in solvable], counts_ac))

    chains: dict[tuple[str, str], list[str]] = {pair: [] for pair in pairs}
    for verdict, count in counts.items():
        candidates = [pair for pair in pairs if has(pair[1], verdict)]
        weights = [chance[pair] * ((1.2 - chance[pair]) * 2 if pair in solved else 1.0)
                   * math.exp(-0.25 * problems.index(pair[1])) for pair in candidates]
        for pair in rng.choices(candidates, weights, k=count) if candidates else []:
            chains[pair].append(verdict)
    languages = {t: _main_language(rng) for t in teams}
    drafts = []
    for (team, problem), rejections in chains.items():
        rng.shuffle(rejections)
        chain = rejections + (["AC"] if (team, problem) in solved else [])
        order = _order(rng, len(chain), problems.index(problem), n, strength[team],
                       (team, problem) in solved) if chain else []
        drafts += [(at, team, problem, verdict) for at, verdict in zip(order, chain, strict=True)]
    drafts.sort()
    out: list[Planned] = []
    for at, (_, team, problem, verdict) in zip(arrival_times(rng, len(drafts)), drafts,
                                                 strict=True):
        program, borrowed = _program(rng, catalogue, problem, verdict, languages[team],
                                     borrowable_ce)
        size = int(min(SIZE_MAX, max(SIZE_MIN, rng.lognormvariate(math.log(SIZE_MEDIAN),
                                                                  SIZE_SIGMA))))
        out.append(Planned(team, problem, at, verdict, program, size, borrowed))
    return out


def _main_language(rng: random.Random) -> str:
    names = list(LANGUAGE_SHARE)
    return rng.choices(names, [LANGUAGE_SHARE[n] for n in names])[0]


def _order(rng: random.Random, k: int, index: int, problems: int, strength: float,
           solved: bool) -> list[float]:
    """When (as a fraction of the contest, increasing) one pair's k attempts come in the
    model's own clock; only the order this gives is kept (see `arrival_times`)."""
    start = 0.03 + 0.75 * (index + 0.5) / problems - 0.08 * strength + rng.gauss(0, 0.08)
    if not solved:
        start = max(start, 1 - 0.7 * rng.random() ** 1.5)
    at, out = start, []
    for _ in range(k):
        out.append(at)
        at += (60 + rng.expovariate(1 / 420)) / DURATION_S
    return out


def rate(x: float) -> float:
    """Submissions per unit of contest time at fraction x of it: rising through the contest,
    with a rush on the first problem at the start and one in the last minutes."""
    return (1 + 2 * x + 3 * math.exp(-(((x - 0.05) / 0.025) ** 2))
            + 4 * math.exp(-(1 - x) / 0.02))


def arrival_times(rng: random.Random, count: int) -> list[float]:
    """`count` contest times (s, whole ms, strictly increasing) drawn from `rate`."""
    steps = 10000
    cumulative, total = [0.0], 0.0
    for i in range(steps):
        total += rate((i + 0.5) / steps)
        cumulative.append(total)
    low, high = 1.0, DURATION_S - 1.0 - count * 0.001
    out = []
    for u in sorted(rng.random() * total for _ in range(count)):
        i = min(steps - 1, bisect_right(cumulative, u) - 1)
        x = (i + (u - cumulative[i]) / (cumulative[i + 1] - cumulative[i])) / steps
        out.append(round(low + x * (high - low), 3))
    for i in range(1, count):
        out[i] = max(out[i], round(out[i - 1] + 0.001, 3))
    return out


def _program(rng: random.Random, catalogue: Catalogue, problem: str, verdict: str,
             language: str, borrowable_ce: Sequence[Program]) -> tuple[Program, bool]:
    """A program for that verdict on that problem, in the team's language when there is one."""
    own = list(catalogue.get(problem, {}).get(verdict, ()))
    choices, borrowed = (own, False) if own else (list(borrowable_ce), True)
    mine = [p for p in choices if p.language_id == language]
    if mine:
        return rng.choice(mine), borrowed
    weights = [LANGUAGE_SHARE.get(p.language_id, OTHER_LANGUAGE) for p in choices]
    return rng.choices(choices, weights)[0], borrowed
