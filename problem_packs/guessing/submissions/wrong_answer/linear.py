# Asks 1, 2, 3, ...: runs out of questions unless x is small.
n = int(input())
for y in range(1, n + 1):
    print("?", y, flush=True)
    if input() == "correct":
        break
