"""Podium's core: contests, the store, problem packages, the judge queue and the CLI."""
