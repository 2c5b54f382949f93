"""A flood's failures are logged once a period with a count, never a line (and a trace) each:
the accept loop failing for want of files, streams refused; and the caps the server takes
from its file limit leave files for everything but connections."""

from __future__ import annotations

import asyncio
import errno
import logging

from web.floods import Caps, FloodLog, StreamGate


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_ten_thousand_failed_accepts_in_a_period_are_two_lines(caplog) -> None:
    clock = Clock()
    flood = FloodLog(logging.getLogger("floods-test"), period=10.0, clock=clock)
    loop = asyncio.new_event_loop()
    context = {"message": "socket.accept() out of system resource",
               "exception": OSError(errno.EMFILE, "Too many open files")}
    with caplog.at_level(logging.INFO, "floods-test"):
        for i in range(10_000):
            clock.now = i * 0.001  # ten seconds of failures
            flood.loop_errors(loop, context)
        clock.now = 10.5
        flood.loop_errors(loop, context)
    loop.close()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2, lines
    assert "Too many open files" in lines[0]
    assert "10000 times" in lines[1]  # the 9,999 held back and this one
    assert not any(r.exc_info for r in caplog.records)


def test_other_loop_errors_are_logged_as_asyncio_logs_them(caplog) -> None:
    flood = FloodLog(logging.getLogger("floods-test"), clock=Clock())
    loop = asyncio.new_event_loop()
    with caplog.at_level(logging.ERROR, "asyncio"):
        flood.loop_errors(loop, {"message": "something else", "exception": ValueError("x")})
    loop.close()
    assert any("something else" in r.getMessage() for r in caplog.records)


def test_the_count_of_a_period_is_written_when_it_ends() -> None:
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    logger = logging.getLogger("floods-flush")
    logger.addHandler(Keep())

    async def burst() -> None:
        flood = FloodLog(logger, period=0.05)
        for _ in range(500):
            flood.note("streams refused")
        await asyncio.sleep(0.2)

    asyncio.run(burst())
    assert len(records) == 2, records
    assert "499 times" in records[1]


def test_caps_leave_files_for_the_rest() -> None:
    for files in (256, 1024, 20_000, 1 << 20):
        caps = Caps.from_files(files)
        assert caps.connections + caps.reserve <= files
        assert caps.reserve >= 64
        assert caps.anonymous <= caps.streams < caps.connections
    assert Caps.from_files(1 << 20).anonymous == 500


def test_streams_refused_per_address_then_anonymous_overall() -> None:
    gate = StreamGate(Caps(files=0, reserve=0, connections=100, streams=10, anonymous=5,
                           per_address=3), FloodLog(clock=Clock()))
    assert gate.refusal("10.0.0.1", anonymous=True, jury=False) is None
    gate.by_address["10.0.0.1"] = 3
    assert gate.refusal("10.0.0.1", anonymous=True, jury=False).status == 429
    assert gate.refusal("10.0.0.1", anonymous=False, jury=True) is None  # the jury's console
    gate.anonymous = gate.total = 5
    assert gate.refusal("10.0.0.2", anonymous=True, jury=False).status == 503
    assert gate.refusal("10.0.0.2", anonymous=False, jury=False) is None  # a team logged in
    gate.total = 10
    refused = gate.refusal("10.0.0.2", anonymous=False, jury=True)
    assert refused.status == 503 and refused.headers["Retry-After"]
