"""The ICPC scoreboard: the pure board, the reveal, standings replayed from the store."""
