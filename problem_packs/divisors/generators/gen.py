"""Write the secret test data of `divisors` (Any Divisor), deterministically.

Run from anywhere: python3 generators/gen.py
Each .ans holds one valid answer (the smallest proper divisor, or `prime`); the output
validator in output_validators/divisor_checker/ accepts any proper divisor.
"""

import random
from pathlib import Path

SECRET = Path(__file__).resolve().parent.parent / "data" / "secret"
N_MAX = 10**9
T_MAX = 100


def smallest_factor(n: int) -> int:
    """The smallest divisor of n above 1 (n itself when n is prime)."""
    if n % 2 == 0:
        return 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return d
        d += 2
    return n


def is_prime(n: int) -> bool:
    return n >= 2 and smallest_factor(n) == n


def primes_below(limit: int, count: int) -> list[int]:
    """The `count` largest primes below `limit`, largest first."""
    found = []
    n = limit - 1
    while len(found) < count:
        if is_prime(n):
            found.append(n)
        n -= 1
    return found


def next_prime(n: int) -> int:
    n += 1
    while not is_prime(n):
        n += 1
    return n


def answer(n: int) -> str:
    d = smallest_factor(n)
    return "prime" if d == n else str(d)


def write(name: str, numbers: list[int]) -> None:
    assert 1 <= len(numbers) <= T_MAX and all(2 <= n <= N_MAX for n in numbers)
    (SECRET / f"{name}.in").write_text(f"{len(numbers)}\n" + "".join(f"{n}\n" for n in numbers))
    (SECRET / f"{name}.ans").write_text("".join(f"{answer(n)}\n" for n in numbers))


def main() -> None:
    rng = random.Random(4242)
    SECRET.mkdir(parents=True, exist_ok=True)
    root = 31607  # the largest prime whose square is at most 10^9
    assert is_prime(root) and root * root <= N_MAX < next_prime(root) ** 2
    small_primes = [p for p in range(2, 200) if is_prime(p)]
    big_roots = primes_below(root + 1, 30)

    write("01_small", list(range(2, 62)) + [N_MAX, N_MAX - 1, 999999937, 2**29, 3**18,
                                             999999929, 999999893, 4, 9, 2, 3])
    write("02_prime_squares", [p * p for p in small_primes[:20]] + [p * p for p in big_roots])
    write("03_large_primes", primes_below(N_MAX + 1, T_MAX))
    write("04_random", [rng.randint(2, N_MAX) for _ in range(T_MAX)])
    semiprimes = []
    lower_roots = primes_below(root - 2000, 60)
    while len(semiprimes) < T_MAX:
        p, q = rng.choice(big_roots), rng.choice(lower_roots)
        if p * q <= N_MAX:
            semiprimes.append(p * q)
    write("05_semiprimes", semiprimes)
    write("06_powers", [2**k for k in range(1, 30)] + [3**k for k in range(1, 19)]
          + [7**k for k in range(1, 11)] + [31607**2, 2 * 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23])
    write("07_two", [2])
    write("08_mixed", rng.sample(primes_below(N_MAX + 1, T_MAX), 50)
          + [p * p for p in rng.sample(big_roots, 25)] + [rng.randint(2, 1000) for _ in range(25)])


if __name__ == "__main__":
    main()
