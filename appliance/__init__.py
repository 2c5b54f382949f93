"""Podium's core: the store, contests, problem packages, judging the queue, scoreboards,
practice and similarity, in sub-packages; no HTTP, no terminal, no command line."""
