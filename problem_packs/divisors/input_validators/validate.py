"""Input validator of `divisors`: T, then T lines with 2 <= n <= 10^9. Exit 42 accepts, 43 rejects."""
import re
import sys

NUMBER = re.compile(rb"[1-9][0-9]*")


def main() -> bool:
    lines = sys.stdin.buffer.read().split(b"\n")
    if lines[-1] != b"" or not all(NUMBER.fullmatch(x) for x in lines[:-1]):
        return False
    t = int(lines[0])
    numbers = [int(x) for x in lines[1:-1]]
    return 1 <= t <= 100 and len(numbers) == t and all(2 <= n <= 10**9 for n in numbers)


sys.exit(42 if main() else 43)
