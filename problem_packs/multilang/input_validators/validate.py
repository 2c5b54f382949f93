"""Input validator of `multilang`: one line with 1 <= n <= 10^6. Exit 42 accepts, 43 rejects."""
import re
import sys

data = sys.stdin.buffer.read()
ok = re.fullmatch(rb"[1-9][0-9]*\n", data) is not None and int(data) <= 10**6
sys.exit(42 if ok else 43)
