# Keeps a list of 1 MiB strings until well past the 256 MiB limit.
a, b = map(int, input().split())
keep = [b"x" * (1 << 20) + bytes([i % 256]) for i in range(1024)]
print(a + b + len(keep) - 1024)
