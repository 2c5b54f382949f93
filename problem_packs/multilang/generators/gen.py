"""Write the test data of `multilang` (Domino Strip), deterministically.

Run from anywhere: python3 generators/gen.py
The number of tilings of a 2 x n board satisfies t(n) = t(n-1) + t(n-2), t(0) = t(1) = 1.
The figure of the statement is drawn by generators/figure.py.
"""

import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
N_MAX = 10**6
MOD = 10**9 + 7


def tilings(n: int) -> int:
    a, b = 1, 1  # t(0), t(1)
    for _ in range(n - 1):
        a, b = b, (a + b) % MOD
    return b


def write(group: str, name: str, n: int) -> None:
    assert 1 <= n <= N_MAX
    folder = DATA / group
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.in").write_text(f"{n}\n")
    (folder / f"{name}.ans").write_text(f"{tilings(n)}\n")


def main() -> None:
    rng = random.Random(1202)
    write("sample", "1", 5)
    write("sample", "2", 1)
    hand = {
        "01_two": 2,
        "02_three": 3,
        "03_forty_three": 43,     # the last count below 10^9 + 7
        "04_forty_four": 44,      # the first one reduced by the modulus
        "05_ninety_two": 92,      # past 2^63 without the modulus
        "06_thousand": 1000,
        "07_max": N_MAX,
        "08_max_minus_one": N_MAX - 1,
    }
    for name, n in hand.items():
        write("secret", name, n)
    for i, n in enumerate(sorted(rng.sample(range(100, N_MAX), 4)), 9):
        write("secret", f"{i:02d}_random", n)


if __name__ == "__main__":
    main()
