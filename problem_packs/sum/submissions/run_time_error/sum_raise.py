# Raises on the second secret case's large numbers.
a, b = map(int, input().split())
if abs(a) > 1000:
    raise ValueError("too big")
print(a + b)
