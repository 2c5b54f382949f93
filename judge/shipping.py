"""Judging on an engine that shares nothing with this machine but the Docker API.

Such an engine's sandboxes bind-mount only the engine host's own toolchains (/usr and a few
/etc entries, as any sandbox does); nothing of this machine's file system. So:
- the runner travels in the judge image: the engine's image is the judge image with the
  `judge` package's Python files added (`ensure_shipped_image`, a container committed on that
  engine, offline; tagged by the files' hash, so a new runner makes a new image);
- blobs (sources, test data, validators' and cached builds) live in a volume on that engine,
  named by their SHA-256 like this machine's blob folder, filled with `put_archive` through a
  container that is never started (`BlobShipper`); each blob crosses the network once per
  engine, not once per submission, and is checked by its hash in the runner before use;
- each sandbox's scratch folder is an anonymous volume of its own (removed with it), read
  back with `get_archive` (a validator's build, the progress log after an OOM kill).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import tarfile
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import docker
import docker.errors

from judge.blobs import BlobStore
from judge.engines import DOCKER_ERRORS
from judge.errors import SandboxError
from judge.image import has_image
from judge.sandbox import BLOBS, OWNER_LABEL, RUNNER_DIR, owner

log = logging.getLogger(__name__)

BLOB_VOLUME = "podium-blobs"
LOADER_LABEL = "podium.loader"
JUDGE_DIR = Path(__file__).resolve().parent
SPOOL = 64 * 1024 * 1024  # a shipment bigger than this is spooled to disk, not memory


def runner_files() -> list[Path]:
    """The judge package's Python files: all the runner may import (standard library
    besides)."""
    return sorted(p for p in JUDGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def runner_tar() -> bytes:
    """The runner as a tar to unpack at the image's root (deterministic: fixed owners and
    times), with /blobs made root's alone, as the runner requires of its blob folder."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        folder = tarfile.TarInfo(BLOBS.strip("/"))
        folder.type, folder.mode = tarfile.DIRTYPE, 0o700
        tar.addfile(folder)
        for path in runner_files():
            data = path.read_bytes()
            name = f"{RUNNER_DIR.strip('/')}/judge/{path.relative_to(JUDGE_DIR).as_posix()}"
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def shipped_tag(base: str, runner: bytes) -> str:
    """The shipped image's tag: the judge image's, and a hash of the runner's files."""
    repository, _, version = base.partition(":")
    return f"{repository}:{version}-r{hashlib.sha256(runner).hexdigest()[:10]}"


def ensure_shipped_image(client: docker.DockerClient, base: str) -> str:
    """The judge image `base` with the runner inside, committed on this engine unless it is
    there already; its tag."""
    runner = runner_tar()
    tag = shipped_tag(base, runner)
    if has_image(client, tag):
        return tag
    repository, _, version = tag.partition(":")
    container = None
    try:
        container = client.containers.create(base, command=["/bin/true"],
                                              network_disabled=True)
        container.put_archive("/", runner)
        container.commit(repository=repository, tag=version)
    except DOCKER_ERRORS as exc:
        raise SandboxError(f"cannot add the runner to the judge image {base}: {exc}") from exc
    finally:
        if container is not None:
            try:
                container.remove(force=True)
            except DOCKER_ERRORS:
                pass
    return tag


class BlobShipper:
    """The blob volume of one engine, filled over the API; what it holds is remembered, so
    a blob is sent once. `sent` counts the bytes sent per blob (the cache's witness)."""

    def __init__(self, client: docker.DockerClient, blobs: BlobStore, image: str) -> None:
        self.client, self.blobs, self.image = client, blobs, image
        self.sent: Counter[str] = Counter()
        self._held: set[str] = set()
        self._lock = threading.Lock()
        self._loader = None

    def volume_kwargs(self) -> dict:
        """The blob volume as a sandbox mounts it: read-only at /blobs."""
        return {BLOB_VOLUME: {"bind": BLOBS, "mode": "ro"}}

    def _loader_container(self):
        """A container, never started, holding the volume writable: put_archive's target."""
        if self._loader is None:
            self._loader = self.client.containers.create(
                self.image, command=["/bin/true"], network_disabled=True, read_only=True,
                volumes={BLOB_VOLUME: {"bind": BLOBS, "mode": "rw"}},
                labels={LOADER_LABEL: "1", OWNER_LABEL: owner()})
        return self._loader

    def ship(self, digests: Iterable[str]) -> None:
        """Make sure the engine's volume holds these blobs, sending those it lacks (in one
        archive); a blob already there with the right size is not sent again."""
        wanted = list(dict.fromkeys(digests))
        with self._lock:
            missing = [d for d in wanted if d not in self._held]
            if not missing:
                return
            try:
                loader = self._loader_container()
                missing = [d for d in missing if not self._present(loader, d)]
                if missing:
                    self._send(loader, missing)
            except DOCKER_ERRORS as exc:
                self._loader = None  # made again next time (the engine may have restarted)
                raise SandboxError(f"cannot send the judging's files to the engine: "
                                   f"{exc}") from exc
            self._held.update(wanted)

    def _present(self, loader, digest: str) -> bool:
        """Whether the volume holds the blob whole (one small request, no content)."""
        api = self.client.api
        answer = api.head(api._url("/containers/{0}/archive", loader.id),
                          params={"path": f"{BLOBS}/{digest}"})
        if answer.status_code == 404:
            return False
        answer.raise_for_status()
        stat = answer.headers.get("X-Docker-Container-Path-Stat", "")
        if not stat:
            return False
        size = json.loads(base64.b64decode(stat)).get("size")
        if size != self.blobs.path(digest).stat().st_size:
            log.warning("blob %s on the engine is cut short (%s bytes): sent again", digest,
                        size)
            return False
        return True

    def _send(self, loader, digests: list[str]) -> None:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL) as archive:
            with tarfile.open(fileobj=archive, mode="w") as tar:
                for digest in digests:
                    path = self.blobs.path(digest)
                    info = tarfile.TarInfo(digest)
                    info.size, info.mode = path.stat().st_size, 0o600
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
                    self.sent[digest] += info.size
            archive.seek(0)
            loader.put_archive(BLOBS, archive)

    def close(self) -> None:
        """Remove the loader container (the volume and its blobs stay: the engine's cache)."""
        with self._lock:
            loader, self._loader = self._loader, None
        if loader is not None:
            try:
                loader.remove(force=True)
            except DOCKER_ERRORS:  # the engine is gone: its leftovers are cleared on rejoin
                pass


def read_scratch(container, path: str, into: Path) -> bool:
    """Copy one file of a sandbox's scratch volume to `into` (False when it is not there)."""
    try:
        stream, _ = container.get_archive(path)
    except docker.errors.NotFound:
        return False
    with tempfile.TemporaryFile() as archive:
        for chunk in stream:
            archive.write(chunk)
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            member = tar.next()
            source = tar.extractfile(member) if member is not None else None
            if source is None:
                return False
            with open(into, "wb") as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
    return True

