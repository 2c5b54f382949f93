"""Verdicts: the one closed set of judgement types, their order, kinds and colours.

Ids and meanings are those of the CLICS judgement types. When several tests fail the
first failure decides (contest mode stops there), but `worst` orders verdicts for
places that must pick one of many, e.g. a package's summary.
"""

from __future__ import annotations

from enum import Enum


class Verdict(str, Enum):
    """A CLICS judgement type id."""

    AC = "AC"
    WA = "WA"
    TLE = "TLE"
    MLE = "MLE"
    OLE = "OLE"
    RTE = "RTE"
    CE = "CE"
    JE = "JE"

    @property
    def title(self) -> str:
        """The judgement type's name as CLICS spells it."""
        return _TITLES[self]

    @property
    def colour(self) -> str:
        """A rich colour name used by the CLI and the console."""
        return _COLOURS[self]

    @property
    def kind(self) -> str:
        """What sort of outcome this is, for places that colour verdicts by sort (the web's
        badges): `accepted`, `rejected` (the program ran and failed), `compile-error` (it
        never ran: neutral, no penalty) or `judge-error` (the judge failed, not the team)."""
        return _KINDS[self]

    @property
    def penalty(self) -> bool:
        """Whether this verdict costs penalty time (CLICS: CE and AC do not)."""
        return self not in (Verdict.AC, Verdict.CE, Verdict.JE)

    @property
    def accepted(self) -> bool:
        return self is Verdict.AC


_TITLES = {
    Verdict.AC: "Accepted",
    Verdict.WA: "Wrong Answer",
    Verdict.TLE: "Time Limit Exceeded",
    Verdict.MLE: "Memory Limit Exceeded",
    Verdict.OLE: "Output Limit Exceeded",
    Verdict.RTE: "Run-Time Error",
    Verdict.CE: "Compile Error",
    Verdict.JE: "Judging Error",
}

_KINDS = {
    Verdict.AC: "accepted",
    Verdict.WA: "rejected",
    Verdict.TLE: "rejected",
    Verdict.MLE: "rejected",
    Verdict.OLE: "rejected",
    Verdict.RTE: "rejected",
    Verdict.CE: "compile-error",
    Verdict.JE: "judge-error",
}

_COLOURS = {
    Verdict.AC: "green",
    Verdict.WA: "red",
    Verdict.TLE: "yellow",
    Verdict.MLE: "magenta",
    Verdict.OLE: "magenta",
    Verdict.RTE: "bright_red",
    Verdict.CE: "blue",
    Verdict.JE: "bold white on red",
}

# Worst first: a judging error outranks everything, since nothing else can be trusted.
_SEVERITY = [Verdict.JE, Verdict.CE, Verdict.RTE, Verdict.MLE, Verdict.OLE, Verdict.TLE,
             Verdict.WA, Verdict.AC]


def worst(verdicts: list[Verdict]) -> Verdict:
    """The most severe of several verdicts; AC for none."""
    return min(verdicts, key=_SEVERITY.index, default=Verdict.AC)
