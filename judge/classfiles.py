"""Which compiled class a JVM program starts from: the one whose class file declares
`public static void main(String[])`, found in the class files (and jars) the compiler left,
as DOMjudge finds it. Runs in the sandbox's runner after the compile step, so the class is
the compiler's word, not a guess from the source. Standard library only.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile

MAIN_NAME = "main"
MAIN_DESCRIPTOR = "([Ljava/lang/String;)V"
ACC_PUBLIC, ACC_STATIC = 0x0001, 0x0008
MAX_CLASS_FILE = 16 * 1024 * 1024  # bytes; a bigger file is not looked into
MAX_FILES = 20000  # class files and jar entries looked at, at most
# A jar's own and the Kotlin runtime's entries (kotlinc -include-runtime): never the program.
RUNTIME_PREFIXES = ("META-INF/", "kotlin/", "org/intellij/", "org/jetbrains/")
# Constant pool entries by tag: their size after the tag (Utf8 is read apart).
_CONSTANT_SIZES = {3: 4, 4: 4, 5: 8, 6: 8, 7: 2, 8: 2, 9: 4, 10: 4, 11: 4, 12: 4, 15: 3,
                   16: 2, 17: 4, 18: 4, 19: 2, 20: 2}


class ClassFileError(ValueError):
    """Bytes that are not a class file this reader understands."""


def main_class_of(data: bytes) -> str | None:
    """The class's binary name (`pkg.Outer$Inner`) if it declares a public static
    `main(String[])`, else None; ClassFileError if `data` is no class file."""
    try:
        return _read(data)
    except (struct.error, IndexError, UnicodeDecodeError) as exc:
        raise ClassFileError(f"truncated or malformed class file: {exc}") from None


def _read(data: bytes) -> str | None:
    magic, _, _, count = struct.unpack_from(">IHHH", data, 0)
    if magic != 0xCAFEBABE:
        raise ClassFileError("not a class file")
    pos, index = 10, 1
    utf8: dict[int, str] = {}
    classes: dict[int, int] = {}
    while index < count:
        tag = data[pos]
        if tag == 1:
            (length,) = struct.unpack_from(">H", data, pos + 1)
            # Modified UTF-8: close enough to UTF-8 for the names looked at here.
            utf8[index] = data[pos + 3:pos + 3 + length].decode("utf-8", "replace")
            pos += 3 + length
        elif tag in _CONSTANT_SIZES:
            if tag == 7:
                (classes[index],) = struct.unpack_from(">H", data, pos + 1)
            pos += 1 + _CONSTANT_SIZES[tag]
        else:
            raise ClassFileError(f"unknown constant pool tag {tag}")
        index += 2 if tag in (5, 6) else 1  # a long or a double takes two slots
    _, this_class, _, interfaces = struct.unpack_from(">HHHH", data, pos)
    pos += 8 + 2 * interfaces
    for member in ("field", "method"):
        (members,) = struct.unpack_from(">H", data, pos)
        pos += 2
        for _ in range(members):
            flags, name, descriptor, attributes = struct.unpack_from(">HHHH", data, pos)
            pos += 8
            for _ in range(attributes):
                (length,) = struct.unpack_from(">I", data, pos + 2)
                pos += 6 + length
            if (member == "method" and utf8.get(name) == MAIN_NAME
                    and utf8.get(descriptor) == MAIN_DESCRIPTOR
                    and flags & (ACC_PUBLIC | ACC_STATIC) == ACC_PUBLIC | ACC_STATIC):
                return utf8[classes[this_class]].replace("/", ".")
    return None


def _class_files(folder: str):
    """(name, bytes) of every class file under `folder` and in its jars, runtime left out;
    links are never followed."""
    seen = 0
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            info = os.lstat(path)
            if seen >= MAX_FILES or not stat.S_ISREG(info.st_mode):
                continue  # links, pipes and devices are never opened
            if name.endswith(".class") and info.st_size <= MAX_CLASS_FILE:
                seen += 1
                with open(path, "rb") as f:
                    yield os.path.relpath(path, folder), f.read()
            elif name.endswith(".jar"):
                try:
                    with zipfile.ZipFile(path) as jar:
                        for entry in jar.infolist():
                            if (entry.filename.endswith(".class") and seen < MAX_FILES
                                    and not entry.filename.startswith(RUNTIME_PREFIXES)
                                    and entry.file_size <= MAX_CLASS_FILE):
                                seen += 1
                                yield entry.filename, jar.read(entry)
                except (zipfile.BadZipFile, OSError, ValueError):
                    continue


def find_main_class(folder: str, prefer: str = "") -> tuple[str | None, list[str]]:
    """(the class to run, every class with a main) among what a compile left in `folder`.

    Several classes with a main: `prefer` (the main file's public class) if it is one of
    them, else a top-level class before a nested one, then by name.
    """
    found = []
    for _, data in _class_files(folder):
        try:
            name = main_class_of(data)
        except ClassFileError:
            continue
        if name:
            found.append(name)
    if not found:
        return None, []
    found.sort(key=lambda n: (n != prefer and n.rsplit(".", 1)[-1] != prefer, "$" in n, n))
    return found[0], found
