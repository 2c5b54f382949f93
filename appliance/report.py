"""Rich renderings of reports for the terminal (the CLI's only presentation code)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from appliance.verify import VerifyReport


def print_verify_report(console: Console, report: VerifyReport) -> None:
    """A package verification as tables, then one line saying whether all agreed."""
    for error in report.errors:
        console.print(f"[red]error[/]: {error}", highlight=False)
    for warning in report.warnings:
        console.print(f"[yellow]warning[/]: {warning}", highlight=False)
    if report.inputs:
        table = Table(title="Input validators", title_justify="left")
        for column in ("validator", "result"):
            table.add_column(column)
        for check in report.inputs:
            result = f"[dim]skipped: {check.skipped[:70]}[/]" if check.skipped else \
                "[green]all inputs valid[/]" if check.ok else (
                f"[red]{check.error}[/]" if check.error
                else "[red]rejected[/] " + "; ".join(check.rejected[:5]))
            table.add_row(check.validator, result)
        console.print(table)
    if report.submissions:
        limit = f"time limit {report.time_limit:g} s" + (
            " (computed from the accepted submissions)" if report.time_limit_computed else "")
        table = Table(title=f"{report.problem}: submissions, {limit}", title_justify="left")
        for column in ("submission", "expected", "got", "time (s)", ""):
            table.add_column(column, justify="right" if column == "time (s)" else "left")
        for check in report.submissions:
            got = (f"[{check.got.colour}]{check.got.value}[/]" if check.got
                   else "[dim]skipped[/]")
            if check.score is not None:
                got += f" {check.score:g}/{check.max_score:g}"
            mark = "[green]ok[/]" if check.ok else "[red]MISMATCH[/]"
            if check.skipped:
                mark = f"[dim]{check.skipped[:60]}[/]"
            elif not check.ok and check.detail:
                mark += f" {check.detail[:80]}"
            table.add_row(check.path, "/".join(sorted(check.allowed)) or check.expected, got,
                          f"{check.time:.3f}", mark)
        console.print(table)
    bad = sum(not c.ok for c in [*report.inputs, *report.submissions]) + len(report.errors)
    if report.ok:
        console.print(f"[bold green]{report.problem}: verified[/] — every check agrees")
    else:
        console.print(f"[bold red]{report.problem}: {bad} problem(s)[/]")
