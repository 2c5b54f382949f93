"""Docker engines by URL, as `DOCKER_HOST` names them: `unix://`, `tcp://` (TLS with a
certificate folder holding ca.pem, cert.pem and key.pem, as `DOCKER_CERT_PATH` does) and
`ssh://` (through the system's ssh client).

Judging on several engines is Docker's own API pointed at several URLs: no protocol of our
own runs on the judge machines, only containers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import docker
import docker.constants
import docker.errors
import docker.tls
import requests

from judge.errors import SandboxError

# What a Docker call raises when the engine or the way to it fails (the SDK's own errors,
# the HTTP layer's, the socket's).
DOCKER_ERRORS = (docker.errors.DockerException, requests.RequestException, OSError)
DEFAULT_URL = "unix:///var/run/docker.sock"
SCHEMES = ("unix://", "tcp://", "ssh://")
PING_TIMEOUT_S = 5


def local_url(env: Mapping[str, str]) -> str:
    """The engine this machine's Docker client would use: DOCKER_HOST, else the socket."""
    return env.get("DOCKER_HOST") or DEFAULT_URL


def local_cert_path(env: Mapping[str, str]) -> str | None:
    """The certificate folder of the local engine, when DOCKER_TLS_VERIFY asks for TLS."""
    if env.get("DOCKER_TLS_VERIFY") and env.get("DOCKER_CERT_PATH"):
        return env["DOCKER_CERT_PATH"]
    return None


def shares_files(url: str) -> bool:
    """Whether an engine sees this machine's files (its blob folder, the runner): one
    reached through a unix socket runs here. A tcp:// or ssh:// engine shares nothing but
    the Docker API, so what a judging needs is sent to it (`judge.shipping`)."""
    return url.startswith("unix://")


def check_url(url: str) -> str:
    """The URL if Podium can reach an engine through it; a clear error otherwise."""
    if not url.startswith(SCHEMES) or len(url) <= len(url.split("://")[0]) + 3:
        raise SandboxError(f"{url!r} is no Docker engine URL: give unix:///path/docker.sock, "
                           "tcp://host:2376 or ssh://user@host")
    return url


def engine_client(url: str, cert_path: str | None = None,
                  timeout: int = 3600) -> docker.DockerClient:
    """A (lazy) client of the engine at `url`; tcp:// with a certificate folder uses TLS."""
    check_url(url)
    tls = None
    if cert_path:
        folder = Path(cert_path)
        missing = [n for n in ("ca.pem", "cert.pem", "key.pem") if not (folder / n).is_file()]
        if missing:
            raise SandboxError(f"{url}: the certificate folder {folder} lacks "
                               f"{', '.join(missing)}")
        tls = docker.tls.TLSConfig(client_cert=(str(folder / "cert.pem"),
                                                str(folder / "key.pem")),
                                   ca_cert=str(folder / "ca.pem"), verify=True)
    try:
        if tls is None:
            return docker.DockerClient(base_url=url, timeout=timeout,
                                       use_ssh_client=url.startswith("ssh://"))
        return _tls_client(url, tls, timeout)
    except DOCKER_ERRORS as exc:
        raise SandboxError(f"the Docker engine at {url} does not answer: "
                           f"{_first_line(exc)}") from exc


def _tls_client(url: str, tls: docker.tls.TLSConfig, timeout: int) -> docker.DockerClient:
    """A TLS client whose engine's CA alone decides: requests would let REQUESTS_CA_BUNDLE
    or CURL_CA_BUNDLE (set on many machines) replace it, failing every handshake. The API
    version is asked once the environment is out of the way."""
    probe = docker.DockerClient(base_url=url, tls=tls, timeout=timeout,
                                version=docker.constants.MINIMUM_DOCKER_API_VERSION)
    try:
        probe.api.trust_env = False
        version = probe.api.version(api_version=False)["ApiVersion"]
    finally:
        probe.close()
    client = docker.DockerClient(base_url=url, tls=tls, timeout=timeout, version=version)
    client.api.trust_env = False
    return client


def ping(url: str, cert_path: str | None = None) -> str | None:
    """None when the engine answers within a few seconds, else why not (one line)."""
    try:
        client = engine_client(url, cert_path, timeout=PING_TIMEOUT_S)
        try:
            client.ping()
        finally:
            client.close()
    except SandboxError as exc:
        return str(exc)
    except DOCKER_ERRORS as exc:
        return f"the Docker engine at {url} does not answer: {_first_line(exc)}"
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__
