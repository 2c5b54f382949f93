"""Timing stability: the spread of the same busy loop's CPU time, sandboxed against bare.

Run by hand on a machine with Docker: `.venv/bin/python bench/stability.py [--runs 20]
[--rounds 3]`. It is `podium doctor`'s calibration (appliance/doctor/calibration.py: the
loop in C and Python, N runs per slot, each slot pinned to its CPU, the slots at once,
sandboxed then bare) repeated `--rounds` times so that the two alternate, and prints per
language and slot the coefficient of variation of the CPU time of each, pooled over the
rounds, and their ratio sandboxed/bare (1.0 or less: the sandbox adds no noise of its own).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appliance.doctor.calibration import calibrate, slot_pools, spread  # noqa: E402
from judge.blobs import BlobStore  # noqa: E402
from judge.languages import load_languages  # noqa: E402
from judge.sandbox import SandboxConfig  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per slot and round")
    parser.add_argument("--rounds", type=int, default=3, help="sandboxed/bare alternations")
    args = parser.parse_args()
    cpus = [str(cpu) for cpu in sorted(os.sched_getaffinity(0))]
    load_before = os.getloadavg()
    times: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(
        lambda: {"sandboxed": [], "bare": []})
    errors = []
    with tempfile.TemporaryDirectory(prefix="stability-") as tmp:
        blobs = BlobStore(Path(tmp) / "blobs")
        with slot_pools(SandboxConfig(), blobs.root, cpus) as pools:
            for _ in range(args.rounds):
                found = calibrate(pools, blobs, load_languages(), args.runs, Path(tmp))
                for slot in found.slots:
                    times[slot.language, slot.cpu]["sandboxed"] += slot.sandboxed
                    times[slot.language, slot.cpu]["bare"] += slot.bare
                    if slot.error:
                        errors.append(f"{slot.language} on CPU {slot.cpu}: {slot.error}")
    load_after = os.getloadavg()
    print(f"busy loop CPU time, {args.rounds} rounds x {args.runs} runs per slot, all slots at "
          f"once (load average {load_before[0]:.2f} before, {load_after[0]:.2f} after)")
    print(f"{'language':<9} {'CPU':>3} {'sandboxed mean':>15} {'CV':>7} {'bare mean':>10} "
          f"{'CV':>7} {'CV ratio sandboxed/bare':>24}")
    for (language, cpu), got in sorted(times.items()):
        boxed, bare = got["sandboxed"], got["bare"]
        boxed_cv, bare_cv = spread(boxed), spread(bare)
        ratio = f"{boxed_cv / bare_cv:.2f}" if boxed_cv is not None and bare_cv else "-"
        print(f"{language:<9} {cpu:>3} {mean(boxed):>14}s {share(boxed_cv):>7} "
              f"{mean(bare):>9}s {share(bare_cv):>7} {ratio:>24}")
    for error in errors:
        print("error:", error)
    return 1 if errors else 0


def mean(times: list[float]) -> str:
    return f"{sum(times) / len(times):.4f}" if times else "-"


def share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2%}"


if __name__ == "__main__":
    sys.exit(main())
