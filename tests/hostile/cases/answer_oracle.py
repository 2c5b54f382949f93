# Hostile case: look for the test answers through /proc instead of the file system. The
# runner is started as `python3 runner.py JOB_JSON`, and any process may read another's
# /proc/PID/cmdline; if the job (with the SHA-256 name of each test's answer blob) shows up
# there, a submission can hash candidate answers until one matches (an oracle for yes/no or
# small-integer problems). It prints a wrong answer if it can see any answer's hash (and
# says whether it recovered the answer by brute force), else the right one. Expected: AC.
import hashlib
import json
import os
import sys

data = sys.stdin.buffer.read()
n = int(data)
leaked = []
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().split(b"\0")
    except OSError:
        continue
    for arg in args:
        if arg.startswith(b"{") and b'"answer"' in arg:
            try:
                job = json.loads(arg)
            except ValueError:
                continue
            leaked += [t["answer"] for t in job.get("tests", [])]
if leaked:
    mine = hashlib.sha256(data).hexdigest()
    guessed = next((k for k in range(-10, 10**5)
                    if hashlib.sha256(b"%d\n" % k).hexdigest() in leaked), None)
    print(f"answer hashes leaked through /proc/PID/cmdline: {leaked}; "
          f"input hash {mine}; one answer recovered by brute force: {guessed}",
          file=sys.stderr)
    print(-1)
else:
    print(2 * n)
