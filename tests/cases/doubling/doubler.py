while (line := input()) != "end":
    print(2 * int(line), flush=True)
