"""DOMjudge's multipart POSTs read as CLICS bodies, so that clients written against DOMjudge
(its `submit`) work unchanged: `problem`, `language` and `code[]` files for a submission,
plain fields for a clarification. The files go into the base64 zip a CLICS body carries,
so every check of a JSON submission (size, names, the main file) applies to them alike.

Only a tool's form is read here (`auth.tool_form`): a browser's form still needs its
session's CSRF token, and is never a submission to the API."""

from __future__ import annotations

import base64
import io
import zipfile

from aiohttp import web
from aiohttp.web_request import FileField

ALIASES = {"problem": "problem_id", "language": "language_id"}  # DOMjudge's field names
FILES = "code[]"
MAX_FIELDS = 64  # fields and files of one form: DOMjudge's clients send a handful


async def form_body(request: web.Request) -> dict:
    """A multipart form as the CLICS body it stands for; 400 for a form that is not one."""
    try:
        form = await request.post()
    except ValueError as exc:
        raise web.HTTPBadRequest(text=f"the form is refused: {exc}") from None
    if len(form) > MAX_FIELDS:
        raise web.HTTPBadRequest(text=f"the form has {len(form)} fields; at most {MAX_FIELDS}")
    body: dict = {}
    files: dict[str, bytes] = {}
    for key, value in form.items():
        if isinstance(value, FileField):
            if key != FILES:
                raise web.HTTPBadRequest(text=f"form field {key!r}: only {FILES} holds files")
            name = value.filename or ""
            if name in files:
                raise web.HTTPBadRequest(text=f"{FILES}: the file {name!r} is sent twice")
            files[name] = value.file.read()
            continue
        name = ALIASES.get(key, key)
        if name in body:
            raise web.HTTPBadRequest(text=f"form field {key!r} is given twice")
        body[name] = value if value != "" else None
    if files:
        body["files"] = [{"data": zipped(files), "mime": "application/zip"}]
    return body


def zipped(files: dict[str, bytes]) -> str:
    """Files as a CLICS submission's base64 zip (their names checked when it is read)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return base64.b64encode(buffer.getvalue()).decode()
