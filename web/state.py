"""What every request handler shares: the store, the served contests (one `Podium` each: the
contest, its live view), the accounts, the languages and the problem packages, and the
limits the server enforces (shared by every contest: one team, one rate)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import functools
import html
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from aiohttp import web

from appliance.clics import objects as clics
from appliance.contest.intake import MAX_SOURCE
from appliance.contest.reads import problem_package, problems_of, teams_of
from appliance.errors import PackageError
from appliance.metrics.collectors import JudgingFigures
from appliance.problems.load import Problem, load_problem
from appliance.signing import signing_key
from appliance.similarity.selection import ReportCache
from appliance.statements.attachments import attachments
from appliance.statements.render import render_statement
from appliance.store import Store
from judge.languages import Language
from judge.limits import MiB
from web.auth import Accounts, User
from web.downloads import pdf_statements
from web.floods import Caps, StreamGate, file_limit
from web.live import Live
from web.ratelimit import SharedWindow, shared_window

SUBMISSIONS_PER_MINUTE = 10
PRINTS, PRINT_WINDOW_S = 5, 600.0  # print jobs of one team
RUNS_PER_MINUTE = 10  # custom runs of one team (or account): they share the sandboxes
_WRITERS = concurrent.futures.ThreadPoolExecutor(4, "store-write")  # the store serialises them


@dataclass
class Podium:
    """A served contest and everything around it; the request's is `web.api.podium_of`.
    Every contest's Podium shares the store, accounts, caches and limits of the first."""

    store: Store
    contest_id: str
    library: Path
    languages: dict[str, Language]
    live: Live
    accounts: Accounts
    submit_limit: SharedWindow  # every limit shared by the workers (web/ratelimit.py)
    print_limit: SharedWindow
    run_limit: SharedWindow
    pool_size: int = 0  # sandboxes judging at once (0: this server does not judge)
    judging_error: Callable[[], str | None] = lambda: None  # why judging stopped, if it did
    judging_figures: Callable[[], JudgingFigures | None] = lambda: None  # this process's
    max_source: int = MAX_SOURCE
    similarity: ReportCache = field(default_factory=ReportCache)  # reports per selection
    archive_key: str = ""  # the fingerprint of the key audit archives are signed with
    streams: StreamGate = field(  # the streams open now, and who may open one more
        default_factory=lambda: StreamGate(Caps.from_files(file_limit())))
    _problems: dict[str, Problem] = field(default_factory=dict)  # library folder -> package
    _statements: dict[tuple[str, str], str] = field(default_factory=dict)  # (folder, lang)

    @classmethod
    def open(cls, store: Store, contest_id: str, library: Path,
             languages: dict[str, Language]) -> Podium:
        data = store.path.parent
        return cls(store, contest_id, library, languages, Live(store, contest_id),
                   Accounts(store),
                   shared_window(data, "submissions", SUBMISSIONS_PER_MINUTE, 60.0),
                   shared_window(data, "prints", PRINTS, PRINT_WINDOW_S),
                   shared_window(data, "runs", RUNS_PER_MINUTE, 60.0),
                   archive_key=signing_key(data).fingerprint)

    def for_contest(self, contest_id: str) -> Podium:
        """Another contest served beside this one: its own live view, everything else
        shared (the caches of packages and statements, the rates, the stream gate)."""
        return dataclasses.replace(self, contest_id=contest_id,
                                   live=Live(self.store, contest_id))

    def now(self) -> datetime:
        return datetime.now(UTC)

    def problem_rows(self) -> list[dict]:
        return problems_of(self.store, self.contest_id)

    def team_rows(self) -> list[dict]:
        return teams_of(self.store, self.contest_id)

    def package(self, problem_id: str) -> Problem:
        """A contest problem's package, read once (statements, samples, limits)."""
        return self.library_package(self._folder(problem_id))

    def _folder(self, problem_id: str) -> str:
        """The library folder of a contest problem (404 for another)."""
        folder = problem_package(self.store, self.contest_id, problem_id)
        if folder is None:
            raise web.HTTPNotFound(text=f"no problem {problem_id!r}")
        return folder

    def library_package(self, folder: str) -> Problem:
        """A package of the library by its folder, read once (folders never change: their
        names carry their content's digest)."""
        if folder not in self._problems:
            self._problems[folder] = load_problem(self.library / folder)
        return self._problems[folder]

    def statement_html(self, problem_id: str, language: str | None = None) -> str:
        """A contest problem's statement as HTML (in `language`, else the default one)."""
        return self.library_statement(self._folder(problem_id), language)

    def library_statement(self, folder: str, language: str | None = None) -> str:
        """A package's statement in `language` (None: English, else its first) as HTML,
        rendered once; 404 naming the languages there are for one it lacks."""
        package = self.library_package(folder)
        files = package.statements
        chosen = statement_language(files, language)
        if (folder, chosen) not in self._statements:
            self._statements[folder, chosen] = _statement_html(files[chosen],
                                                               package.constants) \
                if chosen else "<p>This problem has no statement.</p>"
        return self._statements[folder, chosen]

    @cached_property
    def test_counts(self) -> dict[str, int]:
        return {row["id"]: len(self.package(row["id"]).tests) for row in self.problem_rows()}

    @cached_property
    def problem_limits(self) -> dict[str, clics.ProblemLimits]:
        """Each problem's limits as judged: its package's memory and output limits, and the
        size of source the intake takes."""
        limits = {}
        for row in self.problem_rows():
            judged = self.package(row["id"]).limits
            limits[row["id"]] = clics.ProblemLimits(
                memory_mib=judged.memory // MiB, output_mib=judged.output // MiB,
                code_kib=self.max_source // 1024)
        return limits

    @cached_property
    def problem_files(self) -> dict[str, clics.ProblemFiles]:
        """Each problem's PDF statements and attachments, the files the API offers."""
        files = {}
        for row in self.problem_rows():
            package = self.package(row["id"])
            files[row["id"]] = clics.ProblemFiles(
                tuple(p.name for p in pdf_statements(package)),
                tuple(p.name for p in attachments(package)))
        return files

    def context(self) -> clics.Context:
        return clics.Context(self.contest_id, self.live.clock, self.test_counts,
                             self.problem_limits, self.problem_files)

    def check_submit_rate(self, user: User, count: bool = True) -> None:
        """429 with Retry-After past SUBMISSIONS_PER_MINUTE for one team (the jury is free);
        `count` False only looks (before a body is read), True counts a submission."""
        _check_rate(self.submit_limit, f"at most {SUBMISSIONS_PER_MINUTE} submissions a minute",
                    user, count)

    def check_run_rate(self, user: User, count: bool = True) -> None:
        """429 with Retry-After past RUNS_PER_MINUTE custom runs of one team (or one
        practising account; the jury is free); `count` False only looks."""
        _check_rate(self.run_limit, f"at most {RUNS_PER_MINUTE} runs a minute", user, count)

    async def write(self, fn, *args, **kwargs):
        """Run a store write off the event loop (it waits for the disk), on threads of its
        own: slow password checks elsewhere never hold a submission up."""
        call = functools.partial(fn, *args, **kwargs)
        result = await asyncio.get_running_loop().run_in_executor(_WRITERS, call)
        self.live.poll()  # read your writes: this process's kept answers see it at once
        return result


def _check_rate(limit: SharedWindow, rule: str, user: User, count: bool) -> None:
    """A team's (or an account's) rate against `limit`: 429 saying `rule` and the wait."""
    if user.jury:
        return
    key, now = user.team_id or user.id, time.time()
    wait = limit.hit(key, now) if count else limit.retry_after(key, now)
    if wait:
        raise web.HTTPTooManyRequests(text=f"{rule}: try again in {wait} s",
                                      headers={"Retry-After": str(wait)})


def _statement_html(path: Path, constants: dict[str, dict[str, str]]) -> str:
    """A statement's HTML, or a paragraph saying why it cannot be shown (`podium package
    verify` reports the same)."""
    try:
        return render_statement(path, constants).html
    except PackageError as exc:
        why = str(exc).removeprefix(f"{path}: ")  # the library's folders are not the team's
        return f"<p>This statement cannot be shown: {html.escape(why)}.</p>"


def statement_language(files: dict[str, Path], asked: str | None) -> str:
    """The language a statement is shown in: the one asked for (`?lang=`), else English,
    else the package's first; "" for a package without statements."""
    if asked:
        if asked not in files:
            there = ", ".join(sorted(files)) or "none"
            raise web.HTTPNotFound(text=f"this statement is not in {asked!r}; it is in {there}")
        return asked
    return "en" if "en" in files else next(iter(files), "")


PODIUM = web.AppKey("podium", Podium)
CONTESTS = web.AppKey("contests", dict)  # contest id -> its Podium, in the order served
