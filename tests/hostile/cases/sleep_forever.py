# Hostile case: a Python program that never reads its input and sleeps forever.
# Expected: TLE.
import time

while True:
    time.sleep(3600)
