"""Input validator of `reversegroups`: a JSON array of 0..5000 ints in [-1000, 1000], then k
in [1, 5000], one per line. Exit 42 accepts, 43 rejects."""
import re
import sys

ARRAY = re.compile(rb"\[((0|-?[1-9][0-9]*)(,(0|-?[1-9][0-9]*))*)?\]")
INT = re.compile(rb"[1-9][0-9]*")


def main() -> bool:
    lines = sys.stdin.buffer.read().split(b"\n")
    if len(lines) != 3 or lines[2] != b"" or not ARRAY.fullmatch(lines[0]) \
            or not INT.fullmatch(lines[1]):
        return False
    values = [int(v) for v in lines[0][1:-1].split(b",") if v]
    return len(values) <= 5000 and all(-1000 <= v <= 1000 for v in values) \
        and 1 <= int(lines[1]) <= 5000


sys.exit(42 if main() else 43)
