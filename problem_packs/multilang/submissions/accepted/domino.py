MOD = 10**9 + 7

n = int(input())
a, b = 1, 1  # tilings of 2 x 0 and 2 x 1
for _ in range(n - 1):
    a, b = b, (a + b) % MOD
print(b)
