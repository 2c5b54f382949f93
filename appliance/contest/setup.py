"""Contest set-up into the store: a CLICS contest package, or a quick contest from packages.

Every check that needs no library comes first (ids already taken, the submissions' languages
and main files); then the problem packages are imported into the library (each all or
nothing); then the contest, its problems, organizations, groups, teams, accounts (passwords
hashed) and submissions (queued, to be judged here) are written in ONE transaction with their
events, so a half-imported contest never exists. A refusal after the library import removes
the package folders it added, so nothing of a refused contest stays anywhere.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from appliance.accounts import username_key
from appliance.clics.events import contest_event, named_event, problem_event, team_event
from appliance.clics.times import iso_time, reltime
from appliance.contest.clarifications import insert_clarification
from appliance.contest.package import (
    SCORE_MODES,
    Account,
    Clarification,
    Contest,
    ContestError,
    ContestPackage,
    Problem,
    Submission,
    Team,
    length_errors,
)
from appliance.contest.submission_files import FilesError, SubmittedFiles, choose_main
from appliance.passwords import generate_password, hash_password
from appliance.problems.library import import_package
from appliance.problems.load import load_problem
from appliance.problems.subtasks import contest_errors, problem_scoring
from appliance.store import Store
from judge.languages import load_languages


@dataclass(frozen=True)
class ImportedContest:
    """What `import_contest` wrote."""

    id: str
    problems: int
    teams: int
    accounts: int
    warnings: tuple[str, ...] = ()  # what was read past (files ignored), one line each
    submissions: int = 0


def import_contest(store: Store, package: ContestPackage, library: Path) -> ImportedContest:
    """Write a contest package into the store; refuse one whose id is already there, and
    leave nothing behind (store or library) when refused."""
    _refuse_taken(package, store.reader())  # before the packages enter the library
    submitted = _submissions(package)
    clarifications = _clarification_times(package)
    library.mkdir(parents=True, exist_ok=True)
    before = set(library.iterdir())
    try:
        return _import(store, package, library, submitted, clarifications)
    except BaseException:
        for folder in set(library.iterdir()) - before:  # what this import added
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _import(store: Store, package: ContestPackage, library: Path,
            submitted: list[tuple[Submission, SubmittedFiles, str]],
            clarifications: list[tuple[Clarification, str, float | None]]) -> ImportedContest:
    contest = package.contest
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
    stored = [(s, files, at, store.blobs.put_bytes(files.main),
               {n: store.blobs.put_bytes(d) for n, d in files.others.items()})
              for s, files, at in submitted]  # content-addressed: safe to leave behind
    arrival = iso_time(time.time())

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
            scoreboard_type=contest.scoreboard_type), contest_id=contest.id)
        for p in package.problems:
            db["problems"].insert({"id": p.id, "contest_id": contest.id, "label": p.label,
                                   "name": names[p.id], "ordinal": p.ordinal,
                                   "time_limit": time_limits[p.id], "rgb": p.rgb,
                                   "package": folders[p.id],
                                   "max_score": max_scores[p.id]})
            store.append_event(db, "problems", p.id, problem_event(
                id=p.id, label=p.label, name=names[p.id], ordinal=p.ordinal, rgb=p.rgb,
                color=p.color, time_limit=time_limits[p.id], max_score=max_scores[p.id]),
                contest_id=contest.id)
        for o in package.organizations:
            db["organizations"].insert({"id": o.id, "name": o.name,
                                        "formal_name": o.formal_name, "country": o.country})
            store.append_event(db, "organizations", o.id, named_event(o.id, o.name),
                               contest_id=contest.id)
        for g in package.groups:
            db["groups"].insert({"id": g.id, "name": g.name})
            store.append_event(db, "groups", g.id, named_event(g.id, g.name), contest_id=contest.id)
        for t in package.teams:
            db["teams"].insert({"id": t.id, "name": t.name, "label": t.label,
                                "display_name": t.display_name,
                                "organization_id": t.organization_id, "hidden": int(t.hidden),
                                "location": t.location})
            for group in t.group_ids:
                db["team_groups"].insert({"team_id": t.id, "group_id": group})
            db["contest_teams"].insert({"contest_id": contest.id, "team_id": t.id})
            store.append_event(db, "teams", t.id, team_event(
                id=t.id, name=t.name, label=t.label, organization_id=t.organization_id,
                group_ids=t.group_ids), contest_id=contest.id)
        for a in package.accounts:
            db["accounts"].insert({"id": a.id, "username": a.username, "type": a.type,
                                   "password_hash": hashes.get(a.id), "team_id": a.team_id})
            db["memberships"].insert({"contest_id": contest.id, "account_id": a.id})
        questions: dict[str, int] = {}  # CLICS id -> the row's key, for the replies
        for c, at, contest_time in clarifications:
            made = insert_clarification(
                store, db, contest.id, from_team=c.from_team_id, to_team=c.to_team_id,
                reply_to=None if c.reply_to_id is None else questions[c.reply_to_id],
                problem=c.problem_id, text=c.text, time=at, contest_time=contest_time,
                clics_id=c.id)
            (questions[c.id],) = db.execute("SELECT id FROM clarifications WHERE clics_id = ?",
                                            [made]).fetchone()
        for s, files, at, main_hash, other_hashes in stored:
            store.insert_submission(
                db, contest_id=contest.id, team_id=s.team_id, problem_id=s.problem_id,
                language_id=s.language_id, source_hash=main_hash, file_name=files.main_name,
                time=at, contest_time=s.contest_time, other_hashes=other_hashes,
                entry_point=s.entry_point, clics_id=s.id, arrival=arrival,
                account_id=s.account_id)

    store.write(write)
    return ImportedContest(contest.id, len(package.problems), len(package.teams),
                           len(package.accounts), tuple(warnings), len(stored))


def _clarification_times(package: ContestPackage
                         ) -> list[tuple[Clarification, str, float | None]]:
    """Each clarification with its time as stored (given, or the start plus its contest
    time) and its contest time."""
    start, found, errors = package.contest.start_time, [], []
    for c in package.clarifications:
        at = c.time or (start + timedelta(seconds=c.contest_time)
                        if start and c.contest_time is not None else None)
        if at is None:
            errors.append(f"{package.path / 'clarifications.json'}: {c.key}.time: is missing")
            continue
        found.append((c, iso_time(at.timestamp()), c.contest_time))
    if errors:
        raise ContestError(errors)
    return found


def _submissions(package: ContestPackage) -> list[tuple[Submission, SubmittedFiles, str]]:
    """Each submission of the package with its main file chosen and its time (given, or
    the contest's start plus its contest time); every fault raised together, each naming
    submissions.json and the key."""
    if not package.submissions:
        return []
    languages, file = load_languages(), package.path / "submissions.json"
    start, found, errors = package.contest.start_time, [], []
    for s in package.submissions:
        if s.contest_time > package.contest.duration:
            errors.append(f"{file}: {s.key}.contest_time: {reltime(s.contest_time)} lies after "
                          f"the contest's end ({reltime(package.contest.duration)})")
            continue
        language = languages.get(s.language_id)
        if language is None:
            errors.append(f"{file}: {s.key}.language_id: no language {s.language_id!r} here")
            continue
        try:
            files = choose_main(s.files, language, s.entry_point)
        except FilesError as exc:
            errors.append(f"{file}: {s.key}.files: {exc}")
            continue
        at = s.time or (start + timedelta(seconds=s.contest_time) if start else None)
        if at is None:
            errors.append(f"{file}: {s.key}.time: is missing (and the contest has no "
                          "start_time to count its contest_time from)")
            continue
        found.append((s, files, iso_time(at.timestamp())))
    if errors:
        raise ContestError(errors)
    return found


# What a contest package brings that must be new to the store: (kind, table, column, ids).
def _new_ids(package: ContestPackage) -> list[tuple[str, str, str, list[str]]]:
    return [("contest", "contests", "id", [package.contest.id]),
            ("problem", "problems", "id", [p.id for p in package.problems]),
            ("organization", "organizations", "id", [o.id for o in package.organizations]),
            ("group", "groups", "id", [g.id for g in package.groups]),
            ("team", "teams", "id", [t.id for t in package.teams]),
            ("account", "accounts", "id", [a.id for a in package.accounts]),
            ("user name", "accounts", "username", [a.username for a in package.accounts]),
            ("submission", "submissions", "clics_id", [s.id for s in package.submissions]),
            ("clarification", "clarifications", "clics_id",
             [c.id for c in package.clarifications])]


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

