"""The primary's Contest API as `podium shadow` reads it: HTTP Basic credentials, the event
feed streamed line by line (NDJSON; an empty line is a keepalive) and followed from the
last token when it drops, and a submission's files by their `href`. Every failure is one
`PrimaryError` line naming the URL; `fatal` ones (credentials, rights, no such contest)
are not worth retrying."""

from __future__ import annotations

import base64
import json
import queue
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

FEED_TIMEOUT_S = 60.0  # a live feed sends a keepalive at least every 10 s (CLICS, DOMjudge)
GET_TIMEOUT_S = 30.0
RETRY_FOR_S = 60.0  # a dropped feed is retried this long before the shadow gives up
MAX_FILES_BYTES = 8 * 1024 * 1024


class PrimaryError(Exception):
    """The primary cannot be read; `fatal` when retrying cannot help."""

    def __init__(self, message: str, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


def api_base(url: str) -> str:
    """The API's base URL: `URL` as given when its path has an `api` segment (`/api`,
    DOMjudge's `/api/v4`), else `URL/api`; never ending in `/`."""
    url = url.rstrip("/")
    path = urllib.parse.urlsplit(url).path
    return url if "api" in path.split("/") else url + "/api"


class Primary:
    """One primary CCS's API with one account's credentials."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self.url, self.user = api_base(url), user
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def href(self, href: str) -> str:
        """A CLICS `href` (relative to the API's base, or absolute) as a URL."""
        if urllib.parse.urlsplit(href).scheme:
            return href
        if href.startswith("/"):
            parts = urllib.parse.urlsplit(self.url)
            return f"{parts.scheme}://{parts.netloc}{href}"
        return f"{self.url}/{href}"

    def _open(self, url: str, timeout: float) -> Any:
        request = urllib.request.Request(url, headers={"Authorization": self.auth,
                                                       "Accept": "application/json"})
        try:
            return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (http/https)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 401:
                raise PrimaryError(f"{url}: the primary refused the credentials of "
                                   f"{self.user!r} (401)", fatal=True) from None
            if exc.code == 403:
                raise PrimaryError(f"{url}: {self.user!r} may not read this (403): shadow "
                                   "with a jury or admin account", fatal=True) from None
            raise PrimaryError(f"{url}: the primary answered HTTP {exc.code}",
                               fatal=exc.code in (400, 404)) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PrimaryError(f"{url}: cannot reach the primary: {reason}") from None

    def get(self, path: str, limit: int = MAX_FILES_BYTES) -> bytes:
        """The body at `path` (relative to the API's base, or a whole URL)."""
        url = self.href(path)
        with self._open(url, GET_TIMEOUT_S) as response:
            try:
                body = response.read(limit + 1)
            except OSError as exc:
                raise PrimaryError(f"{url}: the primary stopped answering: {exc}") from None
        if len(body) > limit:
            raise PrimaryError(f"{url}: more than {limit:,} bytes")
        return body

    def get_json(self, path: str) -> Any:
        body = self.get(path)
        try:
            return json.loads(body)
        except ValueError:
            raise PrimaryError(f"{self.href(path)}: the primary's answer is not JSON",
                               fatal=True) from None

    def contest_id(self, wanted: str | None) -> str:
        """The contest to shadow: `wanted` if the primary has it, else its only one."""
        contests = self.get_json("contests")
        ids = [str(c.get("id")) for c in contests if isinstance(c, dict)] \
            if isinstance(contests, list) else []
        if wanted is not None:
            if wanted not in ids:
                raise PrimaryError(f"{self.url}/contests: no contest {wanted!r} (the primary "
                                   f"has {', '.join(map(repr, ids)) or 'none'})", fatal=True)
            return wanted
        if len(ids) != 1:
            raise PrimaryError(f"{self.url}/contests: the primary has "
                               f"{len(ids)} contests ({', '.join(map(repr, ids))}): choose one "
                               "with --contest", fatal=True)
        return ids[0]

    def events(self, contest_id: str, token: str | None) -> Iterator[dict | None]:
        """The event feed from after `token`: each event, None for a keepalive; ends when
        the primary closes it. A line cut short by a drop is left out (read again)."""
        query = "?" + urllib.parse.urlencode({"since_token": token}) if token else ""
        url = f"{self.url}/contests/{urllib.parse.quote(contest_id)}/event-feed{query}"
        with self._open(url, FEED_TIMEOUT_S) as response:
            while True:
                try:
                    line = response.readline(MAX_FILES_BYTES)
                except OSError as exc:
                    raise PrimaryError(f"{url}: the event feed dropped: {exc}") from None
                if not line:
                    return
                if not line.endswith(b"\n"):
                    return  # cut short: the next connection reads it again
                if not line.strip():
                    yield None
                    continue
                try:
                    event = json.loads(line)
                except ValueError:
                    raise PrimaryError(f"{url}: a line of the event feed is not JSON: "
                                       f"{line[:80]!r}", fatal=True) from None
                if isinstance(event, dict):
                    yield event


def follow(primary: Primary, contest_id: str, token: str | None, out: queue.Queue,
           stop: threading.Event, retry_for_s: float = RETRY_FOR_S) -> None:
    """Read the feed into `out` as ("event", event), ("idle", None), ("ended", None) each
    time the feed ends, and ("error", line) when it cannot go on: a fatal error, or no
    connection for `retry_for_s`. Reconnects with the last token."""
    import time

    failing_since: float | None = None
    while not stop.is_set():
        try:
            for event in primary.events(contest_id, token):
                failing_since = None
                if stop.is_set():
                    return
                if event is None:
                    out.put(("idle", None))
                    continue
                token = str(event["token"]) if event.get("token") else token
                out.put(("event", event))
            out.put(("ended", None))
        except PrimaryError as exc:
            now = time.monotonic()
            failing_since = failing_since if failing_since is not None else now
            if exc.fatal or now - failing_since > retry_for_s:
                out.put(("error", str(exc)))
                return
        stop.wait(1.0)
