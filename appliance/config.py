"""The one frozen configuration, built at the entry point from flags, environment and defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from judge.sandbox import SandboxConfig


def default_data_dir(env: Mapping[str, str]) -> Path:
    """PODIUM_DATA if set, else the XDG data folder (~/.local/share/podium)."""
    if env.get("PODIUM_DATA"):
        return Path(env["PODIUM_DATA"])
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")).expanduser()
                                            / ".local" / "share")
    return Path(base) / "podium"


@dataclass(frozen=True)
class Config:
    """Where data lives and how the judge reaches Docker."""

    data_dir: Path
    pool_size: int = 1
    sandbox: SandboxConfig = field(default_factory=SandboxConfig)

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def library_dir(self) -> Path:
        """Imported problem packages, one folder each (name-digest)."""
        return self.data_dir / "packages"

    @classmethod
    def build(cls, data_dir: Path | None = None, pool_size: int | None = None,
              env: Mapping[str, str] | None = None) -> Config:
        env = os.environ if env is None else env
        return cls(data_dir=data_dir or default_data_dir(env),
                   pool_size=pool_size or len(os.sched_getaffinity(0)))
