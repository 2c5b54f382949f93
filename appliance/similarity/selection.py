"""The similarity report of a stored contest: which submissions are compared, their sources
from the blobs, the problem's templates, and reports kept while the selection is unchanged.

By default each team's first accepted submission of the problem is compared (the one that
scored; later ones are usually the same program again); with `accepted_only=False` every
submission that was not refused is, and pairs of one team are still left out.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from appliance.errors import ApplianceError
from appliance.functions.code import stubs_for
from appliance.problems.load import load_problem
from appliance.similarity.fingerprints import Report, Source, compare
from appliance.store import Store


class SimilarityError(ApplianceError):
    """The report cannot be made as asked (no such contest or problem)."""


@dataclass(frozen=True)
class Selected:
    """A submission chosen for comparison, before its source is read."""

    id: str
    team_id: str
    language_id: str
    file_name: str
    source_hash: str


def contest_problems(store: Store, contest_id: str, problem: str | None = None) -> list[dict]:
    """The contest's problems in order, or the one named by id or label."""
    if not store.query("SELECT 1 FROM contests WHERE id = ?", [contest_id]):
        raise SimilarityError(f"no contest {contest_id!r}")
    rows = store.query("SELECT id, label, name FROM problems WHERE contest_id = ? "
                       "ORDER BY ordinal", [contest_id])
    if problem is None:
        return rows
    chosen = [r for r in rows if problem in (r["id"], r["label"])]
    if not chosen:
        known = ", ".join(f"{r['label']} ({r['id']})" for r in rows) or "none"
        raise SimilarityError(f"no problem {problem!r} in contest {contest_id!r}; it has "
                              f"{known}")
    return chosen[:1]


def problem_templates(store: Store, library: Path | None, problem_id: str) -> list[
        tuple[str, str, str]]:
    """The code every team was given for the problem, as (text, language id, file name):
    its fingerprints count for no one. A function problem's stubs are such code; without
    the package library (or a package), none."""
    if library is None:
        return []
    rows = store.query("SELECT package FROM problems WHERE id = ?", [problem_id])
    if not rows or not rows[0]["package"]:
        return []
    try:
        spec = load_problem(library / rows[0]["package"]).function
    except ApplianceError:
        return []
    if spec is None:
        return []
    return [(text, language, "stub") for language, text in stubs_for(spec).items()]


def select_submissions(store: Store, contest_id: str, problem_id: str,
                       accepted_only: bool = True) -> list[Selected]:
    """The submissions compared for one problem, in contest order."""
    rows = store.query(
        "SELECT s.id, s.clics_id, s.team_id, s.language_id, s.file_name, s.source_hash, j.verdict "
        "FROM submissions s LEFT JOIN judgements j ON j.submission_id = s.id "
        "AND j.is_current = 1 WHERE s.contest_id = ? AND s.problem_id = ? "
        "AND s.status != 'refused' ORDER BY s.contest_time, s.id", [contest_id, problem_id])
    chosen: list[Selected] = []
    teams: set[str] = set()
    for row in rows:
        if accepted_only and (row["verdict"] != "AC" or row["team_id"] in teams):
            continue
        teams.add(row["team_id"])
        chosen.append(Selected(row["clics_id"], row["team_id"], row["language_id"],
                               row["file_name"], row["source_hash"]))
    return chosen


def sources(store: Store, selected: Sequence[Selected]) -> list[Source]:
    """The main source of each chosen submission, read from the blobs (other files, rare in
    contests, are not compared)."""
    return [Source(s.id, s.team_id, s.language_id, s.file_name,
                   store.blobs.path(s.source_hash).read_text(errors="replace"))
            for s in selected]


def report_of(store: Store, library: Path | None, problem_id: str,
              chosen: Sequence[Selected], seen: dict | None = None) -> Report:
    """The chosen submissions of one problem compared, every pair that shares a fingerprint
    (`seen`: tokens kept from earlier reports; `library`: the packages, for templates)."""
    return compare(problem_id, sources(store, chosen),
                   problem_templates(store, library, problem_id), seen=seen)


def problem_report(store: Store, contest_id: str, problem_id: str,
                   accepted_only: bool = True, library: Path | None = None) -> Report:
    """One problem's similarity report."""
    return report_of(store, library, problem_id,
                     select_submissions(store, contest_id, problem_id, accepted_only))


def contest_reports(store: Store, contest_id: str, problem: str | None = None,
                    accepted_only: bool = True, library: Path | None = None) -> list[Report]:
    """The report of each problem of the contest (or of the one named)."""
    return [problem_report(store, contest_id, row["id"], accepted_only, library)
            for row in contest_problems(store, contest_id, problem)]


class ReportCache:
    """Reports kept while the compared submissions stay the same (the server's console asks
    again and again; a new accepted submission changes the selection and so the report)."""

    def __init__(self) -> None:
        self._reports: dict[tuple[str, str, bool], tuple[tuple, Report]] = {}
        self._seen: dict = {}  # tokens of every source compared so far
        self._lock = threading.Lock()

    def report(self, store: Store, contest_id: str, problem_id: str,
               accepted_only: bool = True, library: Path | None = None) -> Report:
        """The problem's report, made again only when the compared submissions changed."""
        chosen = select_submissions(store, contest_id, problem_id, accepted_only)
        key = (contest_id, problem_id, accepted_only)
        selection = tuple((s.id, s.source_hash) for s in chosen)
        with self._lock:  # one report at a time: `seen` is shared
            kept = self._reports.get(key)
            if kept and kept[0] == selection:
                return kept[1]
            made = report_of(store, library, problem_id, chosen, self._seen)
            self._reports[key] = (selection, made)
        return made
