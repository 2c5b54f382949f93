"""Taking a submission from the web (a page form or the API), with the web's own checks
first: who may submit for whom, the size (413) and the team's rate (429). The contest's
rules (open by the clock, known problem and language) are the appliance's."""

from __future__ import annotations

import io
import zipfile

from aiohttp import web

from appliance.intake import SubmissionRefused, take_submission
from web.auth import User
from web.state import Podium

MAX_ZIP_ENTRIES = 16


def source_file_name(podium: Podium, language_id: str, source: bytes) -> str:
    """The name the judge would give this source (Java: after its public class)."""
    language = podium.languages.get(language_id)
    if language is None:
        return "source.txt"
    name, _, _ = language.commands(source.decode("utf-8", errors="replace"), 0)
    return name


def check_size(podium: Podium, size: int) -> None:
    if size > podium.max_source:
        raise web.HTTPRequestEntityTooLarge(
            max_size=podium.max_source, actual_size=size,
            text=f"the source is {size} bytes; at most {podium.max_source} are accepted")


def source_from_zip(podium: Podium, data: bytes, language_id: str) -> tuple[str, bytes]:
    """The one source file in a CLICS submission zip (its file of the language, else its only
    file), checked for size before it is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if not infos or len(infos) > MAX_ZIP_ENTRIES:
                raise web.HTTPBadRequest(text="the zip must hold one source file")
            language = podium.languages.get(language_id)
            if len(infos) > 1 and language is not None:
                infos = [i for i in infos if i.filename.rsplit(".", 1)[-1] in
                         language.extensions] or infos
            if len(infos) != 1:
                raise web.HTTPBadRequest(text="the zip holds several sources: send one")
            check_size(podium, infos[0].file_size)
            return infos[0].filename.rsplit("/", 1)[-1], archive.read(infos[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise web.HTTPBadRequest(text=f"files[0].data is not a readable zip: {exc}") from None


async def submit(podium: Podium, user: User, *, team_id: str | None, problem_id: str,
                 language_id: str, source: bytes, file_name: str | None) -> int:
    """Store a submission and return its id, or raise the HTTP error that says why not."""
    if not user.jury:
        if team_id not in (None, user.team_id):
            raise web.HTTPForbidden(text="a team submits only for itself")
        team_id = user.team_id
    if not team_id:
        raise web.HTTPBadRequest(text="team_id is required")
    check_size(podium, len(source))
    podium.check_submit_rate(user)
    name = file_name or source_file_name(podium, language_id, source)
    try:
        return await podium.write(
            take_submission, podium.store, podium.languages, contest_id=podium.contest_id,
            team_id=team_id, problem_id=problem_id, language_id=language_id, source=source,
            file_name=name, now=podium.now())
    except SubmissionRefused as exc:
        raise web.HTTPBadRequest(text=f"submission refused: {exc}") from None
