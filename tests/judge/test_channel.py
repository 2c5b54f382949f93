"""The warm runner's protocol on both ends, without Docker: the runner answers JSON lines,
the host reads Docker's multiplexed frames (stdout and stderr) back into one report."""

from __future__ import annotations

import io
import json
import socket
import struct
import threading

import pytest

from judge.channel import Channel, RunnerGone
from judge.errors import SandboxError
from judge.runner import serve


def frame(kind: int, data: bytes) -> bytes:
    return struct.pack(">BxxxL", kind, len(data)) + data


def test_the_runner_answers_each_job_line_with_one_report_line() -> None:
    answers = io.BytesIO()
    serve(io.BytesIO(b'{"phase": "ping"}\nnot json\n{"phase": "ping"}\n'), answers)
    reports = [json.loads(line) for line in answers.getvalue().splitlines()]
    assert reports[0] == reports[2] == {"pong": True}
    assert "not JSON" in reports[1]["error"]


def test_a_report_split_across_frames_and_stderr_is_read_whole() -> None:
    host, runner = socket.socketpair()
    channel = Channel(host)

    def answer() -> None:
        with runner.makefile("rb") as jobs:
            assert jobs.readline() == b'{"phase": "ping"}\n'
        runner.sendall(frame(1, b'{"po') + frame(2, b"a warning\n") + frame(1, b'ng": true}\n'))

    thread = threading.Thread(target=answer)
    thread.start()
    assert channel.ask({"phase": "ping"}, timeout=60) == {"pong": True}
    thread.join()
    assert channel.stderr == b"a warning\n"
    runner.sendall(frame(1, b"garbage\n"))
    with pytest.raises(SandboxError, match="no result"):
        channel.ask({"phase": "ping"}, timeout=60)
    runner.close()
    with pytest.raises(RunnerGone):
        channel.ask({"phase": "ping"}, timeout=60)
    channel.close()


class Watched(socket.socket):
    """A socket that notes a close that comes while another thread is inside its recv."""

    reading = 0
    closed_under_reader = False

    def recv(self, size: int, *flags: int) -> bytes:
        self.reading += 1
        try:
            return super().recv(size, *flags)
        finally:
            self.reading -= 1

    def close(self) -> None:
        if self.reading:
            self.closed_under_reader = True
        super().close()


def test_closing_the_stream_wakes_a_judging_waiting_for_its_report() -> None:
    """The pool closes a stream a judging waits on: shutting it down wakes the judging, and
    the descriptor is closed only after that thread is done with it (closed under it, its
    number goes to the next connection, which the woken thread would then read forever)."""
    host, runner = socket.socketpair()
    watched = Watched(fileno=host.detach())
    channel = Channel(watched)
    outcome = []

    def wait() -> None:
        try:
            channel.ask({"phase": "ping"}, timeout=600)
        except RunnerGone:
            outcome.append("gone")

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    with runner.makefile("rb") as jobs:
        jobs.readline()  # the job arrived: the judging waits in recv; no answer comes
    channel.close()  # the pool closes: its sandboxes go
    thread.join(timeout=60)
    runner.close()
    assert outcome == ["gone"]
    assert not watched.closed_under_reader
    assert watched.fileno() == -1  # released all the same, by the judging's thread
    with pytest.raises(RunnerGone):
        channel.ask({"phase": "ping"}, timeout=60)
