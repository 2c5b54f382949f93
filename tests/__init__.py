"""Podium's test suite: pure tests first, then real Docker, server and browser tests."""
