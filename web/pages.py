"""The contestants' pages: server-rendered HTML that works with JavaScript off (reading and
submitting are plain links and forms); `static/podium.js` adds the editor, live verdicts,
the live scoreboard and pop-up announcements on top."""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2
from aiohttp import web

from appliance.clics import objects as clics
from appliance.clics.times import iso_time
from appliance.contest.clarifications import ClarificationError, ask
from appliance.contest.ignoring import ignore_log
from appliance.contest.reads import (
    contest_row,
    current_judgement,
    current_verdicts,
    runs_of,
    submission_row,
)
from appliance.contest.shadow_reads import shadow_view
from appliance.contest.visibility import sees_run_of, sees_unfrozen
from appliance.functions.code import offered_languages, stubs_for
from appliance.judging.custom_runs import allows_runs
from appliance.judging.feedback import failed_test, open_groups
from appliance.practice.distribution import standings_of
from appliance.problems.judging import allows_language
from appliance.problems.load import Problem
from appliance.problems.subtasks import problem_scoring, subtask_results
from appliance.statements.attachments import attachments
from appliance.statements.samples import sample_download, statement_samples
from appliance.text.counts import count
from judge.verdicts import Verdict
from web import actions
from web.api import visible_clarifications, visible_submissions
from web.auth import (
    TooManyAttempts,
    User,
    check_csrf,
    csrf_token,
    current_user,
    end_session,
    page_token,
    start_session,
    viewer_of,
)
from web.cached import conditional, encode
from web.contests import podium_of, remember, visible
from web.downloads import (
    attachment_response,
    download_headers,
    statement_asset_response,
)
from web.state import Podium, statement_language
from web.submitting import check_size, from_form, submit

routes = web.RouteTableDef()
JINJA = web.AppKey("jinja", jinja2.Environment)
VERDICT_NAMES = {t["id"]: t["name"] for t in clics.JUDGEMENT_TYPES}
VERDICT_KINDS = {v.value: v.kind for v in Verdict}  # a badge's colour follows its kind
SEQ_WAIT_S = 1.0  # a table asked for at an event this process has not read yet
ANONYMOUS_FORMS = frozenset({"login.html"})  # pages the public posts from: they need a token


async def render(request: web.Request, template: str, context: dict[str, Any],
                 status: int = 200, headers: Any = None) -> web.Response:
    """A page from its template, with what every page shows (user, contest, clock, token,
    the contests one may switch to); an error page for a user in no contest shows none."""
    try:
        podium = podium_of(request)
    except web.HTTPException:
        if template != "error.html":
            raise
        html = request.app[JINJA].get_template(template).render(
            {"contest": None, "csrf": "", "may": {}, "seq": 0, "verdict_kinds": {},
             "user": None, **context, "choices": []})
        return web.Response(text=html, content_type="text/html", status=status,
                            headers=headers)
    now = podium.now()
    clock = podium.live.clock
    posts = context.get("user") is not None or template in ANONYMOUS_FORMS
    base = {"contest": contest_row(podium.store, podium.contest_id),
            "state": clock.state(now).value,
            "countdown": clock.countdown(now), "paused": clock.paused(),
            "csrf": await (csrf_token if posts else page_token)(request),
            "verdict_names": VERDICT_NAMES,
            "verdict_kinds": VERDICT_KINDS, "count": count,
            "seq": podium.live.seq,
            "user": None}
    merged = {**base, **context}
    merged["may"] = actions.menu(podium, merged["user"])
    seen = visible(request, merged["user"]) if merged["user"] else []
    merged["choices"] = [contest_row(p.store, p.contest_id) for p in seen] \
        if len(seen) > 1 else []
    html = request.app[JINJA].get_template(template).render(merged)
    return web.Response(text=html, content_type="text/html", status=status, headers=headers)


async def team_user(request: web.Request) -> User:
    """The logged-in user, or a redirect to the login page."""
    user = await current_user(request)
    if user is None:
        raise web.HTTPSeeOther(f"/login?next={quote(request.path_qs, safe='/')}")
    return user


async def form(request: web.Request) -> dict[str, Any]:
    """A posted form, its CSRF token checked (403 without it)."""
    data = await request.post()
    await check_csrf(request, data.get("csrf"))  # type: ignore[arg-type]
    return dict(data)


# --- login ---------------------------------------------------------------------------------

@routes.get("/")
async def home(request: web.Request) -> web.Response:
    user = await current_user(request)
    raise web.HTTPSeeOther("/problems" if user else "/login")


@routes.get("/login")
async def login_page(request: web.Request) -> web.Response:
    return await render(request, "login.html", {"next": local_path(request.query.get("next")),
                                                "user": await current_user(request)})


def local_path(target: str | None, default: str = "/problems") -> str:
    """Where a login goes next: `target` if it is a path of this server, else `default`.
    Browsers read "//host", "/\\host", and either with a tab or newline inside ("/%09/host")
    as another server, so: one "/" then neither "/" nor "\\", and no control or space
    character, as sent or percent-decoded."""
    if not target:
        return default
    for text in (target, unquote(target)):
        if not text.startswith("/") or text[1:2] in ("/", "\\"):
            return default
        if any(c.isspace() or unicodedata.category(c).startswith("C") for c in text):
            return default
    return target


@routes.post("/login")
async def login(request: web.Request) -> web.Response:
    data = await form(request)
    target = local_path(str(data.get("next") or ""))
    username = str(data.get("username", ""))
    again = {"next": target, "username": username}  # the form shown again keeps the name
    try:
        user = await podium_of(request).accounts.login(username, str(data.get("password", "")),
                                                       request.remote or "?")
    except TooManyAttempts as exc:
        return await render(request, "login.html", {**again, "error": str(exc)},
                            status=429, headers={"Retry-After": str(exc.retry_after)})
    if user is None:
        return await render(request, "login.html",
                            {**again, "error": "wrong user name or password"}, status=401)
    await start_session(request, user)
    raise web.HTTPSeeOther(target)


@routes.post("/contest")
async def choose_contest(request: web.Request) -> web.Response:
    """The contest chooser of the menu: the one picked is kept in the session."""
    data = await form(request)
    await remember(request, str(data.get("contest", "")))
    raise web.HTTPSeeOther("/problems")


@routes.post("/logout")
async def logout(request: web.Request) -> web.Response:
    await form(request)
    await end_session(request)
    raise web.HTTPSeeOther("/login")


# --- problems --------------------------------------------------------------------------------

def _solved(podium: Podium, user: User) -> dict[str, Any]:
    if not user.team_id:
        return {}
    row = podium.live.board.row(user.team_id, public=False)
    return {cell.problem_id: cell for cell in row.cells}


@routes.get("/problems")
async def problems(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    rows = podium.problem_rows() if actions.allowed(podium, user, "problems") else []
    return await render(request, "problems.html", {"user": user, "problems": rows,
                                                   "cells": _solved(podium, user)})


def _problem_row(podium: Podium, user: User, pid: str) -> dict:
    rows = [r for r in podium.problem_rows() if r["id"] == pid]
    if not rows or not actions.allowed(podium, user, "problems"):
        raise web.HTTPNotFound(text=f"no problem {pid!r}")
    return rows[0]


@routes.get("/problems/{pid}")
async def problem_redirect(request: web.Request) -> web.Response:
    raise web.HTTPMovedPermanently(f"/problems/{request.match_info['pid']}/")


@routes.get("/problems/{pid}/")
async def statement(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    row = _problem_row(podium, user, request.match_info["pid"])
    language = request.query.get("lang")
    return await render(request, "statement.html", {
        "user": user, "problem": row, "cell": _solved(podium, user).get(row["id"]),
        **statement_context(podium.package(row["id"]),
                            podium.statement_html(row["id"], language), language)})


def statement_context(package: Problem, html: str,
                      language: str | None = None) -> dict[str, Any]:
    """What `statement_body.html` shows: the statement (in the language asked for, with a
    link to each language it has), its samples (transcripts for an interactive problem) and
    the limits, and the package's attachments to download."""
    return {"statement": html, "samples": statement_samples(package), "limits": package.limits,
            "attachments": [path.name for path in attachments(package)],
            "interactive": package.interactive,
            "statement_languages": sorted(package.statements),
            "statement_language": statement_language(package.statements, language),
            "statement_name": package.names.get(language) if language else None}


@routes.get("/problems/{pid}/samples/{index:\\d+}.{kind:in|ans}")
async def sample_file(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    row = _problem_row(podium, user, request.match_info["pid"])
    return sample_file_response(request, podium.package(row["id"]), row["label"])


def sample_file_response(request: web.Request, package: Problem, prefix: str) -> web.Response:
    """A sample's input or answer (the route's `index` and `kind`) as a download; 404 for
    an interactive problem's (`samples.sample_download`)."""
    kind = request.match_info["kind"]
    found = sample_download(package, int(request.match_info["index"]), kind)
    if found is None:
        raise web.HTTPNotFound(text="no such sample")
    sample, path = found
    return web.Response(body=path.read_bytes(), content_type="text/plain",
                        headers=download_headers(f"{prefix}-{sample}.{kind}"))


@routes.get("/problems/{pid}/attachments/{name}")
async def attachment_file(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    row = _problem_row(podium, user, request.match_info["pid"])
    return attachment_response(podium.package(row["id"]), request.match_info["name"])


@routes.get("/problems/{pid}/{name}")
async def statement_asset(request: web.Request) -> web.Response:
    """An image the statement refers to, from the statement's own folder (no sub-paths)."""
    podium = podium_of(request)
    user = await team_user(request)
    row = _problem_row(podium, user, request.match_info["pid"])
    return statement_asset_response(podium.package(row["id"]), request.match_info["name"])


# --- submitting ------------------------------------------------------------------------------

@routes.get("/submit")
async def submit_page(request: web.Request) -> web.Response:
    user = await team_user(request)
    podium = podium_of(request)
    actions.require(podium, user, "submit")
    return await submit_form_page(request, user, {"chosen": request.query.get("problem")})


async def submit_form_page(request: web.Request, user: User, context: dict[str, Any],
                       status: int = 200, headers: Any = None) -> web.Response:
    """The submit form: per function problem its stubs and the languages it takes, and the
    Run buttons when the contest offers runs."""
    podium = podium_of(request)
    rows = podium.problem_rows()
    packages = {row["id"]: podium.package(row["id"]) for row in rows}
    return await render(request, "submit.html", {
        "user": user, "problems": rows, "languages": list(podium.languages.values()),
        "stubs": _stubs(podium, rows), "offers_runs": allows_runs(podium.store, podium.contest_id),
        "run_action": "/run",
        "offered": {pid: offered(podium, p) for pid, p in packages.items()
                    if p.function or p.metadata.languages is not None},
        **context}, status=status, headers=headers)


def offered(podium: Podium, problem: Problem) -> list[str]:
    """The ids of the languages a problem's submit form offers: a function problem's those
    with a harness (`functions.code.offered_languages`), and of those the ones problem.yaml
    `languages` allows (`problems.judging.allows_language`)."""
    return [language for language in offered_languages(problem.function, podium.languages)
            if allows_language(problem, language)]


def language_stubs(podium: Podium, problem: Problem) -> dict[str, str]:
    """Language id -> the code the editor starts with, for a function problem (else none)."""
    if problem.function is None:
        return {}
    return {language: text for language, text in stubs_for(problem.function).items()
            if language in podium.languages}


def _stubs(podium: Podium, rows) -> dict[str, dict[str, str]]:
    """Problem id -> language id -> stub, for the function problems among `rows`."""
    found = {row["id"]: language_stubs(podium, podium.package(row["id"])) for row in rows}
    return {pid: stubs for pid, stubs in found.items() if stubs}


def refused_form(data: dict[str, Any], refusal: web.HTTPException) -> dict[str, Any]:
    """What a submit form shows again when its submission is refused: why, and what was
    chosen and written (a file cannot be given back: it is chosen again)."""
    return {"error": (refusal.text or refusal.reason).removeprefix(f"{refusal.status}: "),
            "chosen": str(data.get("problem", "")),
            "chosen_language": str(data.get("language", "")),
            "code": "" if _uploaded(data) else str(data.get("code", ""))}


def retry_after(refusal: web.HTTPException) -> dict[str, str]:
    return {k: v for k, v in refusal.headers.items() if k == "Retry-After"}


@routes.post("/submit")
async def submit_form(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    data = await form(request)
    try:
        source, file_name = form_source(podium, data)
        sid = await submit(podium, user, from_form(podium, user, str(data.get("problem", "")),
                                                   str(data.get("language", "")), source,
                                                   file_name))
    except web.HTTPClientError as refusal:
        return await submit_form_page(request, user, refused_form(data, refusal),
                                  refusal.status, retry_after(refusal))
    raise web.HTTPSeeOther(f"/submissions#s{sid}")


def _uploaded(data: dict[str, Any]):
    upload = data.get("file")
    return upload if upload is not None and getattr(upload, "filename", "") else None


def form_source(podium: Podium, data: dict[str, Any]) -> tuple[bytes, str | None]:
    """A submit form's source: the uploaded file (and its name) or the editor's text."""
    upload = _uploaded(data)
    if upload is not None:
        size = upload.file.seek(0, os.SEEK_END)  # its real size, before reading any of it
        check_size(podium, size)
        upload.file.seek(0)
        return upload.file.read(), Path(upload.filename).name
    return str(data.get("code", "")).replace("\r\n", "\n").encode(), None


@routes.get("/submissions")
async def submissions(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    subs = list(reversed(visible_submissions(podium, user)))
    verdicts = current_verdicts(podium.store, [s["id"] for s in subs])
    labels = {r["id"]: r["label"] for r in podium.problem_rows()}
    return await render(request, "submissions.html", {
        "user": user, "submissions": subs, "verdicts": verdicts, "labels": labels,
        "languages": podium.languages})


@routes.get("/jury/shadow")
async def shadow_page(request: web.Request) -> web.Response:
    """Shadow mode for the jury: every submission whose verdict differs from the primary's,
    reloaded every 2 s (a meta refresh: no script needed)."""
    podium = podium_of(request)
    user = await team_user(request)
    if not user.jury:
        raise web.HTTPForbidden(text="jury accounts only")
    view = shadow_view(podium.store, podium.contest_id)
    labels = {r["id"]: r["label"] for r in podium.problem_rows()}
    return await render(request, "shadow.html", {
        "user": user, "view": view, "counts": view.counts(), "labels": labels,
        "refresh": 2})


@routes.get("/submissions/{sid}")
async def submission_page(request: web.Request) -> web.Response:
    """One submission: its verdict, the runs on samples only (secret tests stay secret), and
    the source; 404 for another team's."""
    podium = podium_of(request)
    user = await team_user(request)
    sid = request.match_info["sid"]
    subs = visible_submissions(podium, user, sid, with_ignored=user.jury)
    if not subs:
        raise web.HTTPNotFound(text=f"no submission {sid}")
    row = submission_row(podium.store, podium.contest_id, sid)
    labels = {r["id"]: r["label"] for r in podium.problem_rows()}
    return await render(request, "submission.html", {
        "user": user, "s": subs[0], "labels": labels,
        "ignores": ignore_log(podium.store, row["id"]) if user.jury else [],
        "submitted": f"{subs[0]['contest_time'].split('.')[0]} into the contest",
        **submission_context(podium, user, row, podium.package(row["problem_id"]))})


def submission_context(podium: Podium, user: User, row: dict,
                       package: Problem | None = None, practice: bool = False
                       ) -> dict[str, Any]:
    """What `submission.html` shows of a stored submission: its current judgement, the runs
    (on samples only, and on the groups the `package` opens with full feedback, unless the
    jury asks: secret tests stay secret), the failed test a team may see whole
    (`judging/feedback.py`), a scoring problem's score per subtask, in practice where an
    accepted one stands among the accepted ones, and the source."""
    judgement = current_judgement(podium.store, row["id"])
    scoring = problem_scoring(package) if package is not None else None
    runs, subtasks, failed, standing = [], [], None, None
    if judgement:
        viewer = viewer_of(user)
        opened = open_groups(package, practice) if package is not None else frozenset()
        every = runs_of(podium.store, [judgement["id"]])
        runs = [r for r in every if sees_run_of(viewer, r["test_name"], opened)]
        if package is not None:
            failed = failed_test(viewer, package, every, practice)
        if practice and judgement["verdict"] == "AC":
            standing = standings_of(podium.store, row["problem_id"], row["id"])
    if scoring is not None:
        scores = None if judgement is None or judgement["score"] is None else \
            json.loads(judgement["subtask_scores"] or "{}")
        subtasks = subtask_results(scoring, scores)
    source = podium.store.blobs.path(row["source_hash"]).read_text(errors="replace")
    return {"row": row, "judgement": judgement, "runs": runs, "subtasks": subtasks,
            "failed": failed, "standing": standing,
            "max_score": scoring.max_score if scoring else None,
            "source": source, "languages": podium.languages}


# --- scoreboard and clarifications -------------------------------------------------------------

def scoreboard_context(podium: Podium, public: bool) -> dict[str, Any]:
    teams = {r["id"]: r for r in podium.team_rows()}
    return {"rows": [r for r in podium.live.board.view(public=public)
                     if not teams.get(r.team_id, {}).get("hidden")],
            "teams": teams, "problems": podium.problem_rows(),
            "frozen": public and podium.live.frozen(), "archive_key": podium.archive_key}


@routes.get("/scoreboard")
async def scoreboard_page(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await current_user(request)
    if user is None:
        return await kept_page(request, ("page", "/scoreboard"), page_version(podium),
                               "scoreboard.html", lambda: {
                                   "user": None, "big": True,
                                   **scoreboard_context(podium, True)})
    public = not sees_unfrozen(viewer_of(user))
    return await render(request, "scoreboard.html", {
        "user": user, "big": False, **scoreboard_context(podium, public)})


@routes.get("/scoreboard/table")
async def scoreboard_table(request: web.Request) -> web.Response:
    """The table alone, for the page's live refresh: from memory, per view and team (its
    row is marked), until the board changes. `?seq=N` (a `/live` nudge's event) waits, a
    second at most, until this process has read event N: with several web workers the
    nudge may come from one ahead of the worker asked."""
    podium = podium_of(request)
    seq = request.query.get("seq", "")
    if seq.isdigit():
        await podium.live.wait(int(seq) - 1, SEQ_WAIT_S)
    user = await current_user(request)
    public = not sees_unfrozen(viewer_of(user))
    team = user.team_id if user is not None else None
    return await kept_page(request, ("table", public, team), podium.live.board_key(),
                           "scoreboard_table.html", lambda: {
                               "user": user, **scoreboard_context(podium, public)})


@routes.get("/public")
async def public_scoreboard(request: web.Request) -> web.Response:
    """The big screen: the public scoreboard, no login, no menu; from memory (made again
    when the board changes, and once a second while the clock counts down)."""
    podium = podium_of(request)
    return await kept_page(request, ("page", "/public"), page_version(podium),
                           "scoreboard.html", lambda: {
                               "user": None, "big": True, **scoreboard_context(podium, True)})


def page_version(podium: Podium) -> tuple:
    """What an anonymous scoreboard page shows: the board, the clock's second (its
    countdown) and the event position the page's live updates start from."""
    clock = podium.live.clock
    countdown = clock.countdown(podium.now())
    return (podium.live.board_key(), None if countdown is None else int(countdown),
            clock.paused(), podium.live.seq)


async def kept_page(request: web.Request, key: tuple, version: tuple, template: str,
                    context: Callable[[], dict[str, Any]]) -> web.Response:
    """A page (or fragment) every poller asks for, rendered once per `version` and answered
    from memory with an ETag (`web.cached`)."""
    memo = podium_of(request).live.memo
    encoded = memo.find(key, version)
    if encoded is None:  # no CSRF token in it: the asker's session is not everyone's
        page = await render(request, template, {**context(), "csrf": ""})
        encoded = memo.keep(key, version, encode(page.body, "text/html; charset=utf-8"))
    return conditional(request, encoded)


@routes.get("/clarifications")
async def clarifications_page(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    items = list(reversed(visible_clarifications(podium, user)))
    return await render(request, "clarifications.html", {
        "user": user, "items": items, "problems": podium.problem_rows(),
        "labels": {r["id"]: r["label"] for r in podium.problem_rows()},
        "shown": {c["id"] for c in items},
        "team_names": {r["id"]: r["display_name"] or r["name"] for r in podium.team_rows()}})


@routes.post("/clarifications")
async def ask_form(request: web.Request) -> web.Response:
    podium = podium_of(request)
    user = await team_user(request)
    data = await form(request)
    actions.require(podium, user, "ask")
    now = podium.now()
    try:
        await podium.write(ask, podium.store, podium.contest_id, user.team_id,
                           str(data.get("text", "")), iso_time(now.timestamp()),
                           podium.live.clock.contest_time(now),
                           str(data.get("problem") or "") or None)
    except ClarificationError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    raise web.HTTPSeeOther("/clarifications")
