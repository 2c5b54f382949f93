"""The judge image, built offline: an almost empty root imported into Docker.

No registry is reachable from a contest floor, so nothing is pulled. The image holds only
mount points, the merged-/usr symlinks and a passwd file; toolchains come from the host's
/usr, bind-mounted read-only (see `judge.sandbox`). Its tag is a hash of its content, so
building again is a no-op.
"""

from __future__ import annotations

import hashlib
import io
import tarfile

import docker
import docker.errors

from judge.errors import SandboxError
from judge.sandbox import BLOBS, RUNNER_DIR, SCRATCH, WORKDIR

REPOSITORY = "podium-judge"

_DIRS = ("usr", "etc", "proc", "sys", "dev", "tmp", "root", WORKDIR.strip("/"),
         SCRATCH.strip("/"), BLOBS.strip("/"), RUNNER_DIR.strip("/"),
         f"{RUNNER_DIR.strip('/')}/judge")
_LINKS = {"bin": "usr/bin", "sbin": "usr/sbin", "lib": "usr/lib", "lib64": "usr/lib64"}


def _files(uid: int, run_uid: int) -> dict[str, bytes]:
    validator = run_uid + 1
    return {
        "etc/passwd": (f"root:x:0:0:root:/root:/bin/sh\n"
                       f"judge:x:{uid}:{uid}:judge:{WORKDIR}:/bin/sh\n"
                       f"run:x:{run_uid}:{run_uid}:run:/tmp:/bin/sh\n"
                       f"validator:x:{validator}:{validator}:validator:/tmp:/bin/sh\n").encode(),
        "etc/group": (f"root:x:0:\njudge:x:{uid}:\nrun:x:{run_uid}:\n"
                      f"validator:x:{validator}:\n").encode(),
        "etc/nsswitch.conf": b"passwd: files\ngroup: files\nhosts: files\n",
    }


def root_tar(uid: int, run_uid: int) -> bytes:
    """The image's root file system as a tar archive (deterministic for its users)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name in _DIRS:
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            info.mode = 0o1777 if name == "tmp" else 0o755
            tar.addfile(info)
        for name, target in _LINKS.items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
        for name, data in sorted(_files(uid, run_uid).items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def image_tag(uid: int, run_uid: int) -> str:
    """The tag of the image for this content."""
    return f"{REPOSITORY}:{hashlib.sha256(root_tar(uid, run_uid)).hexdigest()[:12]}"


def ensure_image(client: docker.DockerClient, uid: int, run_uid: int) -> str:
    """Import the judge image unless it is there already; return its tag."""
    tag = image_tag(uid, run_uid)
    try:
        client.images.get(tag)
        return tag
    except docker.errors.ImageNotFound:
        pass
    except docker.errors.DockerException as exc:
        raise SandboxError(f"cannot reach the Docker engine: {exc}") from exc
    repository, version = tag.split(":")
    try:
        client.api.import_image_from_data(root_tar(uid, run_uid), repository=repository,
                                          tag=version)
        client.images.get(tag)
    except docker.errors.DockerException as exc:
        raise SandboxError(f"cannot import the judge image {tag}: {exc}") from exc
    return tag
