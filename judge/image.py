"""The judge image, built offline: an almost empty root imported into Docker.

No registry is reachable from a contest floor, so nothing is pulled. The image holds mount
points, the merged-/usr symlinks, a passwd file, the launcher (`launch.c`, built here with the
host's gcc, static: it starts every command of a judging under its limits) and the
precompiled headers of the languages that name one (`precompiled`, e.g. C++'s bits/stdc++.h,
built here with the host's compiler, which the sandboxes mount as /usr, and with each
language's own compile flags); toolchains come from the host's /usr, bind-mounted read-only
(see `judge.sandbox`). Its tag is a hash of what it is made of (its files, the launcher's
source, build argv and compiler version, each header's build argv and the compiler's
version), so building again is a no-op and a toolchain upgrade builds a new image.
"""

from __future__ import annotations

import hashlib
import io
import logging
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import docker
import docker.errors

from judge.errors import SandboxError
from judge.languages import Language, load_languages
from judge.sandbox import BLOBS, LAUNCHER, RUNNER_DIR, SCRATCH, WORKDIR

log = logging.getLogger(__name__)

REPOSITORY = "podium-judge"
WRAPPER = "podium-precompiled.h"  # the one-line file that includes the header to build
HEADER_BUILD_TIMEOUT = 300
LAUNCHER_SOURCE = Path(__file__).with_name("launch.c")
# static, no C library (see launch.c), then -o OUT SOURCE
LAUNCHER_BUILD = ("gcc", "-O2", "-static", "-nostdlib", "-ffreestanding", "-fno-pie",
                  "-no-pie", "-fno-stack-protector", "-fno-asynchronous-unwind-tables",
                  "-Wall", "-Wextra", "-Werror")

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


def _add_dir(tar: tarfile.TarFile, name: str, mode: int = 0o755) -> None:
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = mode
    tar.addfile(info)


def write_root(out, uid: int, run_uid: int, headers: Mapping[str, Path] | None = None,
               launcher: Path | None = None) -> None:
    """Write the image's root file system as a tar archive to `out`; `headers` maps a
    path in the image to a built file (a precompiled header) to add, world-readable;
    `launcher`, the built launcher, goes to its path, root's and executable by all."""
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name in _DIRS:
            _add_dir(tar, name, 0o1777 if name == "tmp" else 0o755)
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
        if launcher is not None:
            _add_file(tar, LAUNCHER.strip("/"), launcher, 0o755)
        made = set(_DIRS)
        for name, path in sorted((headers or {}).items()):
            parts = Path(name).parts
            for depth in range(1, len(parts)):
                folder = "/".join(parts[:depth])
                if folder not in made:
                    _add_dir(tar, folder)
                    made.add(folder)
            _add_file(tar, name, path, 0o644)


def _add_file(tar: tarfile.TarFile, name: str, path: Path, mode: int) -> None:
    """A built file of the host as root's in the image, with `mode` and no time."""
    info = tar.gettarinfo(str(path), arcname=name)
    info.mode, info.uid, info.gid, info.uname, info.gname = mode, 0, 0, "", ""
    info.mtime = 0
    with open(path, "rb") as f:
        tar.addfile(info, f)


def root_tar(uid: int, run_uid: int) -> bytes:
    """The image's root file system without precompiled headers (deterministic)."""
    buffer = io.BytesIO()
    write_root(buffer, uid, run_uid)
    return buffer.getvalue()


def precompiling(languages: Iterable[Language]) -> list[Language]:
    """The languages whose header is precompiled into the image."""
    return [lang for lang in languages if lang.precompiled and lang.compile]


def _host_version(argv: Sequence[str]) -> str:
    """The compiler's own words on its version (run on the host: its /usr is the sandbox's)."""
    try:
        done = subprocess.run(list(argv), capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unavailable: {exc}"
    return (done.stdout + done.stderr).decode("utf-8", "replace")


def image_tag(uid: int, run_uid: int, languages: Sequence[Language] = ()) -> str:
    """The tag of the image for this content: its files, the launcher's source, build
    argv and compiler version, and for each language that precompiles a header, the
    header, its build argv and the compiler's version."""
    digest = hashlib.sha256(root_tar(uid, run_uid))
    digest.update(repr((LAUNCHER_SOURCE.read_bytes(), LAUNCHER_BUILD,
                        _host_version((LAUNCHER_BUILD[0], "--version")))).encode())
    for language in precompiling(languages):
        digest.update(repr((language.id, language.precompiled,
                            language.header_build(WRAPPER, "out.gch"),
                            _host_version(language.version))).encode())
    return f"{REPOSITORY}:{digest.hexdigest()[:12]}"


def build_headers(languages: Sequence[Language], folder: Path) -> dict[str, Path]:
    """Precompile each language's header on the host into `folder`; image path -> file.

    A header that does not build is left out with a warning: that language compiles as
    before, only slower (the self-test of `podium languages` shows it)."""
    built = {}
    for language in precompiling(languages):
        work = folder / language.id
        work.mkdir(parents=True)
        (work / WRAPPER).write_text(f"#include <{language.precompiled}>\n")
        output = work / "header.gch"
        argv = language.header_build(WRAPPER, output.name)
        try:
            subprocess.run(argv, cwd=work, check=True, capture_output=True,
                           timeout=HEADER_BUILD_TIMEOUT, env={"PATH": "/usr/bin:/bin",
                                                              "LANG": "C.UTF-8"})
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("cannot precompile %s for %s: %s", language.precompiled, language.id,
                        exc)
            continue
        image_path = f"{language.precompiled_dir.strip('/')}/{language.precompiled}.gch"
        built[image_path] = output
    return built


def build_launcher(folder: Path) -> Path:
    """Compile the launcher on the host into `folder`; SandboxError when it does not build
    (no image can judge without it)."""
    output = folder / "launch"
    argv = [*LAUNCHER_BUILD, "-o", str(output), str(LAUNCHER_SOURCE)]
    try:
        subprocess.run(argv, check=True, capture_output=True, timeout=HEADER_BUILD_TIMEOUT,
                       env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    except subprocess.CalledProcessError as exc:
        raise SandboxError(f"cannot build the judge image's launcher ({' '.join(argv)}): "
                           f"{exc.stderr.decode('utf-8', 'replace').strip()}") from exc
    except (OSError, subprocess.SubprocessError) as exc:
        raise SandboxError(f"cannot build the judge image's launcher ({' '.join(argv)}): "
                           f"{exc}") from exc
    return output


def has_image(client: docker.DockerClient, tag: str) -> bool:
    """Whether the engine holds the image `tag`; SandboxError when it cannot be asked."""
    try:
        client.images.get(tag)
        return True
    except docker.errors.ImageNotFound:
        return False
    except docker.errors.DockerException as exc:
        raise SandboxError(f"cannot reach the Docker engine: {exc}") from exc


def ensure_image(client: docker.DockerClient, uid: int, run_uid: int,
                 languages: Sequence[Language] | None = None) -> str:
    """Import the judge image unless it is there already (precompiling the headers of
    `languages`, by default every language's); return its tag."""
    languages = list(load_languages().values()) if languages is None else list(languages)
    tag = image_tag(uid, run_uid, languages)
    if has_image(client, tag):
        return tag
    repository, version = tag.split(":")
    with tempfile.TemporaryDirectory(prefix="podium-image-") as tmp:
        launcher = build_launcher(Path(tmp))
        headers = build_headers(languages, Path(tmp))
        root = Path(tmp, "root.tar")
        with open(root, "wb") as out:
            write_root(out, uid, run_uid, headers, launcher)
        try:
            client.api.import_image_from_file(str(root), repository=repository, tag=version)
            client.images.get(tag)
        except docker.errors.DockerException as exc:
            raise SandboxError(f"cannot import the judge image {tag}: {exc}") from exc
    return tag
