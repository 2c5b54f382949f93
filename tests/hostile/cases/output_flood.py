# Hostile case: print the right answer, then an endless stream of lines from Python.
# Expected: OLE.
import sys

n = int(sys.stdin.readline())
print(2 * n)
line = "7" * 1000 + "\n"
while True:
    sys.stdout.write(line)
