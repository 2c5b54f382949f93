"""The practice archive: which problems of the library are open for practice, their tags, and
the search over them.

A problem of the archive is a package folder of the library. Folders are content-addressed
(`short-name-digest12`), so a package used by several contests, or imported twice, is one
problem here; its folder name is its id. A package is open once every contest that uses it
has ended (a package in no contest, imported with `podium package import`, is open at
once): a problem reused in an upcoming contest leaves the archive again until that one ends.

Tags are problem.yaml `keywords`; the words `easy`, `medium` and `hard` among them are the
problem's difficulty (the package format has no difficulty key of its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.contest.clock import State
from appliance.contest.control import load_clock
from appliance.problems.load import Problem
from appliance.store import Store
from appliance.store_schema import PRACTICE

DIFFICULTIES = ("easy", "medium", "hard")
OVER = (State.ENDED, State.FINALIZED, State.THAWED)


@dataclass(frozen=True)
class ArchiveProblem:
    """One problem of the archive, as the list and the search see it."""

    id: str  # the package's folder in the library
    name: str
    difficulty: str | None
    tags: tuple[str, ...]  # the keywords other than the difficulty
    time_limit: float

    @classmethod
    def of(cls, folder: str, problem: Problem) -> ArchiveProblem:
        words = [k.lower() for k in problem.keywords]
        difficulty = next((w for w in words if w in DIFFICULTIES), None)
        return cls(folder, problem.name, difficulty,
                   tuple(dict.fromkeys(w for w in words if w not in DIFFICULTIES)),
                   problem.limits.time)


def open_folders(folders: Iterable[str], uses: Iterable[tuple[str, State]]) -> list[str]:
    """The folders open for practice: those whose every contest (folder, its state) is
    over; a folder no contest uses is open."""
    closed = {folder for folder, state in uses if state not in OVER}
    return sorted(f for f in folders if f not in closed)


def search(problems: Iterable[ArchiveProblem], text: str = "", tag: str = "",
           difficulty: str = "") -> list[ArchiveProblem]:
    """The problems matching every word of `text` (in the name, a tag or the difficulty,
    ignoring case), carrying `tag` and of `difficulty` when given; by name."""
    words = text.lower().split()
    tag, difficulty = " ".join(tag.lower().split()), difficulty.lower().strip()

    def matches(p: ArchiveProblem) -> bool:
        haystack = " ".join((p.name.lower(), p.difficulty or "", *p.tags))
        return (all(w in haystack for w in words) and (not tag or tag in p.tags)
                and (not difficulty or p.difficulty == difficulty))

    return sorted((p for p in problems if matches(p)), key=lambda p: (p.name.lower(), p.id))


def all_tags(problems: Iterable[ArchiveProblem]) -> list[str]:
    """Every tag of these problems, once, sorted (for the search's choice of tags)."""
    return sorted({t for p in problems for t in p.tags})


def library_folders(library: Path) -> list[str]:
    """The package folders of the library (an import in progress is a hidden folder)."""
    if not library.is_dir():
        return []
    return sorted(p.name for p in library.iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def contest_uses(store: Store, now: datetime) -> list[tuple[str, State]]:
    """Each (package folder, state of a contest using it) of the store's contests."""
    rows = store.query("SELECT DISTINCT package, contest_id FROM problems WHERE "
                       "contest_id != ? AND package IS NOT NULL", [PRACTICE])
    states = {cid: load_clock(store, cid).state(now) for cid in {r["contest_id"] for r in rows}}
    return [(r["package"], states[r["contest_id"]]) for r in rows]


def open_now(store: Store, library: Path, now: datetime) -> list[str]:
    """The library's folders open for practice at `now`."""
    return open_folders(library_folders(library), contest_uses(store, now))


def archive(problems: Mapping[str, Problem]) -> list[ArchiveProblem]:
    """The archive's problems from their loaded packages (folder -> package), by name."""
    return search(ArchiveProblem.of(folder, p) for folder, p in problems.items())
