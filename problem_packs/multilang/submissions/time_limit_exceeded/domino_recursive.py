# The recurrence straight as recursion without memory: exponentially many calls.
import sys

sys.setrecursionlimit(10000)


def ways(n):
    if n <= 1:
        return 1
    return (ways(n - 1) + ways(n - 2)) % (10**9 + 7)


print(ways(int(input())))
