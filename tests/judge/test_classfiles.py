"""The class a JVM program starts from, read from class files: the one declaring
`public static void main(String[])`, whatever the source's comments say."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from judge.classfiles import ClassFileError, find_main_class, main_class_of


def class_file(name: str, methods: list[tuple[int, str, str]]) -> bytes:
    """A minimal class file (no code): a constant pool with a long (two slots) and a double,
    then the class `name` with the given (flags, name, descriptor) methods."""
    pool: list[bytes] = []

    def utf8(text: str) -> int:
        data = text.encode()
        pool.append(b"\x01" + struct.pack(">H", len(data)) + data)
        return len(pool)

    pool.append(b"\x05" + struct.pack(">q", 7))
    pool.append(b"")  # the long's second slot
    this = utf8(name)
    pool.append(b"\x07" + struct.pack(">H", this))
    this_class = len(pool)
    pool.append(b"\x06" + struct.pack(">d", 1.5))
    pool.append(b"")
    members = [(flags, utf8(m), utf8(d)) for flags, m, d in methods]
    out = struct.pack(">IHHH", 0xCAFEBABE, 0, 61, len(pool) + 1) + b"".join(pool)
    out += struct.pack(">HHHH", 0x0021, this_class, 0, 0)
    out += struct.pack(">H", 1) + struct.pack(">HHHH", 0x0002, this, this, 1)
    out += struct.pack(">HI", this, 2) + b"\x00\x00"  # a field with one attribute
    out += struct.pack(">H", len(members))
    for flags, m, d in members:
        out += struct.pack(">HHHH", flags, m, d, 0)
    return out + struct.pack(">H", 0)


MAIN = (0x0009, "main", "([Ljava/lang/String;)V")


def test_class_with_public_static_main_is_named_in_binary_form() -> None:
    assert main_class_of(class_file("pkg/Outer$Inner", [MAIN])) == "pkg.Outer$Inner"


@pytest.mark.parametrize("method", [
    (0x0001, "main", "([Ljava/lang/String;)V"),  # not static
    (0x0008, "main", "([Ljava/lang/String;)V"),  # not public
    (0x0009, "main", "()V"),
    (0x0009, "mains", "([Ljava/lang/String;)V"),
])
def test_other_mains_do_not_count(method: tuple[int, str, str]) -> None:
    assert main_class_of(class_file("Main", [method])) is None


def test_garbage_is_no_class_file() -> None:
    with pytest.raises(ClassFileError):
        main_class_of(b"\xca\xfe\xba\xbe\x00")
    with pytest.raises(ClassFileError):
        main_class_of(b"not a class file at all")


def test_the_compiled_main_is_found_in_folders_and_jars(tmp_path: Path) -> None:
    (tmp_path / "names.java").write_text("// public class names")
    (tmp_path / "Helper.class").write_bytes(class_file("Helper", []))
    (tmp_path / "broken.class").write_bytes(b"\xca\xfe")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "Main.class").write_bytes(class_file("p/Main", [MAIN]))
    assert find_main_class(str(tmp_path)) == ("p.Main", ["p.Main"])
    with zipfile.ZipFile(tmp_path / "solution.jar", "w") as jar:
        jar.writestr("SolutionKt.class", class_file("SolutionKt", [MAIN]))
        jar.writestr("kotlin/Runtime.class", class_file("kotlin/Runtime", [MAIN]))
    assert find_main_class(str(tmp_path), "SolutionKt") == ("SolutionKt",
                                                            ["SolutionKt", "p.Main"])


def test_a_tie_prefers_the_named_class_then_top_level_then_by_name(tmp_path: Path) -> None:
    for name in ("B", "A$Nested", "C"):
        (tmp_path / f"{name}.class").write_bytes(class_file(name, [MAIN]))
    assert find_main_class(str(tmp_path), "C")[0] == "C"
    assert find_main_class(str(tmp_path), "Nothing")[0] == "B"


def test_no_main_anywhere(tmp_path: Path) -> None:
    (tmp_path / "Main.class").write_bytes(class_file("Main", []))
    assert find_main_class(str(tmp_path)) == (None, [])
