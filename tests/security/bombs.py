"""Hostile zips built in memory, without ever holding what they inflate to: a member whose
header claims a few bytes while its deflated stream inflates to `inflated` bytes."""

from __future__ import annotations

import functools
import struct
import zlib

MIB = 1024 * 1024


@functools.lru_cache(maxsize=4)
def deflated_zeros(inflated: int) -> bytes:
    """A raw deflate stream of `inflated` zero bytes, compressed a MiB at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(MIB)
    parts = [packer.compress(zeros) for _ in range(inflated // MIB)]
    parts.append(packer.compress(bytes(inflated % MIB)))
    parts.append(packer.flush())
    return b"".join(parts)


def lying_zip(name: str, inflated: int, claimed: int = 100, crc: int = 0) -> bytes:
    """A zip of one deflated member `name` that claims `claimed` bytes and inflates to
    `inflated` (its CRC is `crc`, wrong for what it holds)."""
    stream = deflated_zeros(inflated)
    raw = name.encode()
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream),
                        claimed, len(raw), 0) + raw
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc,
                          len(stream), claimed, len(raw), 0, 0, 0, 0, 0o644 << 16, 0) + raw
    offset = len(local) + len(stream)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), offset, 0)
    return local + stream + central + end
