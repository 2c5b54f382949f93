"""Input validator of `paths`: "n m", then m lines "u v w" with u != v. Exit 42 accepts, 43 rejects."""
import re
import sys

LINE = re.compile(rb"([1-9][0-9]*) ([1-9][0-9]*) ([1-9][0-9]*)")


def main() -> bool:
    lines = sys.stdin.buffer.read().split(b"\n")
    head = re.fullmatch(rb"([1-9][0-9]*) ([1-9][0-9]*)", lines[0])
    if lines[-1] != b"" or not head:
        return False
    n, m = map(int, head.groups())
    if not (2 <= n <= 10**5 and 1 <= m <= 2 * 10**5) or len(lines) != m + 2:
        return False
    for line in lines[1:m + 1]:
        match = LINE.fullmatch(line)
        if not match:
            return False
        u, v, w = map(int, match.groups())
        if not (u <= n and v <= n and u != v and w <= 10**6):
            return False
    return True


sys.exit(42 if main() else 43)
