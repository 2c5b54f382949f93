"""A problem package's files served as downloads, one home for the pages, practice and the
Contest API: attachments, PDF statements and the images beside a statement, each by a name
from a URL (`file_in`: nothing outside its folder), saved rather than shown."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from appliance.problems.load import Problem
from appliance.statements.attachments import attachment


def download_headers(name: str) -> dict[str, str]:
    """A download's headers: saved as `name`, never shown in the page. The plain
    `filename` keeps to safe ASCII (anything else an underscore), `filename*` gives the
    name in full (RFC 6266)."""
    plain = "".join(c if c.isascii() and (c.isalnum() or c in "._-+") else "_" for c in name)
    return {"Content-Disposition": f'attachment; filename="{plain or "download"}"; '
                                   f"filename*=UTF-8''{quote(name, safe='')}"}


def attachment_response(package: Problem, name: str) -> web.Response:
    """One of the package's attachments, as a download of no type the browser would open
    (and inert if opened anyway: files get a sandboxing CSP); 404 for any other name."""
    path = attachment(package, name)
    if path is None:
        raise web.HTTPNotFound(text="no such attachment")
    return web.Response(body=path.read_bytes(), content_type="application/octet-stream",
                        headers=download_headers(path.name))


def statement_asset_response(package: Problem, name: str) -> web.Response:
    """An image from the statement's own folder (no sub-paths, nothing but images), or a
    PDF statement itself (as a download); any other name is the same 404, whether or not
    such a file exists anywhere."""
    files = package.statements
    folder = next(iter(files.values())).parent if files else None
    path = file_in(folder, name) if folder is not None else None
    if path is not None and name in {p.name for p in pdf_statements(package)}:
        return pdf_response(path)
    kind = mimetypes.guess_type(name)[0] or ""
    if path is None or not kind.startswith("image/"):
        raise web.HTTPNotFound(text="no such file")
    return web.Response(body=path.read_bytes(), content_type=kind)


def pdf_statements(package: Problem) -> list[Path]:
    """The package's statements that are PDF files (one per language at most), by name."""
    return sorted((p for p in package.statements.values() if p.suffix == ".pdf"),
                  key=lambda p: p.name)


def statement_pdf_response(package: Problem, name: str) -> web.Response:
    """A PDF statement by its file name (the Contest API's `statement` files); 404 for any
    other name."""
    path = next((p for p in pdf_statements(package) if p.name == name), None)
    real = file_in(path.parent, name) if path is not None else None
    if real is None:
        raise web.HTTPNotFound(text="no such statement")
    return pdf_response(real)


def pdf_response(path: Path) -> web.Response:
    return web.Response(body=path.read_bytes(), content_type="application/pdf",
                        headers=download_headers(path.name))


def file_in(folder: Path, name: str) -> Path | None:
    """The regular file `name` directly inside `folder` (a name from a URL: no separator, no
    hidden file, no link out of the folder), or None."""
    if (not name or name.startswith(".") or any(c in name for c in "/\\\0")
            or any(ord(c) < 32 for c in name)):
        return None
    path = folder / name
    try:
        real = path.resolve(strict=True)
        if real.parent != folder.resolve(strict=True) or not real.is_file():
            return None
    except (OSError, RuntimeError):
        return None
    return real
