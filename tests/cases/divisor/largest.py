n = int(input())
print(next(n // d for d in range(2, n) if n % d == 0))
