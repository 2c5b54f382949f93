"""CLICS awards from the scoreboard: the winner and the first to solve each problem (in a
score contest, the first to reach its maximum).

Computed from the view the asker may see: the public's frozen board gives no award that the
freeze still hides (nor a first-to-solve of a problem solved after the freeze).
"""

from __future__ import annotations

from appliance.scoreboard.board import Scoreboard
from appliance.scoreboard.scores import ScoreBoard


def awards(board: Scoreboard | ScoreBoard, public: bool, frozen: bool) -> list[dict]:
    """The awards as CLICS objects; the winner only once the board is not frozen to the asker."""
    rows = board.view(public=public)
    result: list[dict] = []
    if rows and rows[0].has_result and not (public and frozen):
        winners = [r.team_id for r in rows if r.rank == 1]
        result.append({"id": "winner", "citation": "Contest winner", "team_ids": winners})
    labels = {p.id: p.label for p in board.problems}
    for problem in board.problems:
        team_ids = [r.team_id for r in rows for cell in r.cells
                    if cell.problem_id == problem.id and cell.first_to_solve]
        if team_ids:
            result.append({"id": f"first-to-solve-{problem.id}",
                           "citation": f"First to solve problem {labels[problem.id]}",
                           "team_ids": team_ids})
    return result
