"""Importing packages from folders and zips into a library, safely and whole, and exporting them."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from appliance.errors import PackageError
from appliance.problems.library import (
    EXPORT_DATE_TIME,
    MANIFEST,
    ArchiveLimits,
    digest_of,
    export_package,
    import_package,
    imported_folder,
)
from tests.paths import PACKS

PACKAGE = {
    "problem.yaml": "name: Sum It\nlimits:\n  time_limit: 2\n",
    "data/sample/1.in": "1 2\n",
    "data/sample/1.ans": "3\n",
    "data/secret/group1/01.in": "40 2\n",
    "data/secret/group1/01.ans": "42\n",
    "output_validators/check/check.py": "print('ok')\n",
    "input_validators/validate.py": "import sys\n",
}


def sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def write_folder(root: Path, files: dict[str, str] = PACKAGE) -> Path:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    return root


def write_zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, str | bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members:
            archive.writestr(member, content)
    return path


def package_members(prefix: str = "") -> list[tuple[str | zipfile.ZipInfo, str | bytes]]:
    return [(prefix + name, content) for name, content in PACKAGE.items()]


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under a folder with its content (None for folders)."""
    return {p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


# header field -> (struct format, offset in the central directory entry, in the local header)
FIELDS = {"flags": ("<H", 8, 6), "size": ("<I", 24, 22)}


def patch_headers(path: Path, member: str, field: str, value: int) -> None:
    """Rewrite one field of a member's central and local headers, as a forger would."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    fmt, central_at, local_at = FIELDS[field]
    for signature, field_at, name_at in ((b"PK\x01\x02", central_at, 46),
                                         (b"PK\x03\x04", local_at, 30)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at:at + name_at + len(name)] == name:
                struct.pack_into(fmt, data, at + field_at, value)
            at = data.find(signature, at + 1)
    path.write_bytes(bytes(data))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library that already holds a package and a stray file, to see that nothing changes."""
    root = tmp_path / "library"
    import_package(write_folder(tmp_path / "other", {**PACKAGE, "problem.yaml": "name: Other\n"}),
                   root)
    (root / "notes.txt").write_text("keep me\n")
    return root


def assert_refused(source: Path, library: Path, member: str, *fragments: str,
                   limits: ArchiveLimits | None = None) -> str:
    before = snapshot(library)
    with pytest.raises(PackageError) as info:
        import_package(source, library, limits or ArchiveLimits())
    message = str(info.value)
    assert "\n" not in message and repr(member) in message, message
    for fragment in fragments:
        assert fragment in message, message
    assert snapshot(library) == before
    return message


# --- what an import records --------------------------------------------------------------------

def test_folder_import_records_every_file_test_case_and_validator(tmp_path: Path,
                                                                  library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    assert imported.short_name == "sumit"
    assert imported.files == {name: sha(content) for name, content in PACKAGE.items()}
    assert imported.digest == digest_of(imported.files)
    assert imported.path == library / f"sumit-{imported.digest[:12]}"
    assert imported.test_cases == {
        "sample/1": sha(sha("1 2\n") + "\n" + sha("3\n")),
        "secret/group1/01": sha(sha("40 2\n") + "\n" + sha("42\n")),
    }
    assert imported.validators == {
        "input_validators/validate.py": digest_of({"validate.py": sha("import sys\n")}),
        "output_validators/check": digest_of({"check.py": sha("print('ok')\n")}),
    }
    assert (imported.path / "data/secret/group1/01.ans").read_text() == "42\n"


def test_the_demo_package_survives_export_and_import_unchanged(tmp_path: Path) -> None:
    imported = import_package(PACKS / "sum", tmp_path / "library")
    assert imported.short_name == "sum" and len(imported.test_cases) == 12
    exported = export_package(imported.path, tmp_path / "sum.zip")
    again = import_package(exported, tmp_path / "other-library")
    assert (again.digest, again.test_cases) == (imported.digest, imported.test_cases)


def test_manifest_in_the_library_folder_repeats_the_record(tmp_path: Path, library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    manifest = json.loads((imported.path / MANIFEST).read_text())
    assert manifest == {"short_name": "sumit", "digest": imported.digest, "files": imported.files,
                        "test_cases": imported.test_cases, "validators": imported.validators}
    assert MANIFEST not in imported.files


def test_digest_depends_on_content_and_paths_not_on_zip_order_or_timestamps(
        tmp_path: Path) -> None:
    members = package_members()
    dated = [(zipfile.ZipInfo(name, (2020, 5, 17, 10, 0, 0)), content)
             for name, content in reversed(members)]
    first = import_package(write_zip(tmp_path / "a.zip", members), tmp_path / "lib1")
    second = import_package(write_zip(tmp_path / "b.zip", dated), tmp_path / "lib2")
    assert first.digest == second.digest and first.files == second.files
    changed = [(name, "43\n" if name.endswith("01.ans") else content) for name, content in members]
    third = import_package(write_zip(tmp_path / "c.zip", changed), tmp_path / "lib3")
    assert third.digest != first.digest


def test_importing_the_same_package_twice_gives_the_same_folder(tmp_path: Path,
                                                                library: Path) -> None:
    source = write_zip(tmp_path / "sumit.zip", package_members())
    first = import_package(source, library)
    after_first = snapshot(library)
    second = import_package(source, library)
    assert second == first
    assert snapshot(library) == after_first


def test_a_library_folder_imported_again_keeps_its_short_name_and_folder(tmp_path: Path,
                                                                         library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    again = import_package(imported.path, tmp_path / "elsewhere")
    assert again.short_name == "sumit" and again.path.name == imported.path.name


# --- zip layouts and short names ---------------------------------------------------------------

def test_zip_with_the_package_in_one_top_folder_is_imported_from_that_folder(
        tmp_path: Path, library: Path) -> None:
    imported = import_package(write_zip(tmp_path / "upload.zip", package_members("sumit/")),
                              library)
    assert imported.short_name == "sumit"
    assert sorted(imported.files) == sorted(PACKAGE)
    assert (imported.path / "problem.yaml").is_file()


def test_zip_with_the_package_at_its_root_is_named_after_the_zip(tmp_path: Path,
                                                                 library: Path) -> None:
    imported = import_package(write_zip(tmp_path / "Sum It.zip", package_members()), library)
    assert imported.short_name == "sum-it" and sorted(imported.files) == sorted(PACKAGE)


def test_macos_resource_forks_beside_the_top_folder_are_ignored(tmp_path: Path,
                                                                library: Path) -> None:
    members = package_members("sumit/") + [("__MACOSX/sumit/._problem.yaml", b"\0\5\26\7")]
    imported = import_package(write_zip(tmp_path / "upload.zip", members), library)
    assert imported.short_name == "sumit" and sorted(imported.files) == sorted(PACKAGE)


# --- export ----------------------------------------------------------------------------------

def test_export_then_import_gives_the_same_digest(tmp_path: Path, library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    exported = export_package(imported.path, tmp_path / "out.zip")
    again = import_package(exported, tmp_path / "other-library")
    assert (again.digest, again.short_name, again.files) == (
        imported.digest, imported.short_name, imported.files)
    assert import_package(exported, library) == imported


def test_export_is_the_same_bytes_sorted_dated_1980_without_manifest(tmp_path: Path,
                                                                     library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    first = export_package(imported.path, tmp_path / "first.zip")
    os.utime(imported.path / "problem.yaml", (1e9, 1e9))
    second = export_package(imported.path, tmp_path)
    assert second == tmp_path / f"{imported.path.name}.zip"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names == sorted(names) == sorted(f"sumit/{name}" for name in PACKAGE)
        assert {info.date_time for info in archive.infolist()} == {EXPORT_DATE_TIME}


def test_export_keeps_the_executable_bit(tmp_path: Path, library: Path) -> None:
    source = write_folder(tmp_path / "sumit")
    (source / "output_validators/check/check.py").chmod(0o755)
    imported = import_package(source, library)
    assert os.access(imported.path / "output_validators/check/check.py", os.X_OK)
    with zipfile.ZipFile(export_package(imported.path, tmp_path / "out.zip")) as archive:
        modes = {i.filename: i.external_attr >> 16 for i in archive.infolist()}
    assert modes["sumit/output_validators/check/check.py"] == stat.S_IFREG | 0o755
    assert modes["sumit/problem.yaml"] == stat.S_IFREG | 0o644


def test_export_refuses_a_package_changed_since_import(tmp_path: Path, library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    (imported.path / "data/secret/group1/01.ans").write_text("41\n")
    with pytest.raises(PackageError, match="changed since import"):
        export_package(imported.path, tmp_path / "out.zip")
    assert not list(tmp_path.glob("*out.zip*"))


def test_an_imported_package_is_found_by_its_folder_name(tmp_path: Path, library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    assert imported_folder(library, imported.path.name) == imported.path


@pytest.mark.parametrize("ident", ["nope", ".", "{sumit}/data"])
def test_an_unknown_package_is_refused_naming_the_imported_ones(tmp_path: Path, library: Path,
                                                                ident: str) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    with pytest.raises(PackageError, match=rf"no imported package .*; imported: other-\w+, "
                                           rf"{imported.path.name}$"):
        imported_folder(library, ident.format(sumit=imported.path.name))


def test_an_empty_library_has_no_imported_package(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="imported: none"):
        imported_folder(tmp_path / "library", "sumit")


def test_export_refuses_a_folder_that_was_never_imported(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match=MANIFEST):
        export_package(write_folder(tmp_path / "sumit"), tmp_path / "out.zip")


# --- hostile zips ------------------------------------------------------------------------------

def special(name: str, kind: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (kind | 0o777) << 16
    return info


@pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile warns, and writes it all the same
@pytest.mark.parametrize(("member", "content", "fragment"), [
    ("../evil.txt", "x", "'..' component"),
    ("data/secret/../../../evil.txt", "x", "'..' component"),
    ("/etc/podium-evil", "x", "absolute path"),
    ("C:/Windows/evil.txt", "x", "absolute path"),
    ("data\\..\\..\\evil.txt", "x", "backslash"),
    ("data/secret/a\nb.in", "x", "control character"),
    (special("data/secret/2.in", stat.S_IFLNK), "/etc/passwd", "symbolic link"),
    (special("data/secret/dev", stat.S_IFCHR), "", "character device"),
    (special("data/secret/fifo", stat.S_IFIFO), "", "named pipe"),
    ("data/secret/group1/01.in", "duplicate", "appears twice"),
    ("problem.yaml/inner", "x", "which is a file"),
], ids=["dotdot", "nested-dotdot", "absolute", "drive", "backslash", "newline", "symlink",
        "device", "fifo", "duplicate", "file-as-folder"])
def test_hostile_member_is_refused_by_name_and_the_library_is_unchanged(
        tmp_path: Path, library: Path, member: str | zipfile.ZipInfo, content: str,
        fragment: str) -> None:
    source = write_zip(tmp_path / "evil.zip", package_members() + [(member, content)])
    name = member if isinstance(member, str) else member.filename
    assert_refused(source, library, name, str(source), fragment)
    assert not (tmp_path / "evil.txt").exists()


def test_member_name_with_a_nul_byte_is_refused(tmp_path: Path, library: Path) -> None:
    source = write_zip(tmp_path / "evil.zip", package_members() + [("data/secret/2.inXsh", "x")])
    source.write_bytes(source.read_bytes().replace(b"2.inXsh", b"2.in\0sh"))
    assert_refused(source, library, "data/secret/2.in\0sh", "NUL byte")


def test_encrypted_member_is_refused(tmp_path: Path, library: Path) -> None:
    source = write_zip(tmp_path / "evil.zip", package_members() + [("data/secret/2.in", "x")])
    patch_headers(source, "data/secret/2.in", "flags", 0x1)
    assert_refused(source, library, "data/secret/2.in", "encrypted")


def test_zip_bomb_by_compression_ratio_is_refused(tmp_path: Path, library: Path) -> None:
    bomb = bytes(11 * 1024 * 1024)  # 11 MiB of zeros deflate about a thousandfold
    source = write_zip(tmp_path / "bomb.zip", package_members() + [("data/secret/2.in", bomb)])
    assert_refused(source, library, "data/secret/2.in", "zip bomb", "200:1")


def test_large_member_that_compresses_normally_is_not_a_bomb(tmp_path: Path,
                                                            library: Path) -> None:
    noise = os.urandom(11 * 1024 * 1024)
    members = package_members() + [("data/secret/2.in", noise), ("data/secret/2.ans", "x\n")]
    imported = import_package(write_zip(tmp_path / "big.zip", members), library)
    assert imported.files["data/secret/2.in"] == sha(noise)


@pytest.mark.parametrize(("declared", "fragment"), [
    (10, "cannot be read"),  # says small, holds more: the read stops short and the CRC fails
    (10 * 1024 * 1024, "not the 10,485,760 it declares"),  # says large, holds less
], ids=["declares-less", "declares-more"])
def test_member_whose_declared_size_lies_is_refused(tmp_path: Path, library: Path, declared: int,
                                                    fragment: str) -> None:
    source = write_zip(tmp_path / "liar.zip", package_members() + [
        (zipfile.ZipInfo("data/secret/2.in"), os.urandom(100_000)),
        ("data/secret/2.ans", "x\n")])
    patch_headers(source, "data/secret/2.in", "size", declared)
    with zipfile.ZipFile(source) as archive:
        assert archive.getinfo("data/secret/2.in").file_size == declared
    assert_refused(source, library, "data/secret/2.in", fragment)


def test_bytes_are_counted_while_extracting_even_if_the_reader_trusts_the_stream(
        tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_zip(tmp_path / "liar.zip", package_members())
    real_open = zipfile.ZipFile.open

    def open_member(self: zipfile.ZipFile, name: zipfile.ZipInfo, *args: object, **kw: object):
        if name.filename == "data/secret/group1/01.in":
            return io.BytesIO(b"9" * 5000)  # more than the 5 bytes the member declares
        return real_open(self, name, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_member)
    assert_refused(source, library, "data/secret/group1/01.in",
                   "holds more than the 5 bytes it declares")


def test_too_many_members_are_refused_naming_the_first_one_over(tmp_path: Path,
                                                                library: Path) -> None:
    members = package_members() + [(f"extra/{i}.txt", "x") for i in range(3)]
    source = write_zip(tmp_path / "many.zip", members)
    assert_refused(source, library, "extra/1.txt", "at most 8 members",
                   limits=ArchiveLimits(max_members=8))


def test_too_large_a_total_is_refused_naming_the_member_that_passes_it(tmp_path: Path,
                                                                       library: Path) -> None:
    source = write_zip(tmp_path / "big.zip", package_members() + [("extra/big.txt", "x" * 200)])
    assert_refused(source, library, "extra/big.txt", "over the limit of 250",
                   limits=ArchiveLimits(max_total_size=250))


def test_too_large_a_member_is_refused(tmp_path: Path, library: Path) -> None:
    source = write_zip(tmp_path / "big.zip", package_members() + [("extra/big.txt", "x" * 200)])
    assert_refused(source, library, "extra/big.txt", "over the limit of 100 per member",
                   limits=ArchiveLimits(max_member_size=100))


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path, library: Path) -> None:
    source = tmp_path / "package.zip"
    source.write_bytes(b"PK\3\4 but not really")
    with pytest.raises(PackageError, match="neither a package folder nor a zip file"):
        import_package(source, library)


# --- broken packages and hostile folders -------------------------------------------------------

def test_zip_of_a_broken_package_is_refused_with_its_package_error(tmp_path: Path,
                                                                   library: Path) -> None:
    members = [(f"sumit/{name}", content) for name, content in PACKAGE.items()
               if name != "data/secret/group1/01.ans"]
    source = write_zip(tmp_path / "broken.zip", members)
    before = snapshot(library)
    with pytest.raises(PackageError) as info:
        import_package(source, library)
    assert str(info.value) == (
        f"{source}/sumit/data/secret/group1/01.in: has no answer file 01.ans")
    assert snapshot(library) == before


def test_folder_with_a_symlink_outside_it_is_refused(tmp_path: Path, library: Path) -> None:
    source = write_folder(tmp_path / "sumit")
    (tmp_path / "secret.txt").write_text("not yours\n")
    (source / "data/secret/2.in").symlink_to(tmp_path / "secret.txt")
    assert_refused(source, library, "data/secret/2.in", "outside the package")


def test_folder_with_a_symlinked_folder_outside_it_is_refused(tmp_path: Path,
                                                              library: Path) -> None:
    source = write_folder(tmp_path / "sumit")
    (source / "data/secret/etc").symlink_to("/etc")
    assert_refused(source, library, "data/secret/etc", "outside the package")


def test_symlinks_inside_the_folder_are_copied_as_files(tmp_path: Path, library: Path) -> None:
    source = write_folder(tmp_path / "sumit")
    (source / "data/secret/2.in").symlink_to("../sample/1.in")
    (source / "data/secret/2.ans").symlink_to(source / "data/sample/1.ans")
    imported = import_package(source, library)
    copied = imported.path / "data/secret/2.in"
    assert not copied.is_symlink() and copied.read_text() == "1 2\n"
    assert imported.test_cases["secret/2"] == imported.test_cases["sample/1"]


def test_symlink_loop_inside_the_folder_is_refused(tmp_path: Path, library: Path) -> None:
    source = write_folder(tmp_path / "sumit")
    (source / "data/secret/again").symlink_to("..")
    assert_refused(source, library, "data/secret/again", "a folder that holds it")


def test_folder_over_the_member_limit_is_refused(tmp_path: Path, library: Path) -> None:
    source = write_folder(tmp_path / "sumit")
    assert_refused(source, library, "problem.yaml", "at most 6 files",
                   limits=ArchiveLimits(max_members=6))


def test_library_inside_the_package_folder_is_refused(tmp_path: Path) -> None:
    source = write_folder(tmp_path / "sumit")
    with pytest.raises(PackageError, match="lies inside the package"):
        import_package(source, source / "library")
    assert not (source / "library").exists()


def test_a_library_folder_with_the_same_name_and_other_content_is_not_overwritten(
        tmp_path: Path, library: Path) -> None:
    imported = import_package(write_folder(tmp_path / "sumit"), library)
    manifest = imported.path / MANIFEST
    manifest.write_text(manifest.read_text().replace(imported.digest, "0" * 64))
    before = snapshot(library)
    with pytest.raises(PackageError, match="already in the library with other content"):
        import_package(tmp_path / "sumit", library)
    assert snapshot(library) == before
