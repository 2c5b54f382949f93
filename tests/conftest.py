"""Shared fixtures: a real Docker sandbox pool per session, and ordering fast tests first."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.blobs import BlobStore
from judge.pool import open_pool
from judge.sandbox import SandboxConfig
from tests.paths import PACKS, REPO  # noqa: F401 - imported from here by tests


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Pure tests first, then the ones that need the real Docker engine."""
    items.sort(key=lambda item: item.get_closest_marker("docker") is not None)


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
