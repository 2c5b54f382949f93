"""Input validator of `pruning`: one line, a level-order tree of 0..3000 nodes holding 0 or 1,
with null for missing children, no trailing null, every non-null entry with a parent.
Exit 42 accepts, 43 rejects."""
import re
import sys

TREE = re.compile(rb"\[((0|1)(,(0|1|null))*)?\]")


def main() -> bool:
    data = sys.stdin.buffer.read()
    if not data.endswith(b"\n") or not TREE.fullmatch(data[:-1]):
        return False
    entries = [e for e in data[1:-2].split(b",") if e]
    if len(entries) - entries.count(b"null") > 3000 or (entries and entries[-1] == b"null"):
        return False
    slots = 1 if entries else 0  # places for children offered by the non-null nodes so far
    for k, entry in enumerate(entries):
        if k >= slots:
            return False
        if entry != b"null":
            slots += 2
    return True


sys.exit(42 if main() else 43)
