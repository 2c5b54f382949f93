"""A warm pool of sandbox containers: started ahead of need, lent to one submission at a time.

Docker's client blocks, so every Docker call here runs in worker threads. When a judging is
done, its container is reset in the background (the runner makes it as new and checks it:
see `judge.reset`) and lent again, so back-to-back submissions wait for no container start;
one whose judging failed, whose reset finds anything left, or that has been lent
`MAX_USES` times is removed and a fresh one started for its slot. A dead daemon or
container surfaces as `SandboxError` (the submission is judged JE with that reason), never
as a hang.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import queue
import shutil
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import docker
import docker.errors

from judge.blobs import BlobStore
from judge.channel import Channel, RunnerGone
from judge.compile_cache import CompileCache
from judge.engines import DOCKER_ERRORS
from judge.errors import SandboxError
from judge.image import ensure_image
from judge.sandbox import (
    LABEL,
    OWNER_LABEL,
    SCRATCH,
    SCRATCH_LABEL,
    WORKDIR,
    SandboxConfig,
    container_kwargs,
    job_blobs,
    shipped_kwargs,
)
from judge.shipping import LOADER_LABEL, BlobShipper, ensure_shipped_image, read_scratch

log = logging.getLogger(__name__)

PING_TIMEOUT = 30.0  # a runner just started may still be loading Python
RESET_TIMEOUT = 30.0  # a reset kills, empties and checks: a sandbox slower than this goes
CLOSE_WAIT_S = 5.0  # on close, how long the pool's own work (starts, resets) may take to end
MAX_USES = 100  # judgings per container before a fresh one, whatever its resets found
# What can go wrong with a sandbox, as counted by `Pool.failures`: a container that would not
# start, a warm one found dead (and replaced), a judging ended as JE by a sandbox error.
SANDBOX_FAILURES = ("start", "dead", "judging")


@dataclass
class _Failure:
    """A slot whose container could not be started, queued so a waiting caller learns why."""

    slot: int
    reason: str


class Sandbox:
    """One started container whose runner (its pid 1) takes jobs over the attached stream,
    lent to one submission."""

    def __init__(self, container, slot: int, blobs: BlobStore, channel: Channel,
                 shipper: BlobShipper | None = None, memory: int | None = None) -> None:
        self.container = container
        self.slot = slot
        self.blobs = blobs
        self.channel = channel
        self.shipper = shipper  # None: the engine sees this machine's blob folder
        self.uses = 0  # judgings it was lent for
        self.memory = memory  # the container's memory limit as last set (None: unknown)
        self.removed = False  # its removal was started (by the judging or by the pool)
        self.gone = False  # its runner has exited (the OOM killer may take it with a test)

    def run(self, job: dict, timeout: float) -> dict:
        """Hand the runner one job and wait for its report (a JSON object).

        A runner that does not answer within `timeout` is killed with its container; one
        that dies (the OOM killer, a killed container) is a `SandboxError` with its exit
        status, as the host's recovery of a run reads it. On an engine that shares nothing,
        the blobs the job reads are sent first (those it lacks)."""
        if self.shipper is not None:
            try:
                self.shipper.ship(job_blobs(job))
            except (SandboxError, *DOCKER_ERRORS) as exc:
                raise SandboxError(str(exc)) from exc
        try:
            result = self.channel.ask(job, timeout)
        except TimeoutError:
            self._kill()
            raise SandboxError(f"the sandbox did not answer within {timeout:.0f} s") from None
        except RunnerGone:
            self.gone = True
            if self.channel.closed:  # the pool closed it (the judge stops): no Docker call
                raise SandboxError("the sandbox was removed (the judge stops)") from None
            code = self._exit_status()
            tail = self.channel.stderr.decode("utf-8", "replace").strip()[-500:]
            raise SandboxError(f"the runner stopped with exit status {code}"
                               + (f": {tail}" if tail else " (container killed?)"),
                               exit_code=code) from None
        except DOCKER_ERRORS as exc:
            raise SandboxError(f"the sandbox failed: {exc}") from exc
        if "error" in result:
            raise SandboxError(f"the runner failed: {result['error']}")
        return result

    def alive(self) -> bool:
        """Whether the runner answers (a round trip on the stream, no Docker API call)."""
        try:
            return self.channel.ask({"phase": "ping"}, PING_TIMEOUT).get("pong") is True
        except (RunnerGone, SandboxError, *DOCKER_ERRORS):
            return False

    def _exit_status(self) -> int | None:
        try:
            return int(self.container.wait(timeout=10)["StatusCode"])
        except DOCKER_ERRORS:
            return None

    @property
    def scratch(self) -> Path:
        """The host folder mounted as the runner's scratch folder (empty when the engine
        shares nothing: see `scratch_file`)."""
        return Path(self.container.labels[SCRATCH_LABEL])

    @contextmanager
    def scratch_file(self, name: str) -> Iterator[Path]:
        """A file the runner left in its scratch folder, as a path here (it may not exist):
        the folder itself when bind-mounted, else a copy read over the API."""
        if self.shipper is None:
            yield self.scratch / name
            return
        with tempfile.TemporaryDirectory(prefix="podium-scratch-") as folder:
            copy = Path(folder, name)
            try:
                read_scratch(self.container, f"{SCRATCH}/{name}", copy)
            except DOCKER_ERRORS as exc:
                raise SandboxError(f"cannot read {name} back from the sandbox: {exc}") from exc
            yield copy

    def oom_kills(self) -> int:
        """How many processes the container's memory cgroup has OOM-killed (0 if unknown)."""
        try:
            code, out = self.container.exec_run(
                ["/usr/bin/cat", "/sys/fs/cgroup/memory/memory.oom_control"], user="0:0")
        except DOCKER_ERRORS:
            code, out = 1, b""
        if code == 0:
            for line in out.decode().splitlines():
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
        try:
            self.container.reload()
            return int(bool(self.container.attrs["State"].get("OOMKilled")))
        except DOCKER_ERRORS:
            return 0

    def set_memory(self, limit: int) -> None:
        """Change the container's memory limit (and swap, so there is none); no Docker call
        when it is that already (an update costs 10-20 ms on a judging's path)."""
        if limit == self.memory:
            return
        self.memory = None  # unknown until the engine says it took the new one
        try:
            self.container.update(mem_limit=limit, memswap_limit=limit)
        except DOCKER_ERRORS as exc:
            raise SandboxError(f"cannot set the sandbox's memory limit: {exc}") from exc
        self.memory = limit

    def _kill(self) -> None:
        try:
            self.container.kill()
        except DOCKER_ERRORS:
            pass

    def close(self) -> None:
        """Close the stream to the runner (it reads end of file and exits)."""
        self.channel.close()


class Pool:
    """`size` slots, each with a warm container pinned to one CPU."""

    def __init__(self, client: docker.DockerClient, config: SandboxConfig, blobs_dir: Path,
                 size: int = 1, cpus: list[str] | None = None, shipped: bool = False) -> None:
        self.client = client
        self.config = config
        self.blobs_dir = blobs_dir
        self.blobs = BlobStore(blobs_dir)
        self.scratch_root = blobs_dir.parent / "scratch"
        self.compile_cache = CompileCache(blobs_dir.parent / "compile-cache")
        self.size = size
        cpus = cpus if cpus is not None else [str(c) for c in sorted(os.sched_getaffinity(0))]
        self.cpusets = [cpus[i % len(cpus)] for i in range(size)]
        self.runner_dir = Path(__file__).resolve().parent
        self._ready: queue.Queue[Sandbox | _Failure] = queue.Queue()
        self._workers = concurrent.futures.ThreadPoolExecutor(max_workers=max(2, size),
                                                              thread_name_prefix="pool")
        self._pending: dict[concurrent.futures.Future, object] = {}  # future -> its fn
        self._lock = threading.Lock()
        self._closed = False
        self._lent: set[Sandbox] = set()
        self._resetting: set[Sandbox] = set()
        self.failures = dict.fromkeys(SANDBOX_FAILURES, 0)
        # An engine that shares nothing of this machine: blobs sent over the API (see
        # judge.shipping); made at start, with the image that carries the runner.
        self.shipped = shipped
        self.shipper: BlobShipper | None = None

    def count_failure(self, kind: str) -> None:
        """Count one sandbox failure of a kind in SANDBOX_FAILURES (for the server's metrics)."""
        with self._lock:
            self.failures[kind] += 1

    def start(self) -> None:
        """Check the engine, build the image, clear leftovers of dead judges, warm every slot."""
        try:
            info = self.client.info()
        except DOCKER_ERRORS as exc:
            raise SandboxError(f"the Docker engine does not answer: {exc}") from exc
        check_engine(info)
        image = ensure_image(self.client, self.config.uid, self.config.run_uid)
        if self.shipped:
            image = ensure_shipped_image(self.client, image)
            self.shipper = BlobShipper(self.client, self.blobs, image)
        self.config = replace(self.config, image=image)
        remove_leftovers(self.client)
        for slot in range(self.size):
            self._submit(self._create, slot)

    def close(self) -> None:
        """Remove every container this pool started, in a few seconds whatever is under way.

        A judging or a reset waiting on its runner wakes at once (its stream is closed: the
        judging ends as JE, cut short, the reset removes its sandbox); starts not begun are
        cancelled; the pool's own work in flight gets CLOSE_WAIT_S to end, and what is still
        running then removes its sandbox itself when it ends (never lending it again)."""
        with self._lock:
            self._closed = True
            busy = list(self._lent | self._resetting)
            pending = dict(self._pending)
        for box in busy:
            box.close()
        for future, fn in pending.items():
            if fn == self._create:
                future.cancel()  # a start not begun: it would only be removed
        for box in busy:  # still judging: their submissions end as JE, nothing is left behind
            self._remove(box)
        deadline = time.monotonic() + CLOSE_WAIT_S
        while True:
            with self._lock:
                pending = dict(self._pending)
            left = deadline - time.monotonic()
            if not pending or left <= 0:
                break
            concurrent.futures.wait(pending, timeout=left)
        if pending:
            log.info("sandbox pool: %d start(s) or reset(s) still under way at close; each "
                     "removes its sandbox when it ends", len(pending))
        while not self._ready.empty():
            item = self._ready.get_nowait()
            if isinstance(item, Sandbox):
                self._remove(item)
        self._workers.shutdown(wait=False)
        if self.shipper is not None:
            self.shipper.close()
        for slot in range(self.size):  # whoever still waits for a sandbox learns why at once
            self._ready.put(_Failure(slot, "the sandbox pool is closed"))

    @property
    def closed(self) -> bool:
        """Whether `close` was called: a judging that fails now was cut short on purpose."""
        with self._lock:
            return self._closed

    @contextmanager
    def acquire(self, timeout: float = 120.0) -> Iterator[Sandbox]:
        """Lend a warm, running container for one submission; afterwards reset it for the
        next, or remove it if the judging raised (its sandbox may be in any state)."""
        box = self._take(timeout)
        done = False
        try:
            yield box
            done = True
        finally:
            box.uses += 1
            with self._lock:
                self._lent.discard(box)
            self._submit(self._reset if done and box.uses < MAX_USES else self._recycle, box)

    def _take(self, timeout: float) -> Sandbox:
        while True:
            try:
                item = self._ready.get(timeout=timeout)
            except queue.Empty:
                raise SandboxError(f"no sandbox became ready within {timeout:.0f} s") from None
            if isinstance(item, _Failure):
                self._submit(self._create, item.slot)  # try again for the next caller
                raise SandboxError(item.reason)
            with self._lock:  # lent from here on, so close() can wake its ping and remove it
                closed = self._closed
                if not closed:
                    self._lent.add(item)
            if closed:
                self._remove(item)
                raise SandboxError("the sandbox pool is closed")
            if item.alive():
                return item
            with self._lock:
                self._lent.discard(item)
                closed = self._closed
            if closed:  # its stream was closed by close(): nothing died
                raise SandboxError("the sandbox pool is closed")
            log.warning("sandbox %s died while warm; replacing it", item.container.short_id)
            self.count_failure("dead")
            self._submit(self._recycle, item)

    def _submit(self, fn, arg) -> None:
        with self._lock:
            closed = self._closed
            if not closed:
                future = self._workers.submit(fn, arg)
                self._pending[future] = fn
        if closed:
            if fn in (self._recycle, self._reset):  # a submission outlived close():
                self._remove(arg)  # remove, do not refill
            return
        future.add_done_callback(self._done)

    def _done(self, future: concurrent.futures.Future) -> None:
        with self._lock:
            self._pending.pop(future, None)

    def _create(self, slot: int) -> None:
        scratch = None
        if self.shipper is not None:
            kwargs = shipped_kwargs(self.config, self.shipper.volume_kwargs(),
                                    self.cpusets[slot])
        else:
            scratch = self.scratch_root / uuid.uuid4().hex
            scratch.mkdir(parents=True)
            scratch.chmod(0o700)  # root's; the runner lets the validator's group pass (only)
            kwargs = container_kwargs(self.config, self.blobs_dir, self.runner_dir, scratch,
                                      self.cpusets[slot])
        container = None
        try:
            container = self.client.containers.create(**kwargs)
            stream = self.client.api.attach_socket(container.id, params={
                "stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
            box = Sandbox(container, slot, self.blobs, Channel(stream), self.shipper,
                          memory=self.config.compile_memory)
            container.start()
        except DOCKER_ERRORS as exc:
            if container is not None:
                remove_container(container, None)
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
            self.count_failure("start")
            self._ready.put(_Failure(slot, f"cannot start a sandbox: {exc}"))
            return
        self._lend_again(box)

    def _lend_again(self, box: Sandbox) -> None:
        """Put a warm sandbox in the queue, or remove it once the pool is closed (under the
        lock, so close() never misses one put after it emptied the queue)."""
        with self._lock:
            self._resetting.discard(box)
            closed = self._closed
            if not closed:
                self._ready.put(box)
        if closed:
            self._remove(box)

    def _reset(self, box: Sandbox) -> None:
        """Make a used sandbox as new and put it back in the pool, or replace it. The
        memory limit goes back to the compile's after the runner has emptied the sandbox
        (lowering it first could find tmpfs files over it), and only if a judging changed
        it (one that ended at its compile did not)."""
        with self._lock:
            closed = self._closed
            if not closed:
                self._resetting.add(box)  # close() wakes it by closing its stream
        if closed:
            self._remove(box)
            return
        job = {"phase": "reset", "workdir": WORKDIR, "scratch": SCRATCH, "uid": self.config.uid,
               "uids": [self.config.run_uid, self.config.validator_uid, self.config.uid]}
        try:
            report = (box.run(job, timeout=RESET_TIMEOUT) if not box.gone else
                      {"clean": False, "left": ["its runner has exited"]})
            if report.get("clean") is True:
                box.set_memory(self.config.compile_memory)
        except SandboxError as exc:
            report = {"clean": False, "left": [str(exc)]}
        if report.get("clean") is not True:
            with self._lock:
                self._resetting.discard(box)
                closed = self._closed
            if closed:
                log.info("sandbox %s: reset cut short, removed (the pool closes)",
                         box.container.short_id)
                self._remove(box)
                return
            # A normal outcome (an OOM kill is an MLE verdict), not a server problem.
            log.info("sandbox %s not reused: %s", box.container.short_id,
                     "; ".join(report.get("left") or ["no report"]))
            self._recycle(box)
            return
        self._lend_again(box)

    def _recycle(self, box: Sandbox) -> None:
        self._remove(box)
        self._submit(self._create, box.slot)

    def _remove(self, box: Sandbox) -> None:
        """Close a sandbox's stream and remove its container, once whoever asks."""
        with self._lock:
            removed, box.removed = box.removed, True
        if removed:
            return
        box.close()
        remove_container(box.container, box.container.labels.get(SCRATCH_LABEL))


# docker info keys that must be true, and what is wrong when one is not.
_REQUIRED_FEATURES = {
    "MemoryLimit": "memory limits (the memory cgroup controller is not enabled)",
    "SwapLimit": "swap limits (boot with cgroup swap accounting, e.g. swapaccount=1)",
    "PidsLimit": "pids limits (the pids cgroup controller is not enabled)",
    "CPUSet": "CPU pinning (the cpuset cgroup controller is not enabled)",
}


def check_engine(info: dict) -> None:
    """Refuse to judge on an engine that cannot enforce the limits, saying which and why."""
    missing = [what for key, what in _REQUIRED_FEATURES.items() if not info.get(key)]
    if missing:
        raise SandboxError("the Docker engine cannot enforce " + "; ".join(missing)
                           + ": fix the host's cgroup set-up before judging")


def remove_leftovers(client: docker.DockerClient) -> int:
    """Remove sandboxes whose judge process on this host is gone (after a crash or kill -9),
    and any that no longer run (after the engine restarted, a pid may be reused)."""
    removed = 0
    host = socket.gethostname()
    # Sparse: no inspect per container, which would race with other pools' removals.
    for container in client.containers.list(all=True, sparse=True, filters={"label": LABEL}):
        labels = container.attrs.get("Labels") or {}
        owner_host, _, pid = labels.get(OWNER_LABEL, ":").partition(":")
        stopped = container.attrs.get("State") in ("exited", "dead")  # never "created": that
        owned = owner_host != host or (pid.isdigit() and pid_alive(int(pid)))  # may be starting
        if owned and not stopped:
            continue
        remove_container(container, labels.get(SCRATCH_LABEL))
        removed += 1
    for container in client.containers.list(all=True, sparse=True,
                                             filters={"label": LOADER_LABEL}):
        labels = container.attrs.get("Labels") or {}
        owner_host, _, pid = labels.get(OWNER_LABEL, ":").partition(":")
        if owner_host == host and pid.isdigit() and not pid_alive(int(pid)):
            remove_container(container, None)  # a blob loader whose pool is gone
    return removed


def remove_container(container, scratch: str | None) -> None:
    """Remove a sandbox and its scratch folder (a host folder, or its anonymous volume);
    one already gone is fine."""
    try:
        container.remove(force=True, v=True)
    except docker.errors.NotFound:
        pass
    except DOCKER_ERRORS as exc:
        log.warning("cannot remove sandbox %s: %s", container.short_id, exc)
        return
    if scratch and Path(scratch).name and Path(scratch).parent.name == "scratch":
        shutil.rmtree(scratch, ignore_errors=True)


def pid_alive(pid: int) -> bool:
    """Whether a process of this host holds `pid` (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def connect(timeout: int = 3600) -> docker.DockerClient:
    """A client of the engine that DOCKER_HOST (or the default socket) names."""
    try:
        return docker.from_env(timeout=timeout)
    except DOCKER_ERRORS as exc:
        raise SandboxError(f"the Docker engine does not answer: {exc}; is dockerd running? "
                           "(./install.sh starts it)") from exc


@contextmanager
def open_pool(config: SandboxConfig, blobs_dir: Path, size: int,
              client: docker.DockerClient | None = None, shipped: bool = False
              ) -> Iterator[Pool]:
    """A started pool (on the local engine unless a client is given; `shipped`: one that
    shares nothing of this machine), closed (every container removed) on the way out."""
    pool = Pool(client or connect(), config, blobs_dir, size=size, shipped=shipped)
    pool.start()
    try:
        yield pool
    finally:
        pool.close()
