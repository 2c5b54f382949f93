"""Judging a contest's queue: the durable queue, dispatchers, the fleet of Docker engines."""
