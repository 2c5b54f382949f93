"""The `podium` command: the top floor, the only part that imports every other."""
