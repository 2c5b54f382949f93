# Input validator: one line "a b" with integers |a|, |b| <= 10^18, nothing else.
import re
import sys

data = sys.stdin.buffer.read()
match = re.fullmatch(rb"(-?(?:0|[1-9][0-9]{0,18})) (-?(?:0|[1-9][0-9]{0,18}))\n", data)
if not match or any(abs(int(x)) > 10**18 for x in match.groups()) or b"-0" in match.groups():
    sys.exit(43)
sys.exit(42)
