# Reads everything at once as bytes: fast enough for 10^6 numbers.
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
print(sum(map(int, data[1:n + 1])))
