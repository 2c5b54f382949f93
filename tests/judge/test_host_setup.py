"""A judge host's certificates: its engine's for the names the server uses, the server's
client certificate, both signed by the host's own CA; keys owner-only; a second run keeps
what the server already holds."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography import x509

from judge.errors import JudgeError
from judge.host_setup import instructions, write_certificates


def _cert(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_the_engine_and_the_server_hold_certificates_of_one_ca(tmp_path: Path) -> None:
    setup = write_certificates(tmp_path / "host", ["judge3.lan", "10.0.0.3"], 2376)
    ca = _cert(setup.folder / "ca.pem")
    engine, client = _cert(setup.folder / "server-cert.pem"), _cert(setup.client / "cert.pem")
    for cert in (engine, client):
        cert.verify_directly_issued_by(ca)
    names = engine.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["judge3.lan"]
    assert [str(a) for a in names.get_values_for_type(x509.IPAddress)] == ["10.0.0.3"]
    assert sorted(p.name for p in setup.client.iterdir()) == ["ca.pem", "cert.pem", "key.pem"]
    for key in (setup.folder / "ca-key.pem", setup.folder / "server-key.pem",
                setup.client / "key.pem"):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert setup.engine_url() == "tcp://judge3.lan:2376"
    assert "--tlsverify" in setup.dockerd_argv()
    assert instructions(setup)[-1].startswith("  podium engine add tcp://judge3.lan:2376 "
                                              "--cert-path ")


def test_a_second_run_keeps_the_certificates_the_server_holds(tmp_path: Path) -> None:
    first = write_certificates(tmp_path, ["judge3.lan"]).client / "cert.pem"
    before = first.read_bytes()
    write_certificates(tmp_path, ["judge3.lan"])
    assert first.read_bytes() == before


def test_a_judge_host_needs_a_name() -> None:
    with pytest.raises(JudgeError, match="at least one name"):
        write_certificates(Path("/nonexistent"), [])
