"""Write the secret test data of `bigsum` (Big Sum), deterministically.

Run from anywhere: python3 generators/gen.py
Case 02 is the large one: 10^6 numbers of up to 13 digits, about 13.5 MB.
"""

import random
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"
N_MAX = 10**6
A_MAX = 10**12


def write(name: str, numbers: list[int]) -> None:
    assert 1 <= len(numbers) <= N_MAX and all(-A_MAX <= a <= A_MAX for a in numbers)
    (SECRET / f"{name}.in").write_text(f"{len(numbers)}\n{' '.join(map(str, numbers))}\n")
    (SECRET / f"{name}.ans").write_text(f"{sum(numbers)}\n")


def main() -> None:
    rng = random.Random(77)
    SECRET.mkdir(parents=True, exist_ok=True)
    write("01_one", [-A_MAX])
    write("02_large_random", [rng.randint(-A_MAX, A_MAX) for _ in range(N_MAX)])
    write("03_all_max", [A_MAX] * 200_000)
    write("04_past_32_bits", [2**31 - 1, 1, 2**31, -1, 2**32])
    write("05_cancel", [a for k in range(1, 50_001) for a in (k * 19_999_999, -k * 19_999_999)])
    write("06_many_small", [rng.randint(-9, 9) for _ in range(N_MAX)])
    write("07_zeros", [0] * 1000)
    write("08_negative", [-rng.randint(A_MAX // 2, A_MAX) for _ in range(100_000)])


if __name__ == "__main__":
    main()
