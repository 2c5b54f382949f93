"""Taking a submission from the web (a page form or the API), with the web's own checks
first: who may submit for whom and with which properties (CLICS capabilities), the size
(413) and the team's rate (429). The contest's rules (open by the clock at the submission's
time, known problem, team and language) are the appliance's."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from appliance.clics import ids
from appliance.contest.intake import SubmissionRefused, size_refusal, take_submission
from appliance.contest.reads import submission_clics_id
from appliance.contest.submission_files import (
    FilesError,
    FilesTooLarge,
    SubmittedFiles,
    choose_main,
    implied_entry_point,
    read_zip,
)
from appliance.functions.code import require_harness
from appliance.practice.solving import PracticeRefused, take_practice_submission
from appliance.problems.judging import require_language
from appliance.problems.load import Problem
from appliance.store import DuplicateId
from judge.errors import LanguageError
from web.actions import page_submitter
from web.auth import User
from web.state import Podium

# What each kind of submitter may send (CLICS "Modifying submissions").
TEAM_FORBIDDEN = ("id", "time", "contest_time")
ALLOWED = {"id", "problem_id", "language_id", "team_id", "time", "contest_time", "entry_point",
           "files", "reaction"}


@dataclass(frozen=True)
class Request:
    """A checked submission request, ready for the appliance."""

    team_id: str
    problem_id: str
    language_id: str
    files: SubmittedFiles
    entry_point: str | None = None
    at: datetime | None = None
    submission_id: str | None = None  # the CLICS id a PUT gives


def check_size(podium: Podium, size: int) -> None:
    """413 for a source (all its files together) past the limit, saying both sizes."""
    refusal = size_refusal(size, podium.max_source)
    if refusal:
        raise web.HTTPRequestEntityTooLarge(max_size=podium.max_source, actual_size=size,
                                            text=refusal)


def source_file_name(podium: Podium, language_id: str, source: bytes) -> str:
    """The name the judge would give this source (Java: after its public class)."""
    language = podium.languages.get(language_id)
    if language is None:
        return "source.txt"
    name, _, _ = language.commands(source.decode("utf-8", errors="replace"), 0)
    return name


def text_field(body: dict, key: str, required: bool = True) -> str | None:
    """A JSON body's non-empty string property (400 otherwise); None when optional and absent."""
    value = body.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise web.HTTPBadRequest(text=f"{key} must be a non-empty string")
    return value


def _time(body: dict) -> datetime:
    try:
        at = datetime.fromisoformat(str(body["time"]).replace("Z", "+00:00"))
    except ValueError:
        raise web.HTTPBadRequest(text="time must be an ISO 8601 time with its offset") from None
    if at.tzinfo is None:
        raise web.HTTPBadRequest(text="time must carry its offset (e.g. +00:00)")
    return at


def from_api(podium: Podium, user: User, body: dict, put_id: str | None) -> Request:
    """A CLICS POST (put_id None) or PUT body, checked against the user's capabilities:
    a team POSTs for itself at the server's time; an admin POSTs for any team, at the
    server's time (proxy_submit) or at its own (admin_submit), or PUTs with its own id."""
    unknown = set(body) - ALLOWED
    if unknown:
        raise web.HTTPBadRequest(text=f"unknown properties: {', '.join(sorted(unknown))}")
    if not user.jury:
        given = [k for k in TEAM_FORBIDDEN if body.get(k) is not None]
        if put_id is not None:
            raise web.HTTPForbidden(text="teams POST submissions; PUT is for admins")
        if given:
            raise web.HTTPBadRequest(text=f"a team must not give {', '.join(given)}")
        if body.get("team_id") not in (None, user.team_id):
            raise web.HTTPForbidden(text="a team submits only for itself")
        team_id = user.team_id or ""
    else:
        if user.type != "admin":
            raise web.HTTPForbidden(text="only admin accounts submit for teams")
        team_id = text_field(body, "team_id") or ""
        if body.get("contest_time") is not None:
            raise web.HTTPBadRequest(text="give time, not contest_time")
        if put_id is None and body.get("id") is not None:
            raise web.HTTPBadRequest(text="a POST must not give an id: PUT to choose one")
    submission_id = None
    if put_id is not None:
        if body.get("id") not in (None, put_id):
            raise web.HTTPConflict(text=f"the body's id {body['id']!r} is not {put_id!r}")
        if not ids.is_id(put_id):
            raise web.HTTPBadRequest(text=f"{put_id!r} is not a submission id ({ids.RULE})")
        if body.get("time") is None:
            raise web.HTTPBadRequest(text="a PUT must give the submission's time")
        submission_id = put_id
    at = _time(body) if body.get("time") is not None else None
    if at is not None and at > podium.now():
        raise web.HTTPBadRequest(text="time lies in the future")
    language_id = text_field(body, "language_id") or ""
    language = podium.languages.get(language_id)
    if language is None:
        raise web.HTTPBadRequest(text=f"unknown language {language_id!r}")
    entry_point = body.get("entry_point")
    if entry_point is not None and not isinstance(entry_point, str):
        raise web.HTTPBadRequest(text="entry_point must be a string or null")
    files = _files(podium, user, body, language, entry_point)
    if not entry_point:
        entry_point = implied_entry_point(files, language)
    return Request(team_id, text_field(body, "problem_id") or "", language_id, files,
                   entry_point or None, at, submission_id)


def _files(podium: Podium, user: User, body: dict, language,
           entry_point: str | None) -> SubmittedFiles:
    """The body's zip, decoded within bounds. The team's rate counts it here, before the
    decoding, whether the files are then taken or refused: decoding is the work the rate
    limits (a hostile zip refused must count)."""
    files = body.get("files")
    if not isinstance(files, list) or len(files) != 1 or not isinstance(files[0], dict):
        raise web.HTTPBadRequest(text="files must be a list of one object with base64 data")
    mime = files[0].get("mime")
    if mime is not None and mime != "application/zip":
        raise web.HTTPBadRequest(text=f"files[0].mime must be application/zip, not {mime!r}")
    try:
        data = base64.b64decode(files[0].get("data") or "", validate=True)
    except (binascii.Error, TypeError):
        raise web.HTTPBadRequest(text="files[0].data is not base64") from None
    podium.check_submit_rate(user)
    try:
        chosen = choose_main(read_zip(data, max_total=max(podium.max_source * 4, 1 << 20)),
                             language, entry_point)
    except FilesTooLarge as exc:
        check_size(podium, exc.size)
        raise web.HTTPBadRequest(text=str(exc)) from None
    except FilesError as exc:
        raise web.HTTPBadRequest(text=str(exc)) from None
    return chosen


def check_function_language(problem: Problem, language_id: str) -> None:
    """A function problem takes only the languages it has a harness for, and a package's
    problem.yaml may name the languages it takes: others are refused at once, rather than
    stored and judged JE."""
    try:
        require_harness(problem.function, language_id)
        require_language(problem, language_id)
    except LanguageError as exc:
        raise web.HTTPBadRequest(text=f"submission refused: {exc}") from None


async def submit(podium: Podium, user: User, request: Request, *,
                 counted: bool = False) -> str:
    """Store a checked submission and return its CLICS id, or raise the HTTP error saying why not.
    `counted`: the request was counted against the team's rate when its zip was decoded
    (the API's way: a refused zip counts too)."""
    check_size(podium, request.files.size)
    try:
        problem = podium.package(request.problem_id)
    except web.HTTPNotFound:
        problem = None  # the intake says why
    if problem is not None:
        check_function_language(problem, request.language_id)
    if not counted:
        podium.check_submit_rate(user)
    try:
        key = await podium.write(
            take_submission, podium.store, podium.languages, contest_id=podium.contest_id,
            team_id=request.team_id, problem_id=request.problem_id,
            language_id=request.language_id, source=request.files.main,
            file_name=request.files.main_name, now=podium.now(), at=request.at,
            others=request.files.others, entry_point=request.entry_point,
            clics_id=request.submission_id, account_id=user.id)
    except DuplicateId as exc:
        raise web.HTTPConflict(text=f"submission refused: {exc}") from None
    except SubmissionRefused as exc:
        raise web.HTTPBadRequest(text=f"submission refused: {exc}") from None
    return submission_clics_id(podium.store, key)


async def submit_practice(podium: Podium, user: User, problem_id: str, language_id: str,
                          files: SubmittedFiles) -> int:
    """Store a practice submission of the user's own account (the same size and rate
    limits as a contest's), or raise the HTTP error saying why not."""
    check_size(podium, files.size)
    check_function_language(podium.library_package(problem_id), language_id)
    podium.check_submit_rate(user)
    try:
        return await podium.write(
            take_practice_submission, podium.store, podium.library, podium.languages,
            account_id=user.id, problem_id=problem_id, language_id=language_id,
            source=files.main, file_name=files.main_name, now=podium.now(),
            others=files.others)
    except PracticeRefused as exc:
        raise web.HTTPBadRequest(text=f"submission refused: {exc}") from None


def from_form(podium: Podium, user: User, problem_id: str, language_id: str, source: bytes,
              file_name: str | None) -> Request:
    """The contestant's page: one file (or the editor's text) for the user's own team."""
    refused = page_submitter(user)
    if refused:
        raise web.HTTPForbidden(text=refused)
    name = file_name or source_file_name(podium, language_id, source)
    return Request(user.team_id, problem_id, language_id, SubmittedFiles(name, source))
