"""Rich renderings of reports for the terminal (the CLI's only presentation code). Whatever a
team or a package wrote (names, paths, compiler output, validator messages, errors quoting
them) is printed as plain text with its control characters visible (`plain`): never read as
markup, never obeyed by the terminal."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from appliance.doctor.findings import FAIL, WARN
from appliance.text.counts import count
from judge.verdicts import Verdict
from tui.render import visible

if TYPE_CHECKING:  # types only: each command imports what it reports on, and no more
    from appliance.contest.dry_run import DryRun
    from appliance.contest.package import Account
    from appliance.contest.rejudging import Change
    from appliance.doctor.calibration import Calibration
    from appliance.doctor.findings import Finding
    from appliance.judging.engines import Engine
    from appliance.metrics.status import Status
    from appliance.problems.verify import SubmissionCheck, VerifyReport
    from appliance.similarity.fingerprints import Report
    from judge.judging import Judgement
    from judge.selftest import LanguageCheck

REGIONS_SHOWN = 5  # pairs whose matching regions are listed under the table
PIPED_WIDTH = 100_000  # columns when stdout is no terminal: a file or a pipe cuts nothing


def stdout_console() -> Console:
    """The console every command prints its report on: the terminal's width on a terminal;
    piped or redirected, wide enough that no table cell or line is cut or folded (rich
    would assume 80 columns)."""
    return Console(width=None if sys.stdout.isatty() else PIPED_WIDTH)


def plain(value: str, style: str = "") -> Text:
    """A string a team or a package wrote, as `Text`: "[/]" shows as it is, and an escape
    sequence as "␛[2J" (the console's `visible`, one rule for both)."""
    return Text(visible(value), style=style)


def print_judgement(console: Console, problem: str, language: str,
                    judgement: Judgement) -> None:
    """One submission's tests as a table, what went wrong first, then the verdict line."""
    verdict = judgement.verdict
    table = Table(title=plain(f"{problem} — {language}"), title_justify="left")
    for column in ("test", "verdict", "time (s)", "wall (s)", "memory (MiB)", "exit"):
        table.add_column(column, justify="left" if column in ("test", "verdict") else "right")
    for t in judgement.tests:
        exit_text = f"signal {t.signal}" if t.signal else str(t.exit_code)
        table.add_row(plain(t.name), f"[{t.verdict.colour}]{t.verdict.value}[/]", f"{t.time:.3f}",
                      f"{t.wall_time:.3f}", f"{t.memory / 2**20:.1f}", exit_text)
    if judgement.tests:
        console.print(table)
    if verdict is Verdict.CE:
        console.print(plain(judgement.compile_output), highlight=False)
    for t in judgement.tests:
        if t.message and t.verdict is not Verdict.AC:
            console.print(plain(f"{t.name}: ", "bold"), end="")
            console.print(plain(t.message.strip()[:2000]), highlight=False)
            break
    if judgement.error:
        console.print(plain(judgement.error, "red"))
    console.print(f"[bold {verdict.colour}]{verdict.value}[/] {verdict.title}  "
                  f"time {judgement.time:.3f} s  memory {judgement.memory / 2**20:.1f} MiB")


def print_language_checks(console: Console, checks: Sequence[LanguageCheck]) -> None:
    """The languages' self-tests as a table, then why each broken one failed."""
    table = Table(title="Podium languages")
    for column in ("id", "name", "extensions", "version", "works"):
        table.add_column(column, no_wrap=column == "version", overflow="ellipsis",
                         max_width=34 if column == "version" else None)
    for c in checks:
        works = "[green]yes[/]" if c.works else \
            f"[red]no ({'precompiled header' if c.precompiled else c.judgement.verdict.value})[/]"
        table.add_row(c.language.id, c.language.name, " ".join(c.language.extensions),
                      plain(c.version), works)
    console.print(table)
    for c in checks:
        if c.works:
            continue
        detail = c.precompiled or c.judgement.error or c.judgement.compile_output or \
            next((t.message for t in c.judgement.tests if t.message), "")
        console.print(Text.assemble((c.language.id, "red"), ": ",
                                    plain(detail.strip()[:500])), highlight=False)


def print_logins(console: Console, title: str, accounts: Sequence[Account]) -> None:
    """A created contest's accounts and passwords, to print and hand out."""
    sheet = Table(title=plain(title))
    for column in ("account", "type", "password"):
        sheet.add_column(column)
    for account in accounts:
        sheet.add_row(plain(account.username), account.type, plain(account.password or ""))
    console.print(sheet)


REJUDGING_NEXT = {"judging": "some submissions still wait for their new verdict",
                  "judged": "every submission rejudged: apply or cancel it",
                  "applied": "the rejudged verdicts count", "cancelled": "nothing changed"}


def print_rejudging(console: Console, rejudging_id: int, state: str,
                    changes: Sequence[Change]) -> None:
    """A rejudging's state and what a judge does next, then its submissions, current and
    rejudged verdicts, marking those that change."""
    table = Table(title=f"rejudging {rejudging_id}: {state} "
                        f"({REJUDGING_NEXT.get(state, state)})")
    for column in ("submission", "current", "rejudged", ""):
        table.add_column(column)
    for change in changes:
        mark = "[yellow]changes[/]" if change.differs else ""
        table.add_row(str(change.submission_id), change.before or "-",
                      change.after or "[dim]pending[/]", mark)
    console.print(table)


def print_engines(console: Console, engines: Sequence[Engine]) -> None:
    """The Docker engines with their state, slots, work and last error."""
    table = Table(title="Docker engines")
    for column in ("engine", "state", "slots busy/total", "judged", "last error"):
        table.add_column(column, overflow="fold")
    for e in engines:
        table.add_row(plain(e.url), e.shown_state, f"{e.busy}/{e.slots}", str(e.judged),
                      plain(e.last_error or ""))
    console.print(table)


def print_findings(console: Console, findings: Sequence[Finding]) -> None:
    """`podium doctor`'s findings, flagged ones with what to do, then a one-line summary."""
    table = Table(title="What makes timings untrustworthy here", title_justify="left")
    for column in ("check", "", "found", "what to do"):
        table.add_column(column, overflow="fold")
    styles = {FAIL: "[bold red]fail[/]", WARN: "[yellow]warn[/]"}
    for f in findings:
        table.add_row(f.key, styles.get(f.level, "[green]ok[/]"), plain(f.what), plain(f.fix))
    console.print(table)
    flagged = [f for f in findings if f.flagged]
    console.print(f"{count(len(flagged), 'finding')} to act on"
                  + (f": {', '.join(f.key for f in flagged)}" if flagged else ""))


def print_calibration(console: Console, calibration: Calibration) -> None:
    """The busy loop's CPU time per language and slot: mean and spread, sandboxed and bare."""
    table = Table(title=f"The same busy loop, {count(calibration.runs, 'run')} per slot "
                        "(spread: coefficient of variation of the CPU time)",
                  title_justify="left")
    for column in ("language", "CPU", "sandboxed (s)", "spread", "bare (s)", "spread",
                   "error"):
        table.add_column(column, justify="left" if column in ("language", "error") else "right")

    def mean(times: tuple[float, ...]) -> str:
        return f"{sum(times) / len(times):.3f}" if times else "-"

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.1%}"

    for s in calibration.slots:
        table.add_row(s.language, s.cpu, mean(s.sandboxed), share(s.sandboxed_spread),
                      mean(s.bare), share(s.bare_spread), plain(s.error))
    console.print(table)


def print_dry_run(console: Console, report: DryRun) -> None:
    """A contest's dry run: per problem the limit, the slowest accepted run and the margin,
    the spread, then each verdict that disagrees or changes between runs, then one line."""
    table = Table(title=f"Dry run of {report.contest_id}: {count(report.repeat, 'run')} of "
                        f"each jury submission on {count(report.slots, 'slot')}",
                  title_justify="left")
    for column in ("problem", "limit (s)", "slowest AC (s)", "margin", "spread", "verdicts"):
        table.add_column(column, justify="left" if column in ("problem", "verdicts")
                         else "right")
    for p in report.problems:
        slowest, margin = p.slowest_accepted, p.margin
        table.add_row(
            plain(f"{p.label} {p.problem_id}"), f"{p.time_limit:g}",
            "-" if slowest is None else f"{slowest:.3f}",
            "-" if margin is None else f"[{'yellow' if p.tight else 'green'}]{margin:.1f}x[/]",
            "-" if p.spread is None else f"{p.spread:.1%}",
            "[red]error[/]" if p.error else
            f"[red]{len(p.disagreeing)} differ[/]" if p.disagreeing else
            f"[yellow]{len(p.unsteady)} change[/]" if p.unsteady else "[green]all agree[/]")
    console.print(table)
    for p in report.problems:
        if p.error:
            console.print(plain(f"{p.label} {p.problem_id}: {p.error}"), highlight=False)
        if p.tight:
            console.print(plain(f"{p.label}: the slowest accepted run ({p.slowest_at}) fits "
                                f"{p.margin:.1f}x in the limit, under the package's "
                                f"ac_to_time_limit {p.ac_to_time_limit:g}"), highlight=False)
        for s in p.disagreeing:
            console.print(plain(f"{p.label} {s.path}: expected {s.expected}, "
                                f"{s.detail}"), highlight=False)
        for s in p.unsteady:
            console.print(plain(f"{p.label} {s.path}: verdicts change between runs: "
                                f"{' '.join(s.verdicts)}"), highlight=False)
    console.print("[green]Every verdict agrees with its folder, every run.[/]" if report.ok
                  else "[red]The dry run found problems: see above.[/]")


def print_verify_report(console: Console, report: VerifyReport) -> None:
    """A package verification as tables, then every failure on its own line naming its file
    and why, then one line saying whether all agreed."""
    for error in report.errors:
        console.print(Text.assemble(("error", "red"), ": ", plain(error)))
    for warning in report.warnings:
        console.print(Text.assemble(("warning", "yellow"), ": ", plain(warning)))
    if report.inputs:
        table = Table(title="Input validators", title_justify="left")
        for column in ("validator", "result", "invalid inputs"):
            table.add_column(column)
        for check in report.inputs:
            result = Text(f"skipped: {check.skipped}", "dim") if check.skipped else \
                Text("all inputs valid", "green") if check.ok else \
                Text("error (below)", "red") if check.error else \
                Text(f"rejected {len(check.rejected)} test input(s) (below)", "red")
            invalid = len(check.invalid_refused) + len(check.invalid_accepted)
            table.add_row(plain(check.validator), result,
                          f"refused {len(check.invalid_refused)} of {invalid}" if invalid
                          else "")
        console.print(table)
    for output in report.outputs:
        result = Text(f"skipped: {output.skipped}", "dim") if output.skipped else \
            Text("error (below)", "red") if output.error else \
            Text(f"accepted {len(output.accepted)}, refused {len(output.refused)}",
                 "green" if output.ok else "red")
        console.print(Text.assemble("Output validator ", plain(output.validator),
                                    " on the validation outputs: ", result))
    if report.submissions:
        limit = f"time limit {report.time_limit:g} s" + (
            " (computed from the accepted submissions)" if report.time_limit_computed else "")
        if report.bounds is not None:
            limit = f"time limit {report.time_limit:g} s" + (
                " (inferred)" if report.time_limit_computed else "") + _margins(report)
        table = Table(title=plain(f"{report.problem}: submissions, {limit}"),
                      title_justify="left")
        for column in ("submission", "expected", "got", "time (s)", ""):
            table.add_column(column, justify="right" if column == "time (s)" else "left")
        for check in report.submissions:
            got = Text(check.got.value, check.got.colour) if check.got else Text("skipped", "dim")
            if check.score is not None:
                got.append(f" {check.score:g}/{check.max_score:g}")
            mark = Text(check.skipped, "dim") if check.skipped else \
                Text("ok", "green") if check.ok else Text("MISMATCH", "red")
            time = f"{check.time:.3f}" + (f" ({check.slowest_test})" if check.slowest_test
                                           else "")
            table.add_row(plain(check.path), plain(_expected(check)), got, plain(time), mark)
        console.print(table)
    if report.cached:
        console.print(Text(cached_line(report), "dim"))
    failures = verify_failures(report)
    for failure in failures:
        console.print(Text.assemble(("FAIL ", "red"), plain(failure)))
    if report.ok:
        console.print(Text.assemble(plain(f"{report.problem}: verified", "bold green"),
                                    " — every check agrees"), highlight=False)
    else:
        console.print(plain(f"{report.problem}: {len(failures)} problem(s)", "bold red"))


def cached_line(report: VerifyReport) -> str:
    """How many of verify's judgings came from the result cache, and how to judge them."""
    return (f"{report.cached} of {count(report.judgings or 0, 'judging')} from the cache "
            "(unchanged since the last verify; --fresh judges them again)")


def _expected(check: SubmissionCheck) -> str:
    if check.by_rules:
        return f"{check.expected}/ rules"
    return "/".join(sorted(check.allowed)) or check.expected


def _margins(report: VerifyReport) -> str:
    """The bounds the runs put on a 2025-09 time limit, with their margins."""
    found = report.bounds
    parts = []
    if found is not None and found.slowest_lower is not None:
        parts.append(f"slowest that must fit {found.slowest_lower:.3f} s x "
                     f"{report.ac_to_time_limit:g} = "
                     f"{found.slowest_lower * report.ac_to_time_limit:.3f} s "
                     f"({found.slowest_lower_at})")
    if found is not None and found.fastest_upper is not None:
        parts.append(f"fastest that must time out {found.fastest_upper:.3f} s / "
                     f"{report.time_limit_to_tle:g} = "
                     f"{found.fastest_upper / report.time_limit_to_tle:.3f} s "
                     f"({found.fastest_upper_at})")
    return f"; {'; '.join(parts)}" if parts else ""


def verify_failures(report: VerifyReport) -> list[str]:
    """Every failure of a verification, each naming its file and why."""
    failures = [*report.errors]
    for check in report.inputs:
        if check.error:
            failures.append(f"{check.validator}: {check.error}")
        failures += [f"{check.validator} rejected {rejected}" for rejected in check.rejected]
    for output in report.outputs:
        if output.error:
            failures.append(f"{output.validator}: {output.error}")
        failures += [f"{output.validator}: {wrong}" for wrong in output.wrong]
    for check in report.submissions:
        if not check.ok:
            got = check.got.value if check.got else "nothing"
            if check.by_rules:
                failures += [f"{check.path}: {why}" for why in check.broken or
                             (f"got {got} — {check.detail or 'not judged'}",)]
                continue
            failures.append(f"{check.path}: expected {_expected(check)}, got {got}"
                            + (f" — {check.detail}" if check.detail else ""))
    return failures


def print_similarity_reports(console: Console, reports: list[Report], min_similarity: float,
                             problems: dict[str, str]) -> None:
    """Per problem, the pairs at least `min_similarity` alike, most similar first, then the
    matching regions of the top pairs. `problems` gives each problem id its label."""
    for report in reports:
        label = problems.get(report.problem_id, report.problem_id)
        shown = report.above(min_similarity).pairs
        title = (f"{label} ({report.problem_id}): {count(report.submissions, 'submission')}, "
                 f"{count(len(shown), 'pair')} at least {min_similarity:.0%} alike")
        if not shown:
            console.print(plain(title, "bold"), highlight=False)
        else:
            table = Table(title=plain(title), title_justify="left")
            for column in ("#", "alike", "submission a", "submission b", "lines a/b",
                           "regions"):
                table.add_column(column, justify="right" if column in ("#", "alike")
                                 else "left")
            for rank, pair in enumerate(shown, start=1):
                colour = "red" if pair.similarity >= 0.8 else "yellow" \
                    if pair.similarity >= 0.5 else "white"
                table.add_row(str(rank), f"[{colour}]{pair.similarity:.0%}[/]",
                              plain(f"#{pair.a.id} {pair.a.team_id} ({pair.a.language_id})"),
                              plain(f"#{pair.b.id} {pair.b.team_id} ({pair.b.language_id})"),
                              f"{pair.lines_a}/{pair.lines_b}", str(len(pair.regions)))
            console.print(table)
        for rank, pair in enumerate(shown[:REGIONS_SHOWN], start=1):
            spans = "; ".join(f"{r.a_first}-{r.a_last} ~ {r.b_first}-{r.b_last}"
                              for r in pair.regions[:8])
            more = f" (+{len(pair.regions) - 8} more)" if len(pair.regions) > 8 else ""
            console.print(f"  {rank}. #{pair.a.id} ~ #{pair.b.id} lines: {spans}{more}",
                          highlight=False)
        if report.unreadable:
            console.print(f"  [dim]too short to compare: "
                          f"{', '.join('#' + s for s in report.unreadable)}[/]", highlight=False)


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return "> last bucket" if math.isinf(value) else f"≤ {value:g} s"


def print_status(console: Console, status: Status, source: str, now: float,
                 top_routes: int = 12) -> None:
    """A server's health (`podium status`): queue and judging, verdicts, HTTP requests."""
    absent = "[dim]only a running server counts this[/]"
    table = Table(title=f"Podium status — {source}", title_justify="left", show_header=False)
    table.add_column("figure", style="bold")
    table.add_column("value")
    table.add_row("queue", f"{status.queued} queued, {status.judging} judging")
    mean = status.latency_sum / status.latency_count if status.latency_count else None
    table.add_row("judging latency", f"{status.latency_count} first judgements"
                  + (f"; mean {mean:.1f} s, p50 {_seconds(status.latency_quantile(0.5))}, "
                     f"p95 {_seconds(status.latency_quantile(0.95))}" if mean is not None
                     else ""))
    if status.slots is None:
        table.add_row("judging slots", absent)
    elif status.slots == 0:
        table.add_row("judging slots", "this server does not judge (`podium dispatch` may)")
    else:
        use = status.utilisation(now)
        table.add_row("judging slots", f"{status.slots_busy} of {status.slots} busy now"
                      + (f"; {use:.0%} busy since the server started" if use is not None
                         else ""))
        table.add_row("busy seconds", ", ".join(
            f"slot {slot}: {seconds:.1f}" for slot, seconds in sorted(
                status.busy_seconds.items(), key=lambda item: int(item[0]))) or "-")
    if status.sandbox_failures is None:
        table.add_row("sandbox failures", absent)
    else:
        failures = ", ".join(f"{kind} {n}" for kind, n in status.sandbox_failures.items())
        colour = "red" if any(status.sandbox_failures.values()) else "green"
        table.add_row("sandbox failures", f"[{colour}]{failures}[/]")
    console.print(table)

    verdicts = Table(title="Judged submissions by verdict", title_justify="left")
    verdicts.add_column("verdict")
    verdicts.add_column("submissions", justify="right")
    for verdict in Verdict:
        verdicts.add_row(f"[{verdict.colour}]{verdict.value}[/] {verdict.title}",
                         str(status.verdicts.get(verdict.value, 0)))
    console.print(verdicts)

    if status.requests is None:
        console.print(f"HTTP requests: {absent}")
        return
    ranked = sorted(status.requests.items(), key=lambda item: (-item[1], item[0]))
    requests = Table(title="HTTP requests by route and status", title_justify="left")
    for column in ("route", "status", "requests"):
        requests.add_column(column, justify="right" if column == "requests" else "left")
    for (route, code), times in ranked[:top_routes]:
        colour = "red" if code.startswith("5") else "yellow" if code.startswith("4") else ""
        requests.add_row(route, f"[{colour}]{code}[/]" if colour else code, str(times))
    if len(ranked) > top_routes:
        rest = sum(count for _, count in ranked[top_routes:])
        requests.add_row(f"[dim]{len(ranked) - top_routes} more[/]", "", str(rest))
    console.print(requests)
