"""What an account may do on the pages now, and if not, why: one home for the menu (a closed
link greyed, with its reason), the buttons that lead to an action, and the 403 page a
refused action answers with. The rules are the core's (the clock, visibility, practice's
hours); this module only asks them and words the answer for the account."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from appliance.contest.clock import State
from appliance.contest.shadow import shadowed_feed
from appliance.contest.visibility import runs_floor, sees_statements
from appliance.practice.solving import closed_reason
from web.auth import User, viewer_of
from web.state import Podium

ONLY_TEAMS_SUBMIT = "only team accounts submit from this page; the jury judges in the console"
ONLY_TEAMS_ASK = "only teams ask here; the jury answers in the console"
ONLY_TEAMS_PRINT = "only team accounts print"


@dataclass(frozen=True)
class Action:
    """One thing the menu offers, and why it is closed to this account now (None: open)."""

    name: str
    label: str
    href: str
    refused: str | None = None

    @property
    def allowed(self) -> bool:
        return self.refused is None


def _read_problems(podium: Podium, user: User) -> str | None:
    started = podium.live.clock.state(podium.now()) is not State.NOT_STARTED
    return None if sees_statements(viewer_of(user), started) else \
        "the problems appear when the contest starts"


def page_submitter(user: User) -> str | None:
    """Why this account cannot submit from the contest's pages (None: it can); the clock is
    the intake's to check when the submission arrives."""
    return None if user.team_id else ONLY_TEAMS_SUBMIT


def _submit(podium: Podium, user: User) -> str | None:
    accepts, reason = podium.live.clock.accepts_submissions(podium.now())
    return page_submitter(user) or (None if accepts else reason)


def _ask(podium: Podium, user: User) -> str | None:
    return None if user.team_id else ONLY_TEAMS_ASK


def _practise(podium: Podium, user: User) -> str | None:
    return closed_reason(user.type, podium.live.clock.state(podium.now()))


def _always(podium: Podium, user: User) -> str | None:
    return None


def _print(podium: Podium, user: User) -> str | None:
    return None if user.team_id else ONLY_TEAMS_PRINT


RULES = {"problems": _read_problems, "submit": _submit, "submissions": _always,
         "scoreboard": _always, "clarifications": _always, "ask": _ask,
         "practice": _practise, "print": _print}
MENU = (("problems", "Problems", "/problems"), ("submit", "Submit", "/submit"),
        ("submissions", "Submissions", "/submissions"),
        ("scoreboard", "Scoreboard", "/scoreboard"),
        ("clarifications", "Clarifications", "/clarifications"),
        ("practice", "Practice", "/practice"), ("print", "Print", "/print"))
FLOOR_MENU = (("balloons", "Balloons", "/balloons"), ("print-queue", "Print queue", "/print-queue"))
SHADOW_MENU = ("shadow", "Shadow", "/jury/shadow")  # the jury's, when the contest shadows one


def refusal(podium: Podium, user: User, name: str) -> str | None:
    """Why `user` may not do the action `name` now, in words for them; None when they may."""
    return RULES[name](podium, user)


def allowed(podium: Podium, user: User, name: str) -> bool:
    return refusal(podium, user, name) is None


def require(podium: Podium, user: User, name: str) -> None:
    """A refused action is a 403 whose page says why."""
    reason = refusal(podium, user, name)
    if reason:
        raise web.HTTPForbidden(text=reason)


def menu(podium: Podium, user: User | None) -> dict[str, Action]:
    """The menu's actions for `user`, each with its reason when closed (none logged out)."""
    if user is None:
        return {}
    floor = {name: Action(name, label, href)
             for name, label, href in FLOOR_MENU} if runs_floor(user.type) else {}
    if user.jury and shadowed_feed(podium.store, podium.contest_id) is not None:
        floor[SHADOW_MENU[0]] = Action(*SHADOW_MENU)
    return {**{name: Action(name, label, href, refusal(podium, user, name))
               for name, label, href in MENU if name != "print" or user.team_id}, **floor}
