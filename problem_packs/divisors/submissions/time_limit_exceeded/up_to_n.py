# Trial division all the way up to n: about 10^9 steps for a large prime.
t = int(input())
for _ in range(t):
    n = int(input())
    answer = "prime"
    for d in range(2, n):
        if n % d == 0:
            answer = d
            break
    print(answer)
