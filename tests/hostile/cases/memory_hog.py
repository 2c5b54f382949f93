# Hostile case: a Python list of 1 MiB bytearrays that only grows. Overcommit means the
# cgroup's OOM killer (not MemoryError) usually ends it. Expected: MLE.
hoard = []
while True:
    hoard.append(bytearray(b"x" * (1 << 20)))
