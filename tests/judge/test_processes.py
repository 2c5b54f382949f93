"""The runner's file helpers on the per-test path, without a sandbox."""

from __future__ import annotations

import os

from judge.processes import file_head, open_fresh


def test_open_fresh_replaces_the_last_output(tmp_path):
    """A test's output file starts empty whatever the last test wrote there."""
    path = tmp_path / "out"
    path.write_bytes(b"the last test's long output\n" * 100)
    fd = open_fresh(str(path))
    os.write(fd, b"0\n")
    os.close(fd)
    assert file_head(str(path), 100) == (b"0\n", 2)
    assert path.stat().st_mode & 0o777 == 0o600


def test_open_fresh_never_writes_through_a_link(tmp_path):
    """A link left where the output goes is replaced, its target untouched."""
    target = tmp_path / "secret"
    target.write_bytes(b"keep")
    path = tmp_path / "out"
    path.symlink_to(target)
    os.close(open_fresh(str(path)))
    assert target.read_bytes() == b"keep"
    assert not path.is_symlink() and path.read_bytes() == b""
