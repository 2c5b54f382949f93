"""Shared fixtures (a real Docker sandbox pool per session), the marks that say which real
parts a test needs, and pure tests first."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.blobs import BlobStore
from judge.pool import open_pool
from judge.sandbox import SandboxConfig

# The real parts a test may need, cheapest first; a test that needs none is marked `pure`
# (`pytest -m pure` runs them alone, in seconds).
REAL_PARTS = ("console", "server", "browser", "docker")
# tests/webserver.py's ways to start a real server
SERVER_HELPERS = ("server_thread", "server_process", "spawn_server")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what each test needs (`docker` is marked by hand, the others are seen: a module
    using the server helpers starts a server, one using the console app runs the console,
    the `browser` fixture drives Chromium), then order them: pure ones first."""
    for item in items:
        module = getattr(item, "module", None)
        if any(hasattr(module, helper) for helper in SERVER_HELPERS):
            item.add_marker("server")
        if hasattr(module, "PodiumConsole"):
            item.add_marker("console")
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker("browser")
        if not any(item.get_closest_marker(part) for part in REAL_PARTS):
            item.add_marker("pure")
    items.sort(key=needs)


def needs(item: pytest.Item) -> int:
    """The costliest real part a test needs (0: none)."""
    return max((rank for rank, part in enumerate(REAL_PARTS, start=1)
                if item.get_closest_marker(part)), default=0)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("podium-data")


@pytest.fixture(scope="session")
def blobs(data_dir: Path) -> BlobStore:
    return BlobStore(data_dir / "blobs")


@pytest.fixture(scope="session")
def pool(data_dir: Path, blobs: BlobStore):
    """Two warm sandboxes on the real engine, for the whole session."""
    with open_pool(SandboxConfig(), blobs.root, size=2) as started:
        yield started
