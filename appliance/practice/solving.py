"""Practice: any account submits to any open problem of the archive at any time, and is
ranked by problems solved, then by the time it took.

A practice submission is an ordinary submission row under the standing contest `practice`
(no start, no end: no clock refuses it), made by an account and not a team. It waits in the
same durable queue and is judged by the same dispatcher as a contest's; it writes no events
(`store.logged`), so no contest's scoreboard, event feed, awards or audit archive sees it.

Time, without a contest clock: for each solved problem, from the account's first submission
on it to its first accepted one (0 when the first was accepted), summed over the solved
problems. It measures the struggle, not when one happened to start practising. Rejected
submissions add no penalty beyond the time they took.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from appliance.clics.times import iso_time
from appliance.contest.clock import State
from appliance.contest.intake import source_refusal
from appliance.errors import ApplianceError
from appliance.practice.archive import open_now
from appliance.problems.load import load_problem
from appliance.store import Store
from appliance.store_schema import PRACTICE
from judge.languages import Language

RUNNING = (State.STARTED, State.FROZEN)
ACCEPTED = "AC"


class PracticeRefused(ApplianceError):
    """A practice submission that was not accepted; the message is for the account."""


def closed_reason(account_type: str, served_state: State) -> str | None:
    """Why this account may not practise now, or None: team accounts wait while the
    served contest runs (its teams must not test ideas in the archive, and the sandboxes
    are the contest's); the jury practises any time."""
    if account_type == "team" and served_state in RUNNING:
        return "practice opens for teams when the contest is over"
    return None


def take_practice_submission(store: Store, library: Path, languages: Mapping[str, Language],
                             *, account_id: str, problem_id: str, language_id: str,
                             source: bytes, file_name: str, now: datetime,
                             others: Mapping[str, bytes] | None = None,
                             entry_point: str | None = None) -> int:
    """Store a practice submission (its id, after commit) or raise `PracticeRefused`.
    Nothing is recorded for a refusal: practice has no audit."""
    if not store.query("SELECT 1 FROM accounts WHERE id = ?", [account_id]):
        raise PracticeRefused(f"unknown account {account_id!r}")
    if problem_id not in open_now(store, library, now):
        raise PracticeRefused(f"problem {problem_id!r} is not in the practice archive")
    reason = source_refusal(languages, language_id, source)
    if reason:
        raise PracticeRefused(reason)
    problem = load_problem(library / problem_id)
    store.write(lambda db: db.execute(
        "INSERT OR IGNORE INTO problems (id, contest_id, label, name, ordinal, time_limit, "
        "package) VALUES (?, ?, ?, ?, 0, ?, ?)",
        [problem_id, PRACTICE, problem_id, problem.name, problem.limits.time, problem_id]))
    return store.submit(contest_id=PRACTICE, team_id=None, account_id=account_id,
                        problem_id=problem_id, language_id=language_id, source=source,
                        file_name=file_name, time=iso_time(now.timestamp()), contest_time=0.0,
                        others=others, entry_point=entry_point)


# --- results ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Attempt:
    """One practice submission as the results see it."""

    account_id: str
    problem_id: str
    time: datetime
    verdict: str | None  # its current judgement; None while it waits or is judged


@dataclass
class Progress:
    """One account's way on one problem."""

    first: datetime
    tries: int = 0  # judged submissions up to and including the first AC
    pending: int = 0
    solved_at: datetime | None = None

    @property
    def solved(self) -> bool:
        return self.solved_at is not None

    @property
    def time_s(self) -> float:
        """From the first submission to the first AC (only for a solved problem)."""
        return (self.solved_at - self.first).total_seconds() if self.solved_at else 0.0


@dataclass
class Standing:
    """One account's row of the practice leaderboard."""

    account_id: str
    name: str
    solved: int = 0
    time_s: int = 0  # whole seconds
    tried: int = 0  # problems submitted to
    rank: int = 0
    problems: dict[str, Progress] = field(default_factory=dict)


def progress(attempts: Iterable[Attempt]) -> dict[str, dict[str, Progress]]:
    """account -> problem -> its progress, from the attempts in any order."""
    result: dict[str, dict[str, Progress]] = {}
    for a in sorted(attempts, key=lambda a: a.time):
        mine = result.setdefault(a.account_id, {})
        p = mine.setdefault(a.problem_id, Progress(first=a.time))
        if p.solved:
            continue
        if a.verdict is None:
            p.pending += 1
            continue
        p.tries += 1
        if a.verdict == ACCEPTED:
            p.solved_at = a.time
    return result


def leaderboard(attempts: Iterable[Attempt], names: Mapping[str, str]) -> list[Standing]:
    """Accounts ranked by problems solved, then total time (less is better); fully tied
    accounts share a rank (the next is skipped) and are listed by name."""
    rows = []
    for account, problems in progress(attempts).items():
        solved = [p for p in problems.values() if p.solved]
        rows.append(Standing(account, names.get(account, account), len(solved),
                             int(sum(p.time_s for p in solved)), len(problems),
                             problems=problems))
    rows.sort(key=lambda r: (-r.solved, r.time_s, r.name, r.account_id))
    for i, row in enumerate(rows):
        tied = i and (rows[i - 1].solved, rows[i - 1].time_s) == (row.solved, row.time_s)
        row.rank = rows[i - 1].rank if tied else i + 1
    return rows


def attempts_from_store(store: Store, account_id: str | None = None) -> list[Attempt]:
    """Every practice submission (or one account's) with its current verdict."""
    where, params = "s.contest_id = ? AND s.status != 'refused'", [PRACTICE]
    if account_id is not None:
        where += " AND s.account_id = ?"
        params.append(account_id)
    rows = store.query(
        "SELECT s.account_id, s.problem_id, s.time, j.verdict FROM submissions s LEFT JOIN "
        "judgements j ON j.submission_id = s.id AND j.is_current = 1 "
        f"WHERE {where} ORDER BY s.id", params)  # noqa: S608 - fixed clauses
    return [Attempt(r["account_id"], r["problem_id"], datetime.fromisoformat(r["time"]),
                    r["verdict"]) for r in rows]


def practice_submissions_of(store: Store, account_id: str) -> list[dict]:
    """An account's practice submissions, newest first (refused ones too), each with the
    verdict of its current judgement (None while it has none): id, problem_id, language_id,
    time, verdict."""
    return store.query(
        "SELECT s.id, s.problem_id, s.language_id, s.time, j.verdict FROM submissions s "
        "LEFT JOIN judgements j ON j.submission_id = s.id AND j.is_current = 1 "
        "WHERE s.contest_id = ? AND s.account_id = ? ORDER BY s.id DESC", [PRACTICE, account_id])


def account_names(store: Store) -> dict[str, str]:
    """account id -> user name, for the leaderboard."""
    return {r["id"]: r["username"] for r in store.query("SELECT id, username FROM accounts")}
