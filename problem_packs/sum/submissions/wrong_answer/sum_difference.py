# Prints the difference instead of the sum.
a, b = map(int, input().split())
print(a - b)
