"""Input validator of `floats`: T, then T lines "x1 y1 r1 x2 y2 r2". Exit 42 accepts, 43 rejects."""
import re
import sys

INT = rb"(0|-?[1-9][0-9]*)"
LINE = re.compile(rb" ".join([INT] * 6))


def main() -> bool:
    lines = sys.stdin.buffer.read().split(b"\n")
    if lines[-1] != b"" or not re.fullmatch(rb"[1-9][0-9]*", lines[0]):
        return False
    t = int(lines[0])
    if not 1 <= t <= 1000 or len(lines) != t + 2:
        return False
    for line in lines[1:t + 1]:
        match = LINE.fullmatch(line)
        if not match:
            return False
        x1, y1, r1, x2, y2, r2 = map(int, match.groups())
        if not all(-1000 <= v <= 1000 for v in (x1, y1, x2, y2)) or not (1 <= r1 <= 1000 and 1 <= r2 <= 1000):
            return False
    return True


sys.exit(42 if main() else 43)
