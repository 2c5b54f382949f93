# Answers correctly, then crashes after the interactor has accepted.
while (line := input()) != "end":
    print(2 * int(line), flush=True)
raise SystemExit(3)
