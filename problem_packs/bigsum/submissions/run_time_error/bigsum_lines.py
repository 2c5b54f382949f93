# Expects one number per line: int() fails on a line with several numbers.
n = int(input())
total = 0
for _ in range(n):
    total += int(input())
print(total)
