"""Answers kept in memory until what they show changes: what every poller asks for (the
scoreboard, a team's own submissions, a submission's status, the public pages) is encoded
once per change, gzipped once, and answered with an ETag (304 when the poller has it), so a
crowd polling costs a dictionary lookup each, never a query or a template per request.

A kept answer is named by a key (what, for whom) and valid for one version (the event-log
position, or the board's state, it was made at); a new version makes it again.
"""

from __future__ import annotations

import gzip
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from aiohttp import web

MEMO_SIZE = 20_000  # kept answers at most (a few per team and page; the oldest go first)
GZIP_FROM = 512  # bytes: a smaller body is sent as it is


@dataclass(frozen=True)
class Encoded:
    """A response body made once per change, also gzipped (a few browsers' worth of CPU
    spent once saves every browser most of the bytes), with its ETag."""

    body: bytes
    gzipped: bytes
    etag: str
    content_type: str = "application/json"


def encode(body: bytes, content_type: str = "application/json") -> Encoded:
    """A body with its gzipped form and an ETag naming its content."""
    return Encoded(body, gzip.compress(body, compresslevel=6, mtime=0),
                   '"' + hashlib.sha256(body).hexdigest()[:32] + '"', content_type)


class Memo:
    """Encoded answers by key, each valid for the version it was made at; bounded (LRU)."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[Hashable, Encoded]] = OrderedDict()
        self.made = 0  # answers made (a miss each): the measure of what the memo saves

    def get(self, key: Hashable, version: Hashable, make: Callable[[], Encoded]) -> Encoded:
        """The answer for `key` at `version`, made by `make` unless kept already."""
        kept = self.find(key, version)
        return kept if kept is not None else self.keep(key, version, make())

    def find(self, key: Hashable, version: Hashable) -> Encoded | None:
        """The answer kept for `key` if it was made at `version`."""
        kept = self._kept.get(key)
        if kept is None or kept[0] != version:
            return None
        self._kept.move_to_end(key)
        return kept[1]

    def keep(self, key: Hashable, version: Hashable, encoded: Encoded) -> Encoded:
        """Keep an answer just made (for an answer made by a coroutine: a page)."""
        self.made += 1
        self._kept[key] = (version, encoded)
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return encoded


def conditional(request: web.Request, encoded: Encoded,
                cache_control: str = "no-cache") -> web.Response:
    """The kept answer as a response: 304 without a body when the client has this ETag,
    gzipped when it takes gzip."""
    headers = {"ETag": encoded.etag, "Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    if encoded.etag in _etags(request.headers.get("If-None-Match", "")):
        return web.Response(status=304, headers=headers)
    if len(encoded.body) >= GZIP_FROM and "gzip" in request.headers.get("Accept-Encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return web.Response(body=encoded.gzipped, content_type=_type(encoded),
                            charset=_charset(encoded), headers=headers)
    return web.Response(body=encoded.body, content_type=_type(encoded),
                        charset=_charset(encoded), headers=headers)


def _etags(header: str) -> set[str]:
    """The ETags of an If-None-Match header (a list; weak ones compared as strong)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _type(encoded: Encoded) -> str:
    return encoded.content_type.split(";")[0]


def _charset(encoded: Encoded) -> str | None:
    return "utf-8" if encoded.content_type.startswith("text/") else None
