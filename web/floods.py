"""What keeps the server answering under a flood of connections from the LAN.

Every connection holds a file, and the process may hold only so many (RLIMIT_NOFILE: 1,024 by
default in a shell). A crowd of held streams or of requests whose headers never end would
otherwise take them all: nothing else is accepted, and Python 3.11's accept loop logs each
failed accept with its trace, many times a second. So, from the file limit:
- at start the soft limit is raised to the hard one (`raise_file_limit`, logged);
- a connection past `Caps.connections` is answered 503 and closed at once (`guarded`), so the
  files left (`reserve`) stay free for the store, Docker and the log, and accept never fails;
- a request's headers must arrive within HEADER_TIMEOUT_S of the connection (or of the last
  response on it), else it is closed (aiohttp's keep-alive timer, which runs from the
  connection's start and is not reset by bytes that do not end the headers);
- streams (the event feed, `/live`) are admitted by `StreamGate`: at most PER_ADDRESS from one
  address (jury accounts aside: 429), at most `Caps.anonymous` anonymous ones and
  `Caps.streams` in all (503); a refused stream's connection is closed;
- what is refused or fails in numbers is logged once a period with its count (`FloodLog`).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import resource
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import web

log = logging.getLogger(__name__)

HEADER_TIMEOUT_S = 10.0  # from a connection (or its last response) to a request's headers
PER_ADDRESS = 16  # streams one address may hold (a team's tabs, a console), jury aside
ANONYMOUS_MAX = 500  # anonymous streams at most, whatever the file limit
RETRY_AFTER_S = 30
REFUSED_LINGER_S = 0.5  # a connection refused over the cap is closed within this
LOG_PERIOD_S = 10.0  # a flood's kind of event is logged at most once a period, with a count
FILE_ERRORS = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)


def raise_file_limit() -> int:
    """Raise the soft limit of open files to the hard one (logged); the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError) as exc:
            log.warning("open files: the limit stays at %d (raising it to %d failed: %s)",
                        soft, hard, exc)
            return soft
        log.info("open files: limit raised from %d to %d (the hard limit)", soft, hard)
        return hard
    log.info("open files: limit %d (the hard limit)", soft)
    return soft


def file_limit() -> int:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return 1 << 20 if soft == resource.RLIM_INFINITY else soft


@dataclass(frozen=True)
class Caps:
    """How many connections and streams the server holds at most, from its file limit."""

    files: int
    reserve: int  # files kept for everything but connections
    connections: int
    streams: int  # every stream: a quarter of the connections stays for ordinary requests
    anonymous: int
    per_address: int = PER_ADDRESS

    @classmethod
    def from_files(cls, files: int) -> Caps:
        reserve = max(64, files // 8)
        connections = max(16, files - reserve)
        streams = connections * 3 // 4
        return cls(files, reserve, connections, streams, min(ANONYMOUS_MAX, streams // 2))

    def describe(self) -> str:
        return (f"at most {self.connections} connections, {self.streams} streams "
                f"({self.anonymous} anonymous, {self.per_address} from one address)")


class FloodLog:
    """Log lines of a kind at most once per LOG_PERIOD_S: the first at once, the rest counted
    and logged in one line when the period ends."""

    def __init__(self, logger: logging.Logger = log, period: float = LOG_PERIOD_S,
                 clock: Callable[[], float] | None = None) -> None:
        self.logger, self.period = logger, period
        self.clock = clock or (lambda: asyncio.get_running_loop().time())
        self._last: dict[str, float] = {}  # kind -> when its last line was written
        self._held: Counter[str] = Counter()  # kind -> occurrences since that line
        self._flush: dict[str, asyncio.TimerHandle] = {}

    def note(self, kind: str) -> None:
        now = self.clock()
        last = self._last.get(kind)
        if last is None or now - last >= self.period:
            self._write(kind, self._held.pop(kind, 0) + 1, now, first=last is None)
            return
        self._held[kind] += 1
        if kind not in self._flush:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return  # no loop: the count waits for the next line
            self._flush[kind] = loop.call_later(last + self.period - now, self._flush_kind,
                                                kind)

    def _flush_kind(self, kind: str) -> None:
        self._flush.pop(kind, None)
        count = self._held.pop(kind, 0)
        if count:
            self._write(kind, count, self.clock())

    def _write(self, kind: str, count: int, now: float, first: bool = False) -> None:
        self._last[kind] = now
        handle = self._flush.pop(kind, None)
        if handle is not None:
            handle.cancel()
        if first:
            self.logger.warning("%s (the next are counted, a line every %g s)", kind,
                                self.period)
        else:
            self.logger.warning("%s (%d time%s since its last line)", kind, count,
                                "" if count == 1 else "s")

    def loop_errors(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        """An event loop's exception handler: a failed accept for want of files (asyncio logs
        each with its trace, again and again while the flood lasts) counted; the rest as
        asyncio logs them."""
        exc = context.get("exception")
        if isinstance(exc, OSError) and exc.errno in FILE_ERRORS:
            self.note(f"accepting a connection failed: {exc.strerror}")
        elif isinstance(exc, OSError) and exc.errno == errno.EBADF \
                and "_start_serving" in context.get("message", "") + repr(context.get("handle")):
            self.note("accepting restarted on a closed socket")
        else:
            loop.default_exception_handler(context)


class _Refused(asyncio.Protocol):
    """A connection over the cap: a 503, then closed once the client has read it and
    closed its side, or after REFUSED_LINGER_S (closing with the client's request unread
    would reset the connection before the client reads the 503)."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        body = b"the server holds too many connections; try again in a moment\n"
        assert isinstance(transport, asyncio.WriteTransport)
        transport.write(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
            b"Retry-After: %d\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
            % (RETRY_AFTER_S, len(body), body))
        transport.write_eof()
        asyncio.get_running_loop().call_later(REFUSED_LINGER_S, transport.close)

    def data_received(self, data: bytes) -> None:
        pass  # the request, read and dropped

    def eof_received(self) -> bool:
        return False  # the client closed its side: close


def guarded(server: web.Server, caps: Caps, flood_log: FloodLog) -> Callable[[], asyncio.Protocol]:
    """`server` as a protocol factory that refuses connections past `caps.connections`."""

    def factory() -> asyncio.Protocol:
        if len(server.connections) >= caps.connections:
            flood_log.note(f"connections refused: {caps.connections} held already")
            return _Refused()
        return server()

    return factory


class GuardedSite(web.TCPSite):
    """A TCP site whose connections past the cap are refused (see `guarded`)."""

    def __init__(self, runner: web.AppRunner, host: str, port: int, caps: Caps,
                 flood_log: FloodLog, reuse_port: bool = False) -> None:
        super().__init__(runner, host, port, reuse_address=True)
        self.caps, self.flood_log, self.reuse_port = caps, flood_log, reuse_port

    async def start(self) -> None:
        await web.BaseSite.start(self)
        server = self._runner.server
        assert server is not None
        self._server = await asyncio.get_running_loop().create_server(
            guarded(server, self.caps, self.flood_log), self._host, self._port,
            backlog=self._backlog, reuse_address=True, reuse_port=self.reuse_port or None)

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.sockets[0].getsockname()[1]


@dataclass
class StreamGate:
    """The streams open now, by address and anonymous; who may open one more."""

    caps: Caps
    flood_log: FloodLog = field(default_factory=FloodLog)
    total: int = 0
    anonymous: int = 0
    by_address: Counter[str] = field(default_factory=Counter)

    def refusal(self, address: str, anonymous: bool, jury: bool) -> web.HTTPException | None:
        """Why one more stream from `address` is refused (429 or 503), or None."""
        retry = {"Retry-After": str(RETRY_AFTER_S)}
        if not jury and self.by_address[address] >= self.caps.per_address:
            self.flood_log.note(f"streams refused: {self.caps.per_address} open from one "
                                f"address already ({address})")
            return web.HTTPTooManyRequests(
                text=f"{self.caps.per_address} streams are open from your address already; "
                     "close one (a tab) or try again later", headers=retry)
        if self.total >= self.caps.streams or (anonymous and
                                               self.anonymous >= self.caps.anonymous):
            what = "anonymous streams" if anonymous else "streams"
            cap = self.caps.anonymous if anonymous else self.caps.streams
            self.flood_log.note(f"{what} refused: {cap} open already")
            return web.HTTPServiceUnavailable(
                text=f"the server holds {cap} {what} already; "
                     + ("log in, or " if anonymous else "") + "try again later", headers=retry)
        return None

    @contextmanager
    def admitted(self, request: web.Request, anonymous: bool, jury: bool):
        """Hold a stream for the request's address, or raise its refusal (the connection is
        then closed, freeing its file)."""
        address = request.remote or "?"
        refused = self.refusal(address, anonymous, jury)
        if refused is not None:
            refused.force_close()
            raise refused
        self.total += 1
        self.anonymous += anonymous
        self.by_address[address] += 1
        try:
            yield
        finally:
            self.total -= 1
            self.anonymous -= anonymous
            self.by_address[address] -= 1
            if not self.by_address[address]:
                del self.by_address[address]
