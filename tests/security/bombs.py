"""Hostile zips built in memory, without ever holding what they inflate to: members whose
deflated streams inflate to far more than their headers claim, or than their size makes
likely."""

from __future__ import annotations

import functools
import struct
import zlib
from dataclasses import dataclass

MIB = 1024 * 1024


@functools.lru_cache(maxsize=4)
def deflated_zeros(inflated: int) -> tuple[bytes, int]:
    """A raw deflate stream of `inflated` zero bytes (compressed a MiB at a time), and the
    CRC-32 of those bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros, crc = bytes(MIB), 0
    parts = []
    for size in [MIB] * (inflated // MIB) + [inflated % MIB]:
        parts.append(packer.compress(zeros[:size]))
        crc = zlib.crc32(zeros[:size], crc)
    parts.append(packer.flush())
    return b"".join(parts), crc


@dataclass(frozen=True)
class Member:
    """One member as the zip's headers describe it."""

    name: str
    stream: bytes  # the deflated bytes
    claimed: int  # the uncompressed size the headers claim
    crc: int


def deflated(name: str, data: bytes) -> Member:
    """An honest member."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member(name, packer.compress(data) + packer.flush(), len(data), zlib.crc32(data))


def zeros(name: str, inflated: int, claimed: int | None = None) -> Member:
    """A member of `inflated` zero bytes that claims `claimed` (its true size if None)."""
    stream, crc = deflated_zeros(inflated)
    return Member(name, stream, inflated if claimed is None else claimed, crc)


def raw_zip(*members: Member) -> bytes:
    """A zip of deflated members exactly as described, lies included."""
    body, central = b"", b""
    for m in members:
        raw = m.name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, m.crc,
                               len(m.stream), m.claimed, len(raw), 0, 0, 0, 0, 0o644 << 16,
                               len(body)) + raw
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, m.crc,
                            len(m.stream), m.claimed, len(raw), 0) + raw + m.stream
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(body), 0)
    return body + central + end


def lying_zip(name: str, inflated: int, claimed: int = 100) -> bytes:
    """A zip of one member `name` that claims `claimed` bytes and inflates to `inflated`."""
    return raw_zip(zeros(name, inflated, claimed))
