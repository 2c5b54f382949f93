"""The host's end of a warm runner: JSON lines over a container's attached stdin and stdout.

Each sandbox's pid 1 is the runner, started with the container and waiting for jobs on its
standard input, so a judging pays no `docker exec` (a Docker API call and a Python start-up
per step): a job is one line written to the attached stream and its report one line read
back. Docker multiplexes the container's stdout and stderr on that stream in frames (an
8-byte header: the stream, then the length); stderr is kept to explain a runner that dies.
Only the Docker API carries it, so a remote engine needs no shared folder for it.

Another thread may close a channel while a job waits on it (the pool stops): the stream is
shut down at once, which wakes the waiting thread, but its descriptor is released only by
the last thread using it. A descriptor closed under a waiting thread is soon given to a new
connection (the next Docker API call), and the woken thread would then read that one and
wait forever.
"""

from __future__ import annotations

import json
import socket
import struct
import threading

from judge.errors import SandboxError

_HEADER = struct.Struct(">BxxxL")
STDOUT, STDERR = 1, 2
STDERR_KEPT = 4096


class RunnerGone(Exception):
    """The runner's stream ended: the runner (the container's pid 1) has exited."""


class Channel:
    """One attached stream to a runner serving jobs: send a job, read its report."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.raw: socket.socket = getattr(stream, "_sock", stream)
        self.stderr = b""
        self.closed = False
        self._pending = b""
        self._lock = threading.Lock()
        self._asking = False

    def ask(self, job: dict, timeout: float) -> dict:
        """Send one job and wait up to `timeout` seconds for its report (one JSON object).

        `TimeoutError` when the runner does not answer in time, `RunnerGone` when its
        stream ends, `SandboxError` when it answers with something that is not a report."""
        with self._lock:
            if self.closed:
                raise RunnerGone("the runner's stream was closed")
            self._asking = True
        try:
            line = self._exchange(job, timeout)
        finally:
            with self._lock:
                self._asking = False
                release = self.closed  # closed meanwhile: this thread was the last user
            if release:
                self._release()
        try:
            return json.loads(line)
        except ValueError:
            raise SandboxError(f"the runner printed no result: {line[-200:]!r}") from None

    def _exchange(self, job: dict, timeout: float) -> bytes:
        settimeout = getattr(self.raw, "settimeout", None)  # a shell ssh:// pipe has none:
        try:
            if settimeout is not None:  # there the runner's own wall limits are the bound
                settimeout(timeout)
            self.raw.sendall(json.dumps(job).encode() + b"\n")
            return self._line()
        except TimeoutError:
            raise
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise RunnerGone(f"the runner's stream broke: {exc}") from exc
        except OSError as exc:
            if self.closed:  # shut down by another thread (the pool stops)
                raise RunnerGone("the runner's stream was closed") from exc
            raise

    def _line(self) -> bytes:
        while b"\n" not in self._pending:
            kind, data = self._frame()
            if kind == STDERR:
                self.stderr = (self.stderr + data)[-STDERR_KEPT:]
            else:
                self._pending += data
        line, _, self._pending = self._pending.partition(b"\n")
        return line

    def _frame(self) -> tuple[int, bytes]:
        kind, size = _HEADER.unpack(self._exactly(_HEADER.size))
        return kind, self._exactly(size)

    def _exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.raw.recv(size - len(data))
            if not chunk:
                raise RunnerGone("the runner's stream ended")
            data += chunk
        return data

    def close(self) -> None:
        """Close the stream (the runner reads end of file and exits); a thread waiting for
        a report on it wakes at once with `RunnerGone` and releases the descriptor itself."""
        with self._lock:
            self.closed = True
            asking = self._asking
        try:
            getattr(self.raw, "shutdown", lambda how: None)(socket.SHUT_RDWR)
        except OSError:
            pass
        if not asking:
            self._release()

    def _release(self) -> None:
        try:
            self.raw.close()
        except OSError:
            pass
        try:
            self.stream.close()
        except OSError:
            pass
