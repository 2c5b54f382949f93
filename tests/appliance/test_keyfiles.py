"""Keys made in the data folder by whichever process needs them first: the web workers of
one `podium serve --workers N` start at once, and every one must end up with the same whole
key (one worker once died at start: the other had created the session key a moment before)."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from appliance.signing import signing_key
from web.app import session_key

RACERS = 8


def _race(make, data: str, barrier, results) -> None:
    barrier.wait()
    try:
        results.put(("ok", make(Path(data))))
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        results.put(("raised", repr(exc)))


def _session(data: Path) -> bytes:
    return session_key(data)


def _signing(data: Path) -> str:
    return signing_key(data).fingerprint


@pytest.mark.parametrize(("make", "name"), [(_session, "session.key"),
                                            (_signing, "archive-signing.key")])
def test_processes_starting_at_once_share_one_whole_key(tmp_path: Path, make, name) -> None:
    context = multiprocessing.get_context("fork")
    for round_ in range(5):  # the race is narrow: several fresh folders
        data = tmp_path / f"data{round_}"
        barrier, results = context.Barrier(RACERS), context.Queue()
        racers = [context.Process(target=_race, args=(make, str(data), barrier, results))
                  for _ in range(RACERS)]
        for racer in racers:
            racer.start()
        got = [results.get(timeout=60) for _ in racers]
        for racer in racers:
            racer.join()
        assert {kind for kind, _ in got} == {"ok"}, got
        assert len({value for _, value in got}) == 1  # one key, the same for every process
        assert sorted(p.name for p in data.iterdir()) == [name]  # no temporary file left
        assert stat.S_IMODE(os.stat(data / name).st_mode) == 0o600
    if make is _session:
        assert len(session_key(data)) == 32
