# Hostile case: a fork bomb in Python. Each interpreter forks forever, ignoring failures,
# so the pids limit caps the process count; each copy also dirties its own pages (Python's
# reference counting), so the memory cgroup may fill first. Expected: TLE or RTE (MLE is
# honest too when the copies exhaust the memory limit).
import os

while True:
    try:
        os.fork()
    except OSError:
        pass
