"""Input validator of `bigsum`: n, then one line of n integers in [-10^12, 10^12] separated by
single spaces. Exit 42 accepts, 43 rejects."""
import re
import sys

NUMBER = re.compile(rb"0|-?[1-9][0-9]{0,12}")


def main() -> bool:
    lines = sys.stdin.buffer.read().split(b"\n")
    if len(lines) != 3 or lines[2] != b"" or not re.fullmatch(rb"[1-9][0-9]*", lines[0]):
        return False
    n = int(lines[0])
    tokens = lines[1].split(b" ")
    if not 1 <= n <= 10**6 or len(tokens) != n:
        return False
    if not all(NUMBER.fullmatch(t) for t in tokens):
        return False
    return all(-10**12 <= int(t) <= 10**12 for t in tokens)


sys.exit(42 if main() else 43)
