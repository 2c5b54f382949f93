"""Input validator of `rotation`: one line, a JSON array of 1..300 rows, each a JSON array of
the same 1..300 ints in [-10^9, 10^9]. Exit 42 accepts, 43 rejects."""
import re
import sys

INT = rb"(0|-?[1-9][0-9]*)"
ROW = rb"\[" + INT + rb"(," + INT + rb")*\]"
MATRIX = re.compile(rb"\[" + ROW + rb"(," + ROW + rb")*\]")


def main() -> bool:
    data = sys.stdin.buffer.read()
    if not data.endswith(b"\n") or not MATRIX.fullmatch(data[:-1]):
        return False
    rows = [[int(v) for v in row.split(b",")] for row in data[2:-3].split(b"],[")]
    return 1 <= len(rows) <= 300 and 1 <= len(rows[0]) <= 300 \
        and all(len(row) == len(rows[0]) for row in rows) \
        and all(-10**9 <= v <= 10**9 for row in rows for v in row)


sys.exit(42 if main() else 43)
