"""Input validator of `hello`: the input is empty. Exit 42 accepts, 43 rejects."""
import sys

sys.exit(42 if sys.stdin.buffer.read() == b"" else 43)
