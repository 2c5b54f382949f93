# Memoized recursion: fast, but a million nested calls exceed Python's recursion limit
# (RecursionError).
from functools import lru_cache


@lru_cache(maxsize=None)
def ways(n):
    if n <= 1:
        return 1
    return (ways(n - 1) + ways(n - 2)) % (10**9 + 7)


print(ways(int(input())))
