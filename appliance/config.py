"""The one frozen configuration, built at the entry point from flags, environment and defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from judge.engines import local_cert_path, local_url
from judge.sandbox import SandboxConfig


def default_data_dir(env: Mapping[str, str]) -> Path:
    """PODIUM_DATA if set, else the XDG data folder (~/.local/share/podium)."""
    if env.get("PODIUM_DATA"):
        return Path(env["PODIUM_DATA"])
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")).expanduser()
                                            / ".local" / "share")
    return Path(base) / "podium"


@dataclass(frozen=True)
class EngineSpec:
    """A Docker engine the server is told to judge on: its URL, slots, TLS certificates."""

    url: str
    slots: int
    cert_path: str | None = None


def parse_engine_option(text: str, default_slots: int) -> EngineSpec:
    """`URL` or `URL#SLOTS` (the --engine option); slots default to `default_slots`."""
    url, sep, slots = text.partition("#")
    if sep and (not slots.isdigit() or not 1 <= int(slots) <= 256):
        raise ValueError(f"{text!r}: the slot count after '#' must be a number from 1 to 256")
    return EngineSpec(url, int(slots) if sep else default_slots)


@dataclass(frozen=True)
class Config:
    """Where data lives and how the judge reaches Docker."""

    data_dir: Path
    pool_size: int = 1
    sandbox: SandboxConfig = field(default_factory=SandboxConfig)
    # The engines `podium serve` registers and judges on (more may be added while it runs).
    engines: tuple[EngineSpec, ...] = ()

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def result_cache_dir(self) -> Path:
        """`podium package verify`'s kept judgements (beside the pool's `compile-cache/`)."""
        return self.data_dir / "result-cache"

    @property
    def library_dir(self) -> Path:
        """Imported problem packages, one folder each (name-digest)."""
        return self.data_dir / "packages"

    @classmethod
    def build(cls, data_dir: Path | None = None, pool_size: int | None = None,
              env: Mapping[str, str] | None = None, engines: Sequence[str] = ()) -> Config:
        """Without `engines` (`URL` or `URL#SLOTS` each), the local engine (DOCKER_HOST or
        the default socket) with `pool_size` slots."""
        env = os.environ if env is None else env
        size = pool_size or len(os.sched_getaffinity(0))
        tls = local_cert_path(env)  # tcp:// engines given by URL use DOCKER_CERT_PATH
        specs = tuple(replace(spec, cert_path=tls if spec.url.startswith("tcp://") else None)
                      for spec in (parse_engine_option(text, size) for text in engines)) or (
            EngineSpec(local_url(env), size, local_cert_path(env)),)
        return cls(data_dir=data_dir or default_data_dir(env), pool_size=size,
                   engines=specs)
