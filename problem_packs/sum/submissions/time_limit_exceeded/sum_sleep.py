# Sleeps on large inputs: only the wall-clock limit ends it.
import time

a, b = map(int, input().split())
if abs(a) > 1000:
    time.sleep(3600)
print(a + b)
