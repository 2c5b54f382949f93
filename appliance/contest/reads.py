"""The contest's objects read from the store, in the contest's words: the contest, its
problems, teams, groups and organizations, submissions with their judgements and runs.

Rows come back as the store keeps them (dicts of columns); shaping them for a client (CLICS
objects, pages) is the caller's job, and so is deciding who may see them
(`appliance.contest.visibility`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from appliance.contest.visibility import Owner
from appliance.store import Store, clics_submission_id
from appliance.store_schema import PRACTICE

# A judgement counts for its team unless it waits in a rejudging not applied yet.
_NOT_PENDING = "(j.is_current = 1 OR j.rejudging_id IS NULL)"


# --- the contest and its problems ---------------------------------------------------------

def contest_row(store: Store, contest_id: str) -> dict | None:
    """The contest's row, None if there is none."""
    rows = store.query("SELECT * FROM contests WHERE id = ?", [contest_id])
    return rows[0] if rows else None


def contest_ids(store: Store) -> list[str]:
    """Every contest's id in the order they were made (the standing practice row left out)."""
    return [r["id"] for r in store.query("SELECT id FROM contests WHERE id != ? ORDER BY rowid",
                                         [PRACTICE])]


def problems_of(store: Store, contest_id: str) -> list[dict]:
    """The contest's problems, by ordinal."""
    return store.query("SELECT * FROM problems WHERE contest_id = ? ORDER BY ordinal",
                       [contest_id])


def problem_package(store: Store, contest_id: str, problem_id: str) -> str | None:
    """The library folder of a problem of the contest, None if the contest has no such one."""
    rows = store.query("SELECT package FROM problems WHERE id = ? AND contest_id = ?",
                       [problem_id, contest_id])
    return rows[0]["package"] if rows else None


# --- teams, groups, organizations -----------------------------------------------------------

def teams_of(store: Store, contest_id: str) -> list[dict]:
    """The contest's teams (hidden ones too), by id."""
    return store.query("SELECT * FROM teams WHERE id IN (SELECT team_id FROM contest_teams "
                       "WHERE contest_id = ?) ORDER BY id", [contest_id])


def in_contest(store: Store, contest_id: str, team_id: str) -> bool:
    """Whether the team takes part in the contest."""
    return bool(store.query("SELECT 1 FROM contest_teams WHERE contest_id = ? AND team_id = ?",
                            [contest_id, team_id]))


def team_is_hidden(store: Store, team_id: str) -> bool:
    """Whether the team is hidden (False for an unknown team)."""
    return bool(store.query("SELECT 1 FROM teams WHERE id = ? AND hidden = 1", [team_id]))


def team_groups(store: Store) -> dict[str, list[str]]:
    """team id -> the ids of its groups, in id order (teams in no group left out)."""
    groups: dict[str, list[str]] = {}
    for row in store.query("SELECT team_id, group_id FROM team_groups ORDER BY group_id"):
        groups.setdefault(row["team_id"], []).append(row["group_id"])
    return groups


# Groups and organizations are shared rows: a contest's are those its log made or its teams use.
_MADE_IN = "SELECT id FROM events WHERE contest_id = :contest AND type = :type"
_TEAMS_IN = "SELECT team_id FROM contest_teams WHERE contest_id = :contest"


def groups_of(store: Store, contest_id: str) -> list[dict]:
    """The contest's groups, by id."""
    return store.query(
        f"SELECT * FROM groups WHERE id IN ({_MADE_IN}) OR id IN (SELECT group_id "  # noqa: S608
        f"FROM team_groups WHERE team_id IN ({_TEAMS_IN})) ORDER BY id",
        {"contest": contest_id, "type": "groups"})


def organizations_of(store: Store, contest_id: str) -> list[dict]:
    """The contest's organizations, by id."""
    return store.query(
        f"SELECT * FROM organizations WHERE id IN ({_MADE_IN}) OR id IN "  # noqa: S608
        f"(SELECT organization_id FROM teams WHERE id IN ({_TEAMS_IN})) ORDER BY id",
        {"contest": contest_id, "type": "organizations"})


# --- submissions, judgements, runs ------------------------------------------------------------

def submissions_of(store: Store, contest_id: str, *, team_id: str | None = None,
                   submission_id: str | None = None, with_ignored: bool = False) -> list[dict]:
    """The contest's submissions that were taken (refused ones left out, and those a judge
    ignored unless `with_ignored`: the jury's pages), in the order they were stored; only
    one team's, or only the one of this CLICS id, when given. Each row's `id` is the
    internal key, `clics_id` the id clients see."""
    where, params = ["contest_id = ?", "status != 'refused'"], [contest_id]
    if not with_ignored:
        where.append("ignored = 0")
    if team_id is not None:
        where.append("team_id = ?")
        params.append(team_id)
    if submission_id is not None:
        where.append("clics_id = ?")
        params.append(str(submission_id))
    return store.query(f"SELECT * FROM submissions WHERE {' AND '.join(where)} "  # noqa: S608
                       "ORDER BY id", params)


def submission_row(store: Store, contest_id: str, submission_id: str) -> dict | None:
    """One submission of the contest by its CLICS id, whatever its state (refused too), None
    if not there."""
    rows = store.query("SELECT * FROM submissions WHERE clics_id = ? AND contest_id = ?",
                       [str(submission_id), contest_id])
    return rows[0] if rows else None


def submission_clics_id(store: Store, key: int) -> str:
    """The CLICS id of the submission with this internal id (as `Store.submit` returns it)."""
    return clics_submission_id(store.reader(), key)


def judgements_of(store: Store, contest_id: str, *, team_id: str | None = None,
                  submission_id: str | None = None,
                  pending: bool = True) -> list[dict]:
    """The judgements of the contest's submissions, by id, each with its submission's CLICS
    id as `submission_clics_id`; only one team's or one submission's (CLICS id) when given;
    without those of rejudgings not applied yet when `pending` is False; never those of an
    ignored submission (`contest/ignoring.py`)."""
    where, params = ["s.contest_id = ?", "s.ignored = 0"], [contest_id]
    if team_id is not None:
        where.append("s.team_id = ?")
        params.append(team_id)
    if not pending:
        where.append(_NOT_PENDING)
    if submission_id is not None:
        where.append("s.clics_id = ?")
        params.append(str(submission_id))
    return store.query("SELECT j.*, s.clics_id AS submission_clics_id FROM judgements j "
                       f"JOIN submissions s ON s.id = j.submission_id WHERE {' AND '.join(where)} "  # noqa: S608
                       "ORDER BY j.id", params)


def current_judgement(store: Store, submission_id: int) -> dict | None:
    """The current judgement of the submission with this internal id, None while it has
    none."""
    rows = store.query("SELECT * FROM judgements WHERE submission_id = ? AND is_current = 1",
                       [submission_id])
    return rows[0] if rows else None


def compile_output_of(store: Store, judgement_id: int | str) -> str | None:
    """The compiler's output kept with a judgement (plain text), None when there is none."""
    rows = store.query("SELECT compile_output FROM judgements WHERE id = ?", [judgement_id])
    return rows[0]["compile_output"] if rows else None


def current_verdicts(store: Store, submission_ids: Sequence[str]) -> dict[str, str]:
    """submission CLICS id -> the verdict of its current judgement, for those judged."""
    if not submission_ids:
        return {}
    marks = ",".join("?" * len(submission_ids))
    rows = store.query("SELECT s.clics_id, j.verdict FROM judgements j JOIN submissions s "
                       "ON s.id = j.submission_id WHERE j.is_current = 1 AND "  # noqa: S608
                       f"s.clics_id IN ({marks})", [str(i) for i in submission_ids])
    return {r["clics_id"]: r["verdict"] for r in rows}


def runs_of(store: Store, judgement_ids: Sequence[int | str]) -> list[dict]:
    """The runs of these judgements, by judgement and then ordinal (test order)."""
    if not judgement_ids:
        return []
    marks = ",".join("?" * len(judgement_ids))
    return store.query(f"SELECT * FROM runs WHERE judgement_id IN ({marks}) "  # noqa: S608
                       "ORDER BY judgement_id, ordinal", list(judgement_ids))


def owner_of(store: Store, kind: str, ident: str) -> Owner | None:
    """The owner of a submission (by CLICS id), judgement or run (`kind` as CLICS names the
    endpoint), None when there is no such object."""
    if kind == "submissions":
        rows = store.query("SELECT team_id, 0 AS pending FROM submissions WHERE clics_id = ?",
                           [ident])
    elif kind == "judgements":
        rows = store.query(f"SELECT s.team_id, NOT {_NOT_PENDING} AS pending "  # noqa: S608
                           "FROM judgements j JOIN submissions s ON s.id = j.submission_id "
                           "WHERE j.id = ?", [ident])
    elif kind == "runs":
        rows = store.query(f"SELECT s.team_id, NOT {_NOT_PENDING} AS pending "  # noqa: S608
                           "FROM runs r JOIN judgements j ON j.id = r.judgement_id "
                           "JOIN submissions s ON s.id = j.submission_id WHERE r.id = ?",
                           [ident])
    else:
        raise ValueError(f"{kind!r} objects have no owner")
    return Owner(rows[0]["team_id"], bool(rows[0]["pending"])) if rows else None


@dataclass(frozen=True)
class SubmissionDetail:
    """A submission with every judgement of it (oldest first, rejudgings' too), each with
    its runs (ordinal, test_name, verdict, time, wall_time, memory, message, and the start
    of the program's output with its size)."""

    row: dict
    judgements: list[tuple[dict, list[dict]]]


def submission_detail(store: Store, contest_id: str,
                      submission_id: str) -> SubmissionDetail | None:
    """Everything the jury looks at about one submission of the contest (by CLICS id); None
    if not there."""
    row = submission_row(store, contest_id, submission_id)
    if row is None:
        return None
    judgements = [(j, store.query("SELECT ordinal, test_name, verdict, time, wall_time, "
                                  "memory, message, output, output_size FROM runs "
                                  "WHERE judgement_id = ? "
                                  "ORDER BY ordinal", [j["id"]]))
                  for j in store.query("SELECT * FROM judgements WHERE submission_id = ? "
                                       "ORDER BY id", [row["id"]])]
    return SubmissionDetail(row, judgements)
