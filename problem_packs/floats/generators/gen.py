"""Write the secret test data of `floats` (Double Sprinklers), deterministically.

Run from anywhere: python3 generators/gen.py
The answers use the integer-exact form of the lens area: with D the squared distance of
the centres, K = 4*D*r1^2 - (D + r1^2 - r2^2)^2 is an integer, and each half angle is
atan2(sqrt(K), D +- (r1^2 - r2^2)), so no acos of a rounded cosine is taken.
"""

import math
import random
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"
L = 1000  # |x|, |y| <= L and 1 <= r <= L
T_MAX = 1000


def area(x1: int, y1: int, r1: int, x2: int, y2: int, r2: int) -> float:
    """The area of the intersection of two discs."""
    d2 = (x1 - x2) ** 2 + (y1 - y2) ** 2
    if d2 >= (r1 + r2) ** 2:
        return 0.0
    if d2 <= (r1 - r2) ** 2:
        return math.pi * min(r1, r2) ** 2
    u, v = r1 * r1, r2 * r2
    s = math.sqrt(4 * d2 * u - (d2 + u - v) ** 2)
    return u * math.atan2(s, d2 + u - v) + v * math.atan2(s, d2 + v - u) - s / 2


def clamp(c: int) -> int:
    return max(-L, min(L, c))


def near(rng: random.Random, distance: float) -> tuple[int, ...]:
    """A second centre about `distance` from a random first one, inside the box."""
    x1, y1 = rng.randint(-L, L), rng.randint(-L, L)
    angle = rng.random() * 2 * math.pi
    x2 = clamp(round(x1 + distance * math.cos(angle)) + rng.randint(-1, 1))
    y2 = clamp(round(y1 + distance * math.sin(angle)) + rng.randint(-1, 1))
    return x1, y1, x2, y2


def random_case(rng: random.Random, r_max: int = L, box: int = L) -> tuple[int, ...]:
    r1, r2 = rng.randint(1, r_max), rng.randint(1, r_max)
    x1, y1, x2, y2 = (rng.randint(-box, box) for _ in range(4))
    return x1, y1, r1, x2, y2, r2


def tangent_case(rng: random.Random, inner: bool) -> tuple[int, ...]:
    r1, r2 = rng.randint(1, L), rng.randint(1, L)
    x1, y1, x2, y2 = near(rng, abs(r1 - r2) if inner else r1 + r2)
    return x1, y1, r1, x2, y2, r2


def overlapping_case(rng: random.Random) -> tuple[int, ...]:
    r1, r2 = rng.randint(1, L), rng.randint(1, L)
    lo, hi = abs(r1 - r2), r1 + r2
    x1, y1, x2, y2 = near(rng, rng.uniform(lo, hi))
    return x1, y1, r1, x2, y2, r2


HAND = [
    (0, 0, 1, 3, 0, 1),            # apart
    (0, 0, 1, 2, 0, 1),            # touching from outside: area 0
    (0, 0, 3, 1, 0, 2),            # touching from inside: the small disc
    (0, 0, 5, 0, 0, 5),            # the same disc twice
    (7, -7, 10, 7, -7, 1),         # same centre, different radii
    (0, 0, 1, 1, 0, 1),            # the classic lens of two unit discs
    (-1000, -1000, 1000, 1000, 1000, 1000),   # far corners, not touching
    (-1000, 0, 1000, 1000, 0, 1000),          # touching at the origin
    (-1000, -1000, 1000, -1000, -1000, 1000),  # the largest disc twice
    (0, 0, 1000, 0, 1, 1),         # a tiny disc well inside a big one
    (0, 0, 1000, 0, 999, 1),       # a tiny disc touching the big one from inside
    (0, 0, 1000, 0, 1000, 1),      # a tiny disc straddling the big one's border
    (0, 0, 1, 0, 1, 1),            # lens again, vertical
    (3, 4, 2, 0, 0, 3),            # distance 5 = r1 + r2
    (0, 0, 1000, 1, 1, 999),       # almost the same disc
]


def write(name: str, cases: list[tuple[int, ...]]) -> None:
    assert 1 <= len(cases) <= T_MAX
    lines = [str(len(cases))]
    answers = []
    for c in cases:
        x1, y1, r1, x2, y2, r2 = c
        assert all(-L <= v <= L for v in (x1, y1, x2, y2)) and 1 <= r1 <= L and 1 <= r2 <= L
        lines.append(" ".join(map(str, c)))
        answers.append(f"{area(*c):.9f}")
    (SECRET / f"{name}.in").write_text("\n".join(lines) + "\n")
    (SECRET / f"{name}.ans").write_text("\n".join(answers) + "\n")


def main() -> None:
    rng = random.Random(20260102)
    SECRET.mkdir(parents=True, exist_ok=True)
    write("01_hand", HAND)
    write("02_small", [random_case(rng, r_max=6, box=8) for _ in range(200)])
    write("03_random", [random_case(rng) for _ in range(T_MAX)])
    write("04_overlapping", [overlapping_case(rng) for _ in range(T_MAX)])
    write("05_touch_outside", [tangent_case(rng, inner=False) for _ in range(T_MAX)])
    write("06_touch_inside", [tangent_case(rng, inner=True) for _ in range(T_MAX)])
    write("07_tiny", [random_case(rng, r_max=3, box=3) for _ in range(T_MAX)])
    write("08_one", [(0, 0, 2, 1, 1, 2)])


if __name__ == "__main__":
    main()
