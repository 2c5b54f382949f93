"""The console's client of the server: the CLICS API and the jury endpoints over HTTP with
Basic credentials, and the event feed followed from the last token seen, so a dropped
connection or a restarted server costs nothing but the wait."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp


class ServerDown(Exception):
    """The server does not answer (or answers with a server error)."""


class ApiError(Exception):
    """The server refused a request; the message is its own."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class JuryClient:
    """One console's connection to one server and contest."""

    def __init__(self, base: str, user: str, password: str, contest: str | None = None,
                 timeout_s: float = 10.0) -> None:
        self.base = base.rstrip("/")
        self.contest = contest
        self.contests: list[str] = []  # every contest this account sees, as the server lists
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self._auth = {"Authorization": f"Basic {token}"}
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    async def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def connect(self) -> str:
        """Check the credentials and find the contest; its id."""
        contests = await self.request("GET", "/api/contests")
        if not contests:
            raise ApiError(404, "the server has no contest")
        self.contests = [c["id"] for c in contests]
        if self.contest is None:
            self.contest = contests[0]["id"]
        await self.get("/jury/clock")  # 401/403 unless these are a jury account's
        return self.contest

    def switch(self) -> str:
        """Follow the next contest the server serves (after the last, the first again); its
        id. The caller connects again and reloads everything."""
        if self.contests:
            at = self.contests.index(self.contest) if self.contest in self.contests else -1
            self.contest = self.contests[(at + 1) % len(self.contests)]
        return self.contest or ""

    def path(self, tail: str) -> str:
        return f"/api/contests/{self.contest}{tail}"

    async def get(self, tail: str, public: bool = False) -> Any:
        return await self.request("GET", self.path(tail), public=public)

    async def post(self, tail: str, body: dict) -> Any:
        return await self.request("POST", self.path(tail), body)

    async def request(self, method: str, path: str, body: dict | None = None,
                      public: bool = False) -> Any:
        session = await self.session()
        try:
            headers = {"Accept-Encoding": "gzip", **({} if public else self._auth)}
            async with session.request(method, self.base + path, json=body,
                                       headers=headers) as response:
                if public and response.status == 401:
                    raise ApiError(401, "not public")
                if response.status >= 500:
                    raise ServerDown(f"the server failed ({response.status})")
                data = await response.json(content_type=None)
                if response.status >= 400:
                    message = data.get("message") if isinstance(data, dict) else None
                    raise ApiError(response.status, message or response.reason or "refused")
                return data
        except (aiohttp.ClientConnectionError, TimeoutError) as exc:
            raise ServerDown(f"no answer ({exc.__class__.__name__})") from None

    async def events(self, since_token: str | None = None) -> AsyncIterator[dict]:
        """The event feed from `since_token` on, as long as the connection lasts (the
        server's keep-alive newlines are skipped); raises ServerDown when it drops."""
        session = await self.session()
        query = f"?since_token={since_token}" if since_token else ""
        timeout = aiohttp.ClientTimeout(total=None, sock_read=60)
        try:
            async with session.get(self.base + self.path("/event-feed") + query,
                                   timeout=timeout, headers=self._auth) as response:
                if response.status >= 400:
                    raise ApiError(response.status, await response.text())
                async for line in response.content:
                    if line.strip():
                        yield json.loads(line)
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, TimeoutError,
                asyncio.IncompleteReadError) as exc:
            raise ServerDown(f"the event feed dropped ({exc.__class__.__name__})") from None
        raise ServerDown("the event feed ended")
