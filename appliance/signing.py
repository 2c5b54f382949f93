"""The key audit archives are signed with: Ed25519, made on first need in the data folder
(owner-only), and its fingerprint, which is published at contest end (the clock's finalize,
the scoreboard) so that an archive rewritten and signed again with another key is told apart.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from appliance.errors import ApplianceError
from appliance.keyfiles import made_once

KEY_FILE = "archive-signing.key"
_PREFIX = "SHA256:"


class SigningError(ApplianceError):
    """A key that cannot be read (damaged file, not an Ed25519 key)."""


@dataclass(frozen=True)
class SigningKey:
    """The private key and what an archive carries of it: the public key and its fingerprint."""

    private: Ed25519PrivateKey

    @property
    def public_pem(self) -> str:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.private.public_key())

    def sign(self, data: bytes) -> str:
        """The signature of `data`, in base64."""
        return base64.b64encode(self.private.sign(data)).decode()


def signing_key(data_dir: Path) -> SigningKey:
    """The data folder's signing key, made (0600) the first time it is needed."""
    path = data_dir / KEY_FILE
    pem = made_once(path, lambda: Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    try:
        private = serialization.load_pem_private_key(pem, password=None)
    except ValueError as exc:
        raise SigningError(f"{path}: not a readable signing key ({exc})") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningError(f"{path}: not an Ed25519 key")
    return SigningKey(private)


def fingerprint(public: Ed25519PublicKey) -> str:
    """`SHA256:` and the base64 of the raw public key's SHA-256, as OpenSSH writes it."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _PREFIX + base64.b64encode(hashlib.sha256(raw).digest()).decode().rstrip("=")


def public_key(pem: str) -> Ed25519PublicKey:
    """A public key from its PEM text (SigningError if it is not an Ed25519 one)."""
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except (ValueError, TypeError) as exc:
        raise SigningError(f"not a readable public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError("not an Ed25519 public key")
    return key


def expected_fingerprint(given: str) -> str:
    """The fingerprint an auditor gave: itself (with or without `SHA256:`), or that of the
    public key in the PEM file it names."""
    path = Path(given)
    if path.is_file():
        return fingerprint(public_key(path.read_text(errors="replace")))
    given = given.strip()
    return given if given.startswith(_PREFIX) else _PREFIX + given.rstrip("=")


def verifies(public: Ed25519PublicKey, signature: str, data: bytes) -> bool:
    """Whether `signature` (base64) is the key's signature of `data`."""
    try:
        public.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
