"""The resolver's reveal after the contest: the public board unfrozen one cell at a time.

Order: the bottom-most team of the current public board that still has a hidden cell shows
its lowest-ordinal hidden cell; if that moves it up, the next step starts from the team now at
the bottom-most position with a hidden cell. At the end the public board equals the jury's.
"""

from __future__ import annotations

from dataclasses import dataclass

from appliance.scoreboard.board import Scoreboard


@dataclass(frozen=True)
class RevealStep:
    """What one reveal step showed: a team's cell, and its rank before and after."""

    team_id: str
    problem_id: str
    solved: bool
    old_rank: int
    new_rank: int


class Reveal:
    """The resolver: unfreezes one cell at a time, from the bottom of the public board up."""

    def __init__(self, board: Scoreboard) -> None:
        self._board = board
        self._index = len(board) - 1
        self._version = board.version

    @property
    def done(self) -> bool:
        """No hidden cell is left: the public board equals the jury board."""
        return self.next_cell() is None

    def step(self) -> RevealStep | None:
        """Reveal the lowest-ordinal hidden cell of the bottom-most team that has one."""
        found = self.next_cell()
        return None if found is None else self.show(*found)

    def show(self, team_id: str, problem_id: str) -> RevealStep:
        """Reveal one cell (the next one, or one a step taken elsewhere showed)."""
        board = self._board
        old_rank = board.rank(team_id, True)
        solved = board.reveal_cell(team_id, problem_id)
        return RevealStep(team_id, problem_id, solved, old_rank, board.rank(team_id, True))

    def next_cell(self) -> tuple[str, str] | None:
        """The (team, problem) the next step shows, without showing it. Teams below the scan
        position have nothing hidden; revealing only moves teams up."""
        board = self._board
        if board.version != self._version:  # events arrived meanwhile: scan again
            self._index, self._version = len(board) - 1, board.version
        index = min(self._index, len(board) - 1)
        while index >= 0:
            team_id = board.team_at(index, True)
            hidden = board.frozen_problems(team_id)
            if hidden:
                self._index = index
                return team_id, hidden[0]
            index -= 1
        self._index = -1
        return None
