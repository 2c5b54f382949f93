# Prints the largest proper divisor: n divided by its smallest prime factor.
import sys


def smallest_factor(n):
    if n % 2 == 0:
        return 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return d
        d += 2
    return n


data = sys.stdin.read().split()
out = []
for token in data[1:1 + int(data[0])]:
    n = int(token)
    p = smallest_factor(n)
    out.append("prime" if p == n else str(n // p))
print("\n".join(out))
