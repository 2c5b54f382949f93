"""Input validator of `strings`: n, then n headlines of 1-200 characters from letters, digits,
apostrophes, hyphens and spaces, not starting or ending with a space. Exit 42 accepts, 43 rejects."""
import re
import sys

HEADLINE = re.compile(rb"[A-Za-z0-9'-]([A-Za-z0-9' -]{0,198}[A-Za-z0-9'-])?")


def main() -> bool:
    lines = sys.stdin.buffer.read().split(b"\n")
    if lines[-1] != b"" or not re.fullmatch(rb"[1-9][0-9]*", lines[0]):
        return False
    n = int(lines[0])
    return 1 <= n <= 1000 and len(lines) == n + 2 \
        and all(HEADLINE.fullmatch(line) for line in lines[1:n + 1])


sys.exit(42 if main() else 43)
