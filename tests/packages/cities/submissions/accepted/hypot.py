import math

a, b, c, d = map(int, input().split())
print(math.hypot(c - a, d - b))
