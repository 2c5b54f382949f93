"""Every zip Podium reads is read within a bound, whatever its members' headers claim: a
team's submission zip, a problem package, an audit archive. Memory is measured with
tracemalloc (the inflated bytes are Python objects)."""

from __future__ import annotations

import hashlib
import io
import json
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from appliance.audit import MANIFEST, MANIFEST_HASH, audit_archive
from appliance.contest.submission_files import FilesError, read_zip
from appliance.errors import PackageError
from appliance.problems.library import import_package
from tests.paths import PACKS
from tests.security.bombs import MIB, deflated, lying_zip, raw_zip, zeros

GIB = 1024 * MIB


def peak_mib(work: Callable[[], object]) -> float:
    """The peak of Python memory allocated while `work` runs, in MiB."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / MIB
    finally:
        tracemalloc.stop()


def test_a_submission_member_that_lies_about_its_size_is_refused_within_the_limit() -> None:
    bomb = lying_zip("a.py", GIB)  # claims 100 bytes, inflates to 1 GiB
    assert len(bomb) < 2 * MIB

    def read() -> None:
        with pytest.raises(FilesError, match="not a readable zip: Bad CRC-32"):
            read_zip(bomb)
    assert peak_mib(read) < 16


def test_a_bzip2_member_whose_output_has_no_bound_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a.py", "print(1)\n")
    with pytest.raises(FilesError, match="compressed with method 12"):
        read_zip(buffer.getvalue())


def test_a_package_with_a_bzip2_member_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "sum.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_BZIP2) as archive:
        for path in sorted((PACKS / "sum").rglob("*")):
            if path.is_file():
                archive.write(path, f"sum/{path.relative_to(PACKS / 'sum')}")
    with pytest.raises(PackageError, match="compressed with method 12"):
        import_package(source, tmp_path / "library")
    assert not [p for p in (tmp_path / "library").iterdir()]


def audit_bomb(tmp_path: Path, sizes: bool) -> Path:
    """An audit archive of 1 MiB whose one source inflates to 1 GiB; its manifest gives
    the source's size as 10 bytes (or no sizes at all, as older archives)."""
    name = "submissions/1/files/a.py"
    manifest = {"contest_id": "c", "files": {name: hashlib.sha256(b"print(1)\n").hexdigest()},
                "event_chain": ""}
    if sizes:
        manifest["sizes"] = {name: 10}
    text = json.dumps(manifest).encode()
    path = tmp_path / "audit.zip"
    path.write_bytes(raw_zip(deflated(MANIFEST, text),
                             deflated(MANIFEST_HASH, hashlib.sha256(text).hexdigest().encode()),
                             zeros(name, GIB)))
    return path


@pytest.mark.parametrize("sizes", [True, False], ids=["sized", "unsized"])
def test_the_audit_streams_a_member_that_inflates_to_a_gibibyte(tmp_path: Path,
                                                               sizes: bool) -> None:
    path = audit_bomb(tmp_path, sizes)
    assert path.stat().st_size < 2 * MIB
    found = []
    assert peak_mib(lambda: found.extend(audit_archive(path).problems)) < 16
    unsigned = "audit/signature.json: missing: the archive is not signed"  # built by hand here
    if sizes:
        assert found == ["submissions/1/files/a.py: larger than it may be (the manifest says "
                         "10 bytes: 'submissions/1/files/a.py' holds more than 10 bytes)",
                         unsigned]
    else:
        assert found == ["submissions/1/files/a.py: its SHA-256 does not match the manifest",
                         unsigned]
