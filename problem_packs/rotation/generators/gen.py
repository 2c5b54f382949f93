"""Writes data/secret for `rotation` (the samples are written by hand); deterministic."""
import random
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"


def write(name: str, matrix: list[list[int]]) -> None:
    rows = ",".join("[" + ",".join(map(str, row)) + "]" for row in matrix)
    (SECRET / f"{name}.in").write_text(f"[{rows}]\n")
    turned = [list(column) for column in zip(*matrix[::-1])]
    tokens = ["["] + [t for row in turned for t in ["[", *map(str, row), "]"]] + ["]"]
    (SECRET / f"{name}.ans").write_text(" ".join(tokens) + "\n")


def random_matrix(rng: random.Random, r: int, c: int, low: int, high: int) -> list[list[int]]:
    return [[rng.randint(low, high) for _ in range(c)] for _ in range(r)]


def main() -> None:
    rng = random.Random(20240707)
    SECRET.mkdir(parents=True, exist_ok=True)
    write("01_one", [[5]])
    write("02_row", random_matrix(rng, 1, 7, 0, 9))
    write("03_column", random_matrix(rng, 6, 1, 0, 9))
    write("04_square", random_matrix(rng, 4, 4, -9, 9))
    write("05_extremes", random_matrix(rng, 30, 20, -10**9, 10**9) + [[-10**9] * 20, [10**9] * 20])
    write("06_wide", random_matrix(rng, 3, 300, -1000, 1000))
    write("07_large", random_matrix(rng, 300, 300, -10**9, 10**9))
    write("08_tall", random_matrix(rng, 300, 17, 0, 1))


if __name__ == "__main__":
    main()
