"""Resource limits of one judging: the problem's, and the compiler's own."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-test limits (time is CPU seconds) and the compile step's limits."""

    time: float = 1.0
    memory: int = 2048 * MiB
    output: int = 8 * MiB
    compile_time: float = 60.0
    compile_memory: int = 2048 * MiB
    compile_output: int = 1024 * MiB
    validation_time: float = 60.0
    validation_output: int = 8 * MiB
    wall_factor: float = 2.0
    wall_extra: float = 1.0

    @property
    def wall(self) -> float:
        """Wall-clock limit per test: catches programs that sleep or block instead of computing."""
        return self.time * self.wall_factor + self.wall_extra

    @property
    def compile_wall(self) -> float:
        return self.compile_time * self.wall_factor + self.wall_extra

    @property
    def validation_wall(self) -> float:
        return self.validation_time * self.wall_factor + self.wall_extra
