"""Who sees what of a contest, decided here and nowhere else: the public, a team, the jury.

As CLICS gives it: the public sees the contest, state, problems, teams, organizations,
groups, languages, judgement types, the frozen scoreboard, awards and announcements; a team
also sees its own submissions, their judgements (not those of a rejudging not applied yet)
and runs (with the compiler's output), its clarifications and its own account; the jury sees
everything, hidden teams and the board that never freezes included. What one may not see is
absent (a 404), never refused. The API, the pages, the browsers' live updates and the event
feed all ask these pure functions, over plain values: the viewer, ids, flags.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

JURY_TYPES = ("judge", "admin")  # account types that see everything
FLOOR_TYPES = (*JURY_TYPES, "balloon")  # who sees the balloon and print queues

# Event types (CLICS endpoint names) everyone sees; a hidden team's own event excepted.
PUBLIC_KINDS = frozenset({"contests", "state", "problems", "teams", "organizations", "groups",
                          "languages", "judgement-types", "awards"})
OWNED_KINDS = frozenset({"submissions", "judgements", "runs"})  # a team's own objects


def is_jury(account_type: str) -> bool:
    """Whether accounts of this type are the jury's (they see everything)."""
    return account_type in JURY_TYPES


ROLES = ("public", "team", "jury")


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the public (no account), a team (any account not the jury's: a team's,
    or one without a team, which owns nothing), or the jury; with the account and its team."""

    role: str = "public"
    team_id: str | None = None
    account_id: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {self.role!r}")

    @classmethod
    def account(cls, account_id: str, account_type: str, team_id: str | None) -> Viewer:
        """An account's view, by its type (judge and admin are the jury) and its team."""
        return cls("jury" if is_jury(account_type) else "team", team_id, account_id)

    @classmethod
    def team(cls, team_id: str) -> Viewer:
        """A team's view, whichever of its accounts looks."""
        return cls("team", team_id)

    @property
    def jury(self) -> bool:
        return self.role == "jury"

    @property
    def public(self) -> bool:
        return self.role == "public"


PUBLIC = Viewer()


def sees_contests(viewer: Viewer, served: Iterable[str], member_of: Iterable[str]
                  ) -> list[str]:
    """Which of the served contests a viewer sees, in the order served: the public and the
    jury every one (a judge or admin works in any contest); any other account those it is
    a member of (a team usually one; none: it may not see any)."""
    if viewer.public or viewer.jury:
        return list(served)
    members = set(member_of)
    return [c for c in served if c in members]


@dataclass(frozen=True)
class Owner:
    """Whose a submission, judgement or run is: its submission's team; `pending` when it
    belongs to a rejudging not applied yet."""

    team_id: str | None
    pending: bool = False


@dataclass(frozen=True)
class Scope:
    """Which teams' submissions, judgements and runs a viewer reads: none, one team's (its
    `team_id`), or every team's (`team_id` None); `pending`: also the judgements and runs of
    rejudgings not applied yet."""

    none: bool = False
    team_id: str | None = None
    pending: bool = False


def scope(viewer: Viewer) -> Scope:
    """The submissions, judgements and runs this viewer reads."""
    if viewer.jury:
        return Scope(pending=True)
    if viewer.team_id is None:
        return Scope(none=True)
    return Scope(team_id=viewer.team_id)


def sees_owned(viewer: Viewer, owner: Owner | None) -> bool:
    """Whether the viewer sees a submission, judgement or run of this owner (None: an object
    not found). An account without a team (an analyst's) owns nothing, as `scope` says: no
    owner's missing team is its own."""
    if viewer.jury:
        return True
    if viewer.public or viewer.team_id is None or owner is None or owner.pending:
        return False
    return owner.team_id == viewer.team_id


def sees_team(viewer: Viewer, hidden: bool) -> bool:
    """Hidden teams are the jury's alone."""
    return viewer.jury or not hidden


def sees_account(viewer: Viewer, account_id: str | None) -> bool:
    """The jury sees every account, an account itself; the public none."""
    return viewer.jury or (viewer.account_id is not None and account_id == viewer.account_id)


def sees_clarification(viewer: Viewer, from_team_id: str | None,
                       to_team_id: str | None) -> bool:
    """Everyone sees what was sent to all; a team what it asked and what was sent to it; the
    jury everything. An account without a team has no private clarifications: the jury's
    side of one (its `None`) is never its own."""
    if viewer.jury:
        return True
    to_all = from_team_id is None and to_team_id is None
    mine = viewer.team_id is not None and viewer.team_id in (from_team_id, to_team_id)
    return to_all or mine


def sees_event(viewer: Viewer, kind: str, data: dict | None, *,
               team_hidden: Callable[[], bool],
               owner: Callable[[], Owner | None]) -> bool:
    """Whether an event of the log (its type, its stored data) is the viewer's to see.
    `team_hidden` and `owner` look up what the event's data does not say (is a teams
    event's team hidden, whose is a submission, judgement or run), asked only when needed."""
    if viewer.jury:
        return True
    if kind in PUBLIC_KINDS:
        return kind != "teams" or sees_team(viewer, team_hidden())
    if kind == "clarifications":
        return data is not None and sees_clarification(viewer, data["from_team_id"],
                                                       data["to_team_id"])
    if kind in OWNED_KINDS:
        return sees_owned(viewer, owner())
    return False


def sees_unfrozen(viewer: Viewer) -> bool:
    """Whether the viewer gets the board that never freezes (and its awards): the jury; all
    others get the public one, frozen in the contest's last part."""
    return viewer.jury


def sees_statements(viewer: Viewer, started: bool) -> bool:
    """Problem statements are secret until the contest starts, except to the jury."""
    return viewer.jury or started


def sees_run_of(viewer: Viewer, test_name: str, open_groups: Iterable[str] = ()) -> bool:
    """A submission's page shows a team its runs on samples only, and on the test data
    groups the package opens (2025-09 `full_feedback`): other secret tests stay secret
    (the jury sees every run)."""
    return viewer.jury or test_name.startswith("sample/") or any(
        test_name.startswith(group + "/") for group in open_groups)


def sees_practice_submission(viewer: Viewer, account_id: str | None) -> bool:
    """A practice submission is its account's: seen by whoever sees that account."""
    return sees_account(viewer, account_id)


def runs_floor(account_type: str | None) -> bool:
    """Whether an account of this type sees the balloon queue and every print job (the
    jury and the balloon runners; never a team: it would learn others' solves in the
    freeze)."""
    return account_type in FLOOR_TYPES
