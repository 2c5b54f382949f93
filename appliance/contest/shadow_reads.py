"""Shadow mode read back: each shadowed submission's verdict there (the primary's current
judgement) and here (ours), and those that differ. One definition, for `podium shadow`'s
live lines, the jury's endpoint and page, and the console."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.clics.times import reltime
from appliance.store import Store


@dataclass(frozen=True)
class Compared:
    """One shadowed submission: ids on both sides and both verdicts (None while pending)."""

    submission_id: str
    primary_id: str
    team_id: str
    problem_id: str
    language_id: str
    contest_time: float
    primary: str | None
    ours: str | None

    @property
    def differs(self) -> bool:
        """Both judged, and not alike: a pending side is no difference yet."""
        return self.primary is not None and self.ours is not None and self.primary != self.ours

    def as_json(self) -> dict:
        return {"submission_id": self.submission_id, "primary_submission_id": self.primary_id,
                "team_id": self.team_id, "problem_id": self.problem_id,
                "language_id": self.language_id, "contest_time": reltime(self.contest_time),
                "primary_judgement_type_id": self.primary, "judgement_type_id": self.ours}


@dataclass(frozen=True)
class ShadowView:
    """The whole comparison: counts and every submission that differs."""

    url: str | None
    compared: tuple[Compared, ...]

    @property
    def differences(self) -> list[Compared]:
        return [c for c in self.compared if c.differs]

    def counts(self) -> dict[str, int]:
        return {"submissions": len(self.compared),
                "judged_primary": sum(c.primary is not None for c in self.compared),
                "judged_here": sum(c.ours is not None for c in self.compared),
                "differences": len(self.differences)}

    def as_json(self) -> dict:
        return {"primary": self.url, **self.counts(),
                "items": [c.as_json() for c in self.differences]}


def shadow_view(store: Store, contest_id: str) -> ShadowView:
    """Every shadowed submission of the contest compared, in submission order."""
    feeds = store.query("SELECT url FROM shadow_feeds WHERE contest_id = ?", [contest_id])
    rows = store.query(
        "SELECT s.clics_id, m.primary_id, s.team_id, s.problem_id, s.language_id, "
        "s.contest_time, (SELECT verdict FROM judgements j WHERE j.submission_id = s.id AND "
        "j.is_current = 1) AS ours, (SELECT p.judgement_type_id FROM shadow_judgements p "
        "WHERE p.contest_id = m.contest_id AND p.primary_submission_id = m.primary_id AND "
        "p.current = 1 AND p.judgement_type_id IS NOT NULL ORDER BY p.seq DESC LIMIT 1) "
        "AS primary_verdict FROM shadow_submissions m JOIN submissions s ON "
        "s.id = m.submission_id WHERE m.contest_id = ? ORDER BY s.contest_time, s.id",
        [contest_id])
    return ShadowView(feeds[0]["url"] if feeds else None, tuple(Compared(
        r["clics_id"], r["primary_id"], r["team_id"], r["problem_id"],
        r["language_id"], float(r["contest_time"]), r["primary_verdict"], r["ours"])
        for r in rows))
