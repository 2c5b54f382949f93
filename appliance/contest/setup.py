"""Contest set-up into the store: a CLICS contest package, or a quick contest from packages.

Problem packages are imported into the library first (each all or nothing); then the
contest, its problems, organizations, groups, teams and accounts (passwords hashed) are
written in ONE transaction with their events, so a half-imported contest never exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.accounts import username_key
from appliance.clics.events import contest_event, named_event, problem_event, team_event
from appliance.clics.times import reltime
from appliance.contest.package import (
    SCORE_MODES,
    Account,
    Contest,
    ContestError,
    ContestPackage,
    Problem,
    Team,
    length_errors,
)
from appliance.passwords import generate_password, hash_password
from appliance.problems.library import import_package
from appliance.problems.load import load_problem
from appliance.problems.subtasks import contest_errors, problem_scoring
from appliance.store import Store


@dataclass(frozen=True)
class ImportedContest:
    """What `import_contest` wrote."""

    id: str
    problems: int
    teams: int
    accounts: int
    warnings: tuple[str, ...] = ()  # what was read past (files ignored), one line each


def import_contest(store: Store, package: ContestPackage, library: Path) -> ImportedContest:
    """Write a contest package into the store; refuse one whose id is already there."""
    contest = package.contest
    _refuse_taken(package, store.reader())  # before the packages enter the library
    time_limits, folders, names, warnings = {}, {}, {}, list(package.warnings)
    max_scores: dict[str, float | None] = {}
    refused: list[str] = []
    for problem in package.problems:
        if problem.package is None:
            raise ContestError([f"{package.path}: problem {problem.id!r} has no package"])
        imported = import_package(problem.package, library)
        loaded = load_problem(imported.path)
        time_limits[problem.id] = problem.time_limit or loaded.limits.time
        names[problem.id] = problem.name or loaded.name or problem.id
        folders[problem.id] = imported.path.name
        warnings += imported.ignored
        scoring = problem_scoring(loaded)
        max_scores[problem.id] = scoring.max_score if scoring else None
        if contest.scoreboard_type == "score":
            refused += contest_errors(problem.id, loaded)
    if refused:  # every problem's fault at once, and no contest row written
        raise ContestError(refused)
    hashes = {a.id: hash_password(a.password) for a in package.accounts if a.password}

    def write(db) -> None:
        _refuse_taken(package, db)  # again, in the transaction: nothing was written between
        db["contests"].insert({
            "id": contest.id, "name": contest.name, "formal_name": contest.formal_name,
            "start_time": contest.start_time.isoformat() if contest.start_time else None,
            "duration": int(contest.duration),
            "scoreboard_freeze_duration": int(contest.scoreboard_freeze_duration),
            "penalty_time": int(contest.penalty_time),
            "scoreboard_type": contest.scoreboard_type, "score_mode": contest.score_mode,
            "score_tiebreak": contest.score_tiebreak})
        store.append_event(db, "contests", contest.id, contest_event(
            id=contest.id, name=contest.name, formal_name=contest.formal_name,
            start_time=contest.start_time.isoformat() if contest.start_time else None,
            duration=reltime(contest.duration, millis=False),
            scoreboard_freeze_duration=reltime(contest.scoreboard_freeze_duration,
                                               millis=False),
            penalty_minutes=int(contest.penalty_time // 60),
            scoreboard_type=contest.scoreboard_type))
        for p in package.problems:
            db["problems"].insert({"id": p.id, "contest_id": contest.id, "label": p.label,
                                   "name": names[p.id], "ordinal": p.ordinal,
                                   "time_limit": time_limits[p.id], "rgb": p.rgb,
                                   "package": folders[p.id],
                                   "max_score": max_scores[p.id]})
            store.append_event(db, "problems", p.id, problem_event(
                id=p.id, label=p.label, name=names[p.id], ordinal=p.ordinal, rgb=p.rgb,
                color=p.color, time_limit=time_limits[p.id], max_score=max_scores[p.id]))
        for o in package.organizations:
            db["organizations"].insert({"id": o.id, "name": o.name,
                                        "formal_name": o.formal_name, "country": o.country})
            store.append_event(db, "organizations", o.id, named_event(o.id, o.name))
        for g in package.groups:
            db["groups"].insert({"id": g.id, "name": g.name})
            store.append_event(db, "groups", g.id, named_event(g.id, g.name))
        for t in package.teams:
            db["teams"].insert({"id": t.id, "name": t.name, "display_name": t.display_name,
                                "organization_id": t.organization_id, "hidden": int(t.hidden)})
            for group in t.group_ids:
                db["team_groups"].insert({"team_id": t.id, "group_id": group})
            store.append_event(db, "teams", t.id, team_event(
                id=t.id, name=t.name, label=t.label, organization_id=t.organization_id,
                group_ids=t.group_ids))
        for a in package.accounts:
            db["accounts"].insert({"id": a.id, "username": a.username, "type": a.type,
                                   "password_hash": hashes.get(a.id), "team_id": a.team_id})

    store.write(write)
    return ImportedContest(contest.id, len(package.problems), len(package.teams),
                           len(package.accounts), tuple(warnings))


# What a contest package brings that must be new to the store: (kind, table, column, ids).
def _new_ids(package: ContestPackage) -> list[tuple[str, str, str, list[str]]]:
    return [("contest", "contests", "id", [package.contest.id]),
            ("problem", "problems", "id", [p.id for p in package.problems]),
            ("organization", "organizations", "id", [o.id for o in package.organizations]),
            ("group", "groups", "id", [g.id for g in package.groups]),
            ("team", "teams", "id", [t.id for t in package.teams]),
            ("account", "accounts", "id", [a.id for a in package.accounts]),
            ("user name", "accounts", "username", [a.username for a in package.accounts])]


def _refuse_taken(package: ContestPackage, db) -> None:
    """Raise one ContestError naming the ids of the package the store holds already (ids
    are unique across the data folder's contests, practice included)."""
    taken, accounts = [], set()
    for kind, table, column, wanted in _new_ids(package):
        if kind == "user name":  # only those not named as an account id already
            wanted = [name for name in wanted if name not in accounts]
        found = []
        if kind == "user name":  # as logins compare them: "Admin" is "admin"
            stored = {username_key(row[0]): row[0]
                      for row in db.execute("SELECT username FROM accounts")}
            found = [stored[username_key(name)] for name in wanted
                     if username_key(name) in stored]
            wanted = []
        for start in range(0, len(wanted), 500):  # SQLite's limit on parameters
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            found += [row[0] for row in db.execute(
                f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", chunk)]
        if kind == "account":
            accounts = set(found)
        if found:
            found.sort()
            more = f" and {len(found) - 3} more" if len(found) > 3 else ""
            names = ", ".join(repr(i) for i in found[:3])
            taken.append(f"{kind}{'s' if len(found) > 1 else ''} {names}{more}")
    if taken:
        raise ContestError([f"{package.path}: already imported: {'; '.join(taken)} (ids are "
                            "unique across the data folder's contests)"])


# Balloon colours for generated contests: distinct on a scoreboard and on a contest floor.
BALLOONS = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
            "#9a6324", "#800000", "#469990", "#000075", "#808000")


def quick_contest(name: str, packages: list[Path], teams: int, duration_s: float = 5 * 3600,
                  freeze_s: float = 3600, start_time: datetime | None = None,
                  score_mode: str | None = None, score_tiebreak: str = "time"
                  ) -> ContestPackage:
    """A contest of these problem packages and `teams` generated teams, each with an
    account and a fresh password, plus a judge account (`jury`) and an admin account
    (`admin`, for tools that submit for teams); scheduled at `start_time` if given; a
    score contest when `score_mode` is given (`SCORE_MODES`)."""
    ident = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "contest"
    wrong = length_errors(duration_s, freeze_s)
    if wrong:
        raise ContestError([f"{key.replace('_', '-')}: {message}"
                            for key, message in wrong.items()])
    if start_time is not None and start_time.tzinfo is None:
        raise ContestError(["start-time: needs its offset from UTC, e.g. +02:00 or Z"])
    contest = Contest(id=ident, name=name, formal_name=name, start_time=start_time,
                      duration=duration_s, scoreboard_freeze_duration=freeze_s,
                      penalty_time=20 * 60, scoreboard_type="score" if score_mode else "pass-fail",
                      score_mode=score_mode or SCORE_MODES[0], score_tiebreak=score_tiebreak)
    problems = tuple(Problem(id=re.sub(r"[^a-z0-9]+", "-", p.name.lower()) or f"p{i}",
                             label=_label(i), name=load_problem(p).name, ordinal=i,
                             color=None, rgb=BALLOONS[i % len(BALLOONS)], package=p)
                     for i, p in enumerate(packages))
    team_list = tuple(Team(id=f"team{i:03d}", name=f"Team {i}", label=str(i))
                      for i in range(1, teams + 1))
    accounts = tuple(Account(id=t.id, username=t.id, type="team", team_id=t.id,
                             password=generate_password()) for t in team_list)
    accounts += (Account(id="jury", username="jury", type="judge",
                         password=generate_password(4)),
                 Account(id="admin", username="admin", type="admin",
                         password=generate_password(5)))
    return ContestPackage(path=Path(f"<{ident}>"), contest=contest, problems=problems,
                          teams=team_list, accounts=accounts)


def _label(index: int) -> str:
    """A, B, ..., Z, AA, AB, ... as contest problem labels."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label

