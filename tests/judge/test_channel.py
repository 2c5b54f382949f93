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
        assert runner.makefile("rb").readline() == b'{"phase": "ping"}\n'
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
