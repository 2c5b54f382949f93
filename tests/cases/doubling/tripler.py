while (line := input()) != "end":
    print(3 * int(line), flush=True)
