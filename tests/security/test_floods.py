"""A flood from the LAN against a real `podium serve` whose file limit is low (256, soft and
hard: the server cannot raise it): anonymous streams from many addresses, requests whose
headers never end, and idle connections. The scoreboard is still answered, streams past the
caps are refused clearly (429 from one address, 503 overall) and their connections closed,
connections past the cap are refused with a 503, slow headers are closed by the server, and
the log stays small (a line per period, with a count)."""

from __future__ import annotations

import asyncio
import resource
import time

import pytest

from tests.webserver import make_contest, spawn_server, stop_server
from web.floods import Caps

FILES = 256
CAPS = Caps.from_files(FILES)
BOUND_S = 90  # generous: the test is about what happens, never how fast
LOG_BOUND = 20_000  # bytes the server may log during the whole flood


def low_file_limit() -> None:
    """In the server's process before exec: 256 open files, soft and hard."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILES, FILES))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("floods") / "data"
    make_contest(data, problems=("sum",))
    process, base = spawn_server(data, "--no-judge", preexec_fn=low_file_limit)
    try:
        yield int(base.rsplit(":", 1)[1]), data / "serve.log"
    finally:
        stop_server(process)


async def connect(port: int, source: str):
    return await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))


async def stream(port: int, source: str, path: str) -> tuple[int, bytes, object]:
    """Open a stream anonymously from `source`: its status, the rest read if refused (to the
    server's close), and its writer (held open when admitted)."""
    reader, writer = await connect(port, source)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: podium\r\n\r\n".encode())
    status = int((await asyncio.wait_for(reader.readline(), BOUND_S)).split()[1])
    rest = b""
    if status != 200:  # the server closes a refused stream's connection: EOF comes
        rest = await asyncio.wait_for(reader.read(), BOUND_S)
        writer.close()
    return status, rest, writer


async def scoreboard(port: int) -> int:
    reader, writer = await connect(port, "127.0.0.1")
    writer.write(b"GET /api/contests/test/scoreboard HTTP/1.1\r\nHost: podium\r\n"
                 b"Connection: close\r\n\r\n")
    answer = await asyncio.wait_for(reader.read(), BOUND_S)  # a 503 when over the cap
    writer.close()
    return int(answer.split(b" ", 2)[1]) if answer else 0


async def slow_header(port: int, source: str) -> bool:
    """Headers that never end, a byte a second: whether the server closed the connection
    (within BOUND_S)."""
    reader, writer = await connect(port, source)
    writer.write(b"GET /api/contests/test/scoreboard HTTP/1.1\r\nHost: podium\r\nX-Slow: ")
    deadline = time.monotonic() + BOUND_S
    try:
        while time.monotonic() < deadline:
            writer.write(b"a")
            try:
                if await asyncio.wait_for(reader.read(1024), 1.0) == b"":
                    return True
            except TimeoutError:
                continue
    except ConnectionError:
        return True
    finally:
        writer.close()
    return False


async def flood(port: int) -> dict:
    held = []
    slow = [asyncio.create_task(slow_header(port, f"127.0.2.{i % 50 + 1}")) for i in range(60)]
    # one address past its cap: /live from 127.0.0.2
    by_one = await asyncio.gather(*(stream(port, "127.0.0.2", "/live")
                                    for _ in range(CAPS.per_address + 4)))
    # many addresses, anonymous, past the anonymous cap: the event feed
    sources = [f"127.0.1.{i // CAPS.per_address + 1}" for i in range(CAPS.anonymous + 20)]
    overall = await asyncio.gather(*(stream(port, s, "/api/contests/test/event-feed")
                                     for s in sources))
    held = [w for status, _, w in by_one + overall if status == 200]
    boards = [await scoreboard(port) for _ in range(6)]  # during the flood
    closed = await asyncio.gather(*slow)
    for writer in held:
        writer.close()
    return {"by_one": by_one, "overall": overall, "boards": boards, "slow_closed": closed}


def test_a_flood_leaves_the_scoreboard_answered_and_the_log_small(server) -> None:
    port, log = server
    before = log.stat().st_size
    seen = asyncio.run(flood(port))

    assert seen["boards"] == [200] * 6
    by_one = [status for status, _, _ in seen["by_one"]]
    assert by_one.count(200) == CAPS.per_address
    refused = [(s, rest) for s, rest, _ in seen["by_one"] if s != 200]
    assert [s for s, _ in refused] == [429] * 4
    assert all(b"streams are open from your address" in rest for _, rest in refused)
    admitted_anonymous = by_one.count(200) + [s for s, _, _ in seen["overall"]].count(200)
    assert admitted_anonymous == CAPS.anonymous
    refused = [rest for s, rest, _ in seen["overall"] if s != 200]
    assert len(refused) == CAPS.per_address + 20 and all(
        b'"code": 503' in r or b'"code":503' in r for r in refused), refused[:1]
    assert all(seen["slow_closed"]), "a request whose headers never end stays open"

    text = log.read_text()
    assert "open files: limit 256" in text
    assert log.stat().st_size - before < LOG_BOUND
    assert "Traceback" not in text


def test_connections_past_the_cap_are_refused_then_served_again(server) -> None:
    port, log = server
    before = log.stat().st_size

    async def idle_crowd() -> tuple[list[bytes], int]:
        held = []
        for i in range(CAPS.connections + 10):  # idle: no request at all
            held.append(await connect(port, f"127.0.3.{i % 100 + 1}"))
        # each ends: refused at once past the cap, closed after the header timeout below it
        ends = await asyncio.gather(*(asyncio.wait_for(reader.read(), BOUND_S)
                                      for reader, _ in held))
        for _, writer in held:
            writer.close()
        deadline = time.monotonic() + BOUND_S  # then the scoreboard answers again
        while (status := await scoreboard(port)) != 200 and time.monotonic() < deadline:
            await asyncio.sleep(1)
        return ends, status

    ends, status = asyncio.run(idle_crowd())
    refusals = [end for end in ends if end]
    assert refusals  # some past the cap (how many: as the earlier streams end meanwhile)
    assert all(r.startswith(b"HTTP/1.1 503") and b"too many connections" in r
               for r in refusals), refusals[:1]
    assert status == 200
    assert log.stat().st_size - before < LOG_BOUND
    assert "connections refused" in log.read_text()
