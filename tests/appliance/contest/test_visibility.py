"""Who sees what, as tables of cases: the public, a team and the jury, for every kind of
object and event the API, the pages, the live updates and the event feed show."""

from __future__ import annotations

import pytest

from appliance.contest.visibility import (
    PUBLIC,
    Owner,
    Scope,
    Viewer,
    is_jury,
    scope,
    sees_account,
    sees_clarification,
    sees_contests,
    sees_event,
    sees_owned,
    sees_practice_submission,
    sees_run_of,
    sees_statements,
    sees_team,
    sees_unfrozen,
)

TEAM = Viewer.account("acc1", "team", "t1")
OTHER = Viewer.account("acc2", "team", "t2")
JUDGE = Viewer.account("jury", "judge", None)
ADMIN = Viewer.account("admin", "admin", None)


@pytest.mark.parametrize(("account_type", "jury"), [
    ("team", False), ("judge", True), ("admin", True), ("analyst", False), ("staff", False),
])
def test_judges_and_admins_are_the_jury(account_type: str, jury: bool) -> None:
    assert is_jury(account_type) is jury
    assert Viewer.account("a", account_type, None).jury is jury


def test_a_viewer_has_one_of_three_roles() -> None:
    assert PUBLIC.public and not PUBLIC.jury
    assert Viewer.team("t1") == Viewer("team", "t1")
    with pytest.raises(ValueError, match="role must be one of public, team, jury"):
        Viewer("analyst")


@pytest.mark.parametrize(("viewer", "expected"), [
    (PUBLIC, Scope(none=True)),
    (TEAM, Scope(team_id="t1")),
    (JUDGE, Scope(pending=True)),
    (ADMIN, Scope(pending=True)),
])
def test_the_scope_of_submissions_judgements_and_runs(viewer: Viewer, expected: Scope) -> None:
    assert scope(viewer) == expected


@pytest.mark.parametrize(("viewer", "owner", "sees"), [
    (PUBLIC, Owner("t1"), False),
    (TEAM, Owner("t1"), True),
    (TEAM, Owner("t2"), False),
    (TEAM, Owner("t1", pending=True), False),  # a rejudging not applied yet
    (TEAM, None, False),  # not found
    (JUDGE, Owner("t2", pending=True), True),
    (JUDGE, None, True),
])
def test_a_team_sees_its_own_submissions_judgements_and_runs(viewer: Viewer, owner, sees) -> None:
    assert sees_owned(viewer, owner) is sees


@pytest.mark.parametrize(("viewer", "from_team", "to_team", "sees"), [
    (PUBLIC, None, None, True),  # an announcement, or an answer to all
    (PUBLIC, "t1", None, False),  # a question
    (PUBLIC, None, "t1", False),  # a private answer
    (TEAM, None, None, True),
    (TEAM, "t1", None, True),  # its own question
    (TEAM, None, "t1", True),  # the answer to it
    (TEAM, "t2", None, False),
    (TEAM, None, "t2", False),
    (JUDGE, "t2", None, True),
    (JUDGE, None, "t2", True),
])
def test_clarifications_to_all_to_oneself_or_everything_for_the_jury(
        viewer: Viewer, from_team: str | None, to_team: str | None, sees: bool) -> None:
    assert sees_clarification(viewer, from_team, to_team) is sees


@pytest.mark.parametrize(("viewer", "hidden", "sees"), [
    (PUBLIC, False, True), (PUBLIC, True, False), (TEAM, True, False), (JUDGE, True, True),
])
def test_hidden_teams_are_the_jurys_alone(viewer: Viewer, hidden: bool, sees: bool) -> None:
    assert sees_team(viewer, hidden) is sees


@pytest.mark.parametrize(("viewer", "account_id", "sees"), [
    (PUBLIC, "acc1", False), (TEAM, "acc1", True), (TEAM, "acc2", False), (JUDGE, "acc2", True),
])
def test_accounts_are_seen_by_themselves_and_the_jury(viewer: Viewer, account_id: str,
                                                      sees: bool) -> None:
    assert sees_account(viewer, account_id) is sees


@pytest.mark.parametrize(("viewer", "account_id", "sees"), [
    (TEAM, "acc1", True), (OTHER, "acc1", False), (ADMIN, "acc1", True), (PUBLIC, None, False),
])
def test_practice_submissions_are_their_accounts_and_the_jurys(viewer: Viewer,
                                                               account_id: str | None,
                                                               sees: bool) -> None:
    assert sees_practice_submission(viewer, account_id) is sees


@pytest.mark.parametrize(("viewer", "unfrozen", "before_start", "secret_run"), [
    (PUBLIC, False, False, False),
    (TEAM, False, False, False),
    (JUDGE, True, True, True),
])
def test_the_board_statements_before_the_start_and_secret_runs_are_the_jurys(
        viewer: Viewer, unfrozen: bool, before_start: bool, secret_run: bool) -> None:
    assert sees_unfrozen(viewer) is unfrozen
    assert sees_statements(viewer, started=False) is before_start
    assert sees_statements(viewer, started=True)
    assert sees_run_of(viewer, "secret/big") is secret_run
    assert sees_run_of(viewer, "sample/1")


def event(viewer: Viewer, kind: str, data: dict | None = None, *, hidden: bool = False,
          owner: Owner | None = None) -> bool:
    def unasked():
        raise AssertionError("looked up without need")

    return sees_event(viewer, kind, data,
                      team_hidden=(lambda: hidden) if kind == "teams" else unasked,
                      owner=(lambda: owner) if kind in ("submissions", "judgements", "runs")
                      else unasked)


@pytest.mark.parametrize("kind", ["contests", "state", "problems", "organizations", "groups",
                                  "languages", "judgement-types", "awards"])
def test_public_events_are_everyones(kind: str) -> None:
    assert event(PUBLIC, kind) and event(TEAM, kind) and event(JUDGE, kind)


@pytest.mark.parametrize(("viewer", "kind", "kwargs", "sees"), [
    (PUBLIC, "teams", {"hidden": False}, True),
    (PUBLIC, "teams", {"hidden": True}, False),
    (TEAM, "teams", {"hidden": True}, False),
    (PUBLIC, "submissions", {"owner": Owner("t1")}, False),
    (TEAM, "submissions", {"owner": Owner("t1")}, True),
    (TEAM, "judgements", {"owner": Owner("t2")}, False),
    (TEAM, "judgements", {"owner": Owner("t1", pending=True)}, False),
    (TEAM, "runs", {"owner": Owner("t1")}, True),
    (TEAM, "accounts", {}, False),  # not a public kind, not a team's own
    (PUBLIC, "clarifications", {"data": {"from_team_id": None, "to_team_id": None}}, True),
    (TEAM, "clarifications", {"data": {"from_team_id": None, "to_team_id": "t2"}}, False),
    (TEAM, "clarifications", {"data": {"from_team_id": "t1", "to_team_id": None}}, True),
    (TEAM, "clarifications", {}, False),  # a deletion carries no data
])
def test_events_follow_the_same_rule_as_the_objects(viewer: Viewer, kind: str, kwargs: dict,
                                                    sees: bool) -> None:
    assert event(viewer, kind, **kwargs) is sees


def test_the_jury_sees_every_event_without_a_lookup() -> None:
    for kind in ("teams", "submissions", "judgements", "runs", "accounts", "clarifications"):
        assert sees_event(JUDGE, kind, None, team_hidden=lambda: 1 / 0, owner=lambda: 1 / 0)


def test_the_public_and_the_jury_see_every_served_contest_an_account_its_own() -> None:
    served = ["main", "div2", "practice-session"]
    assert sees_contests(PUBLIC, served, ()) == served
    assert sees_contests(Viewer.account("jury", "judge", None), served, ()) == served
    team = Viewer.account("t1", "team", "t1")
    assert sees_contests(team, served, ["div2", "elsewhere"]) == ["div2"]
    assert sees_contests(team, served, ["practice-session", "main"]) == ["main",
                                                                          "practice-session"]
    assert sees_contests(team, served, ()) == []  # a team in no contest sees none
    assert sees_contests(Viewer.account("r", "balloon", None), served, ["main"]) == ["main"]
