"""Writes data/secret for `reversegroups` (the samples are written by hand); deterministic."""
import random
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"


def answer(values: list[int], k: int) -> str:
    out = []
    for start in range(0, len(values), k):
        block = values[start:start + k]
        out += block[::-1] if len(block) == k else block
    return " ".join(["[", *map(str, out), "]"]) + "\n"


def write(name: str, values: list[int], k: int) -> None:
    (SECRET / f"{name}.in").write_text(f"[{','.join(map(str, values))}]\n{k}\n")
    (SECRET / f"{name}.ans").write_text(answer(values, k))


def main() -> None:
    rng = random.Random(20240705)
    SECRET.mkdir(parents=True, exist_ok=True)
    write("01_empty", [], 3)
    write("02_one", [7], 1)
    write("03_k_is_n", [1, 2, 3, 4, 5, 6], 6)
    write("04_k_over_n", [1, 2, 3], 4)
    write("05_k_one", [rng.randint(-1000, 1000) for _ in range(50)], 1)
    write("06_partial_tail", [rng.randint(-1000, 1000) for _ in range(103)], 10)
    write("07_large", [rng.randint(-1000, 1000) for _ in range(5000)], 7)
    write("08_large_pairs", [rng.randint(-1000, 1000) for _ in range(4999)], 2)


if __name__ == "__main__":
    main()
