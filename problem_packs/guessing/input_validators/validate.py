# Input validator: one line "n x" with 1 <= x <= n <= 10^9.
import re
import sys

match = re.fullmatch(rb"([1-9][0-9]*) ([1-9][0-9]*)\n", sys.stdin.buffer.read())
if not match:
    sys.exit(43)
n, x = map(int, match.groups())
sys.exit(42 if 1 <= x <= n <= 10**9 else 43)
