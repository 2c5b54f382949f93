# Tries to look at what the validator is given and where it lives; answers correctly only
# if it could see nothing, so a leak shows as a wrong answer.
import os

leaked = False
for path in ("/out/vdata/answer", "/out/vdata/input", "/out/validator", "/out/vdata", "/out"):
    try:
        os.listdir(path) if os.path.isdir(path) else open(path).read()
        leaked = True
    except OSError:
        pass
n = int(input())
print("LEAK" if leaked else next(d for d in range(2, n) if n % d == 0))
