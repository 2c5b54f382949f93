"""Cost of the in-memory scoreboard at scale, against a plain dict loop over the same events.

Run by hand: `.venv/bin/python bench/scoreboard.py [--teams 100000] [--events 1000000]`.
Generates a seeded 5-hour contest (13 problems, a realistic verdict mix, judgements arriving a
few events after their submission, 1 % rejudges), applies it event by event timing each
judgement (target p99 <= 1 ms), rebuilds the board from the same events (target <= 10 s),
times one full public view, and prints peak memory (maxrss). The baseline is a dict update
loop over the same events, measured in the same run. `--reveal` also times a full reveal.
"""

from __future__ import annotations

import argparse
import heapq
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appliance.scoreboard.board import (  # noqa: E402
    Event,
    JudgementEvent,
    Problem,
    Scoreboard,
    SubmissionEvent,
    Team,
    Timing,
)
from appliance.scoreboard.reveal import Reveal  # noqa: E402
from judge.verdicts import Verdict  # noqa: E402

MIX = {Verdict.AC: 0.30, Verdict.WA: 0.40, Verdict.TLE: 0.12, Verdict.RTE: 0.08,
       Verdict.CE: 0.07, Verdict.MLE: 0.015, Verdict.OLE: 0.01, Verdict.JE: 0.005}
TIMING = Timing(start=0.0, duration=5 * 3600, freeze_duration=3600, penalty_minutes=20)


def contest(teams: int, count: int, seed: int = 1) -> tuple[list[Team], list[Problem], list]:
    """Teams, problems and `count` events: submissions, their judgements and some rejudges."""
    rng = random.Random(seed)
    team_list = [Team(f"t{n}", f"Team {n:06d}") for n in range(teams)]
    problems = [Problem(f"p{n}", chr(65 + n), n) for n in range(13)]
    rejudges = count // 200
    submissions = (count - rejudges) // 2
    times = sorted(rng.uniform(0, TIMING.duration) for _ in range(submissions))
    verdicts = rng.choices(list(MIX), weights=list(MIX.values()), k=submissions + rejudges)
    events: list[Event] = []
    due: list[tuple[int, int]] = []  # (event position, submission number)
    judged: list[int] = []
    for number, at in enumerate(times):
        while due and due[0][0] <= len(events):
            judged.append(heapq.heappop(due)[1])
            events.append(JudgementEvent(f"s{judged[-1]}", verdicts[judged[-1]]))
        if judged and rng.random() < rejudges / submissions:
            events.append(JudgementEvent(f"s{rng.choice(judged)}", rng.choice(verdicts)))
        events.append(SubmissionEvent(f"s{number}", f"t{rng.randrange(teams)}",
                                      f"p{rng.randrange(13)}", at))
        heapq.heappush(due, (len(events) + rng.randrange(1, 60), number))
    while due:
        sub = heapq.heappop(due)[1]
        events.append(JudgementEvent(f"s{sub}", verdicts[sub]))
    return team_list, problems, events


def dict_loop(events: list) -> float:
    """The baseline: a plain dict update per event, no scoring."""
    started = time.perf_counter()
    subs: dict[str, list] = {}
    for event in events:
        if type(event) is SubmissionEvent:
            subs[event.id] = [event.team_id, event.problem_id, event.contest_time_s, None]
        else:
            subs[event.submission_id][3] = event.verdict
    return time.perf_counter() - started


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--reveal", action="store_true")
    args = parser.parse_args()

    teams, problems, events = contest(args.teams, args.events)
    judgements = sum(type(e) is JudgementEvent for e in events)
    print(f"{len(teams)} teams x {len(problems)} problems, {len(events)} events "
          f"({judgements} judgements)")
    rss_events = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    board = Scoreboard(teams, problems, TIMING)
    costs: list[int] = []
    started = time.perf_counter()
    for event in events:
        if type(event) is JudgementEvent:
            before = time.perf_counter_ns()
            board.apply(event)
            costs.append(time.perf_counter_ns() - before)
        else:
            board.apply(event)
    incremental = time.perf_counter() - started
    costs.sort()
    p50, p99 = costs[len(costs) // 2] / 1e6, costs[len(costs) * 99 // 100] / 1e6
    print(f"one judgement: p50 {p50:.4f} ms, p99 {p99:.4f} ms, max {costs[-1] / 1e6:.2f} ms, "
          f"mean {statistics.fmean(costs) / 1e6:.4f} ms (target p99 <= 1 ms)")
    print(f"all events one by one: {incremental:.2f} s")
    del board

    started = time.perf_counter()
    board = Scoreboard.from_events(teams, problems, TIMING, events)
    rebuild = time.perf_counter() - started
    baseline = dict_loop(events)
    print(f"rebuild from events: {rebuild:.2f} s (target <= 10 s)")
    print(f"baseline dict loop: {baseline:.3f} s; rebuild / baseline = {rebuild / baseline:.1f}x")

    started = time.perf_counter()
    rows = board.view(True)
    print(f"full public view ({len(rows)} rows): {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    for _ in range(1000):
        board.row(teams[0].id, True)
    print(f"one row with its rank: {(time.perf_counter() - started):.4f} ms")
    if args.reveal:
        started = time.perf_counter()
        reveal = Reveal(board)
        steps = 0
        while reveal.step() is not None:
            steps += 1
        print(f"full reveal: {steps} steps in {time.perf_counter() - started:.2f} s; "
              f"public == jury: {board.view(True) == board.view(False)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (maxrss): {peak:.0f} MiB; after generating the events: "
          f"{rss_events:.0f} MiB")


if __name__ == "__main__":
    main()
