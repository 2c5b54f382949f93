# Starts the sequence one step off (the Fibonacci numbers 0, 1, 1, 2, ... indexed by n).
MOD = 10**9 + 7

n = int(input())
a, b = 0, 1
for _ in range(n - 1):
    a, b = b, (a + b) % MOD
print(b)
