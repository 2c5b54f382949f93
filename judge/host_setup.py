"""A judge host's set-up: the TLS certificates of its Docker engine, and the dockerd line.

A judge host shares nothing with the server but the Docker API, which must not be open to
anyone on the floor: dockerd listens on tcp with `--tlsverify`, so only a client holding a
certificate signed by the host's own CA may drive it. This writes, in one folder, the CA,
the engine's certificate (for the names and addresses the server reaches it by) and a
`client/` folder holding what the server needs (ca.pem, cert.pem, key.pem: the layout of
DOCKER_CERT_PATH, which `podium engine add --cert-path` takes). Keys are owner-only.

`python3 -m judge.host_setup --name NAME ... --out DIR` is what `install.sh --judge-host`
runs: a judge host needs Debian's python3 and python3-cryptography, not Podium's venv.
"""

from __future__ import annotations

import argparse
import datetime
import ipaddress
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from judge.errors import JudgeError

DEFAULT_PORT = 2376  # Docker's port for TLS
VALID_DAYS = 3 * 365


@dataclass(frozen=True)
class HostSetup:
    """What `write_certificates` made: where the engine's files and the server's are."""

    folder: Path
    client: Path
    names: tuple[str, ...]
    port: int

    def dockerd_argv(self, socket: str = "unix:///var/run/docker.sock") -> list[str]:
        """dockerd's arguments: the local socket and TLS on tcp, as install.sh starts it."""
        return ["dockerd", "--iptables=false", "--bridge=none", "-H", socket,
                "-H", f"tcp://0.0.0.0:{self.port}", *self.tls_flags()]

    def tls_flags(self) -> list[str]:
        """dockerd's flags that demand a client certificate signed by this host's CA."""
        return ["--tlsverify", f"--tlscacert={self.folder / 'ca.pem'}",
                f"--tlscert={self.folder / 'server-cert.pem'}",
                f"--tlskey={self.folder / 'server-key.pem'}"]

    def engine_url(self) -> str:
        """The URL the server gives `podium engine add`: the first name, on the TLS port."""
        return f"tcp://{self.names[0]}:{self.port}"


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _write(path: Path, data: bytes, private: bool = False) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _certificate(subject: str, key, issuer: str, issuer_key, *, ca: bool = False,
                 usage=None, names: Sequence[str] = ()) -> x509.Certificate:
    """One certificate, with the extensions a strict verifier (Python's default since 3.13)
    asks for: key usage, and the subject's and issuer's key identifiers."""
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(
                   digital_signature=not ca, content_commitment=False, key_encipherment=False,
                   data_encipherment=False, key_agreement=False, key_cert_sign=ca,
                   crl_sign=ca, encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   issuer_key.public_key()), critical=False))
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([_general_name(n)
                                                                     for n in names]),
                                        critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def write_certificates(folder: Path, names: Sequence[str], port: int = DEFAULT_PORT
                       ) -> HostSetup:
    """Make the CA, the engine's certificate for `names` (host names or addresses the
    server uses) and the server's client certificate in `folder` (kept if present: a second
    run changes nothing the server already holds)."""
    if not names:
        raise JudgeError("a judge host needs at least one name or address the server "
                         "reaches it by (--name)")
    client = folder / "client"
    setup = HostSetup(folder, client, tuple(names), port)
    if (client / "cert.pem").is_file() and (folder / "server-cert.pem").is_file():
        return setup
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    client.mkdir(exist_ok=True, mode=0o700)
    ca_key, server_key, client_key = _key(), _key(), _key()
    ca = _certificate("podium judge host CA", ca_key, "podium judge host CA", ca_key, ca=True)
    server = _certificate(names[0], server_key, "podium judge host CA", ca_key,
                          usage=ExtendedKeyUsageOID.SERVER_AUTH, names=names)
    user = _certificate("podium server", client_key, "podium judge host CA", ca_key,
                        usage=ExtendedKeyUsageOID.CLIENT_AUTH)
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    _write(folder / "ca.pem", ca_pem)
    _write(folder / "ca-key.pem", _pem(ca_key), private=True)
    _write(folder / "server-cert.pem", server.public_bytes(serialization.Encoding.PEM))
    _write(folder / "server-key.pem", _pem(server_key), private=True)
    _write(client / "ca.pem", ca_pem)
    _write(client / "cert.pem", user.public_bytes(serialization.Encoding.PEM))
    _write(client / "key.pem", _pem(client_key), private=True)
    return setup


def instructions(setup: HostSetup) -> list[str]:
    """What the organizer reads after the set-up: where things are, what to start, what to
    give the server."""
    return [f"certificates: {setup.folder} (the server's: {setup.client})",
            "start the engine: " + " ".join(setup.dockerd_argv()),
            f"give the server the folder {setup.client} (e.g. scp -r), then on the server:",
            f"  podium engine add {setup.engine_url()} --cert-path /path/to/that/folder"]


def main(argv: Sequence[str]) -> int:
    """`python3 -m judge.host_setup --name NAME [--name ...] [--port P] --out DIR`."""
    parser = argparse.ArgumentParser(prog="python3 -m judge.host_setup",
                                     description="A judge host's TLS certificates.")
    parser.add_argument("--name", action="append", required=True)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args(argv)
    try:
        setup = write_certificates(options.out, options.name, options.port)
    except (JudgeError, OSError) as exc:
        print(f"judge host set-up: {exc}", file=sys.stderr)
        return 1
    print("\n".join(instructions(setup)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
