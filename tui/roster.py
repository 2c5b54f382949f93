"""The contest's problems and team names, loaded by the app on connecting and read by the panes."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.render import visible


@dataclass
class Roster:
    """What the server listed: the problems in their order, each team's name by id."""

    problems: list[dict] = field(default_factory=list)
    teams: dict[str, str] = field(default_factory=dict)

    def team_name(self, team_id: str) -> str:
        """The team's display name (its control characters visible: a team chose it), or its
        id when the server did not list it."""
        return visible(self.teams.get(team_id, team_id))
