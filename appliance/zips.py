"""Zip members read within a bound, whatever their headers claim.

A member's declared size can lie, and `ZipFile.read` inflates all of a member's compressed
bytes in one call (a member that claims 100 bytes may inflate to a gibibyte before its CRC
fails). Here a member is read in small chunks and refused as soon as more than its limit has
come out, so it never costs more memory than the limit plus one chunk. Only stored and
deflated members are read: bzip2 and LZMA inflate a whole compressed block in one call, with
no bound on what comes out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from appliance.errors import ApplianceError

CHUNK = 64 * 1024
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}


class MemberRefused(ApplianceError):
    """A zip member that is not read: larger than its limit, or compressed in a way whose
    output cannot be bounded."""


def method_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member's compression is refused (not stored nor deflated), or None."""
    if info.compress_type in METHODS:
        return None
    return (f"is compressed with method {info.compress_type} (only stored and deflated "
            "members are read)")


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                  limit: int) -> Iterator[bytes]:
    """The member's bytes in chunks of at most CHUNK; `MemberRefused` as soon as more than
    `limit` bytes come out (its declared size is not trusted)."""
    if problem := method_problem(info):
        raise MemberRefused(f"{info.filename!r} {problem}")
    read = 0
    with archive.open(info) as stream:
        while chunk := stream.read(min(CHUNK, limit + 1 - read)):
            read += len(chunk)
            if read > limit:
                raise MemberRefused(f"{info.filename!r} holds more than {limit:,} bytes")
            yield chunk


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, at most `limit` of them (`MemberRefused` past it)."""
    return b"".join(member_chunks(archive, info, limit))
