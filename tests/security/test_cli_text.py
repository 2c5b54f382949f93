"""Text from a package or a team printed by the CLI: plain, with control characters visible.
A compiler's "[/]" neither crashes `podium languages` (Rich markup) nor styles anything, and an
escape sequence in compiler output, a validator message, a test's name or an error is shown
as ␛, never obeyed by the terminal."""

from __future__ import annotations

import io

from click.testing import CliRunner
from rich.console import Console

from appliance.contest.package import Account
from cli.main import main
from cli.report import print_judgement, print_language_checks, print_logins
from judge.judging import Judgement, TestResult
from judge.languages import find, load_languages
from judge.selftest import LanguageCheck
from judge.verdicts import Verdict

CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"


def printed(draw) -> str:
    out = io.StringIO()
    draw(Console(file=out, width=200, color_system=None))
    return out.getvalue()


def test_a_compilers_markup_and_escapes_print_as_text_in_the_language_checks() -> None:
    python = find("python3", load_languages())
    broken = LanguageCheck(python, f"Python [/] {CLIPBOARD}", Judgement(
        Verdict.CE, compile_output=f"a.py:1: [/]error[bold] {CLEAR}{CLIPBOARD}"))
    text = printed(lambda console: print_language_checks(console, [broken]))
    assert "\x1b" not in text and "\x07" not in text
    assert "python3: a.py:1: [/]error[bold] ␛[2J␛[H␛]52;c;ZWNobyBoaQ==␇" in text


def test_a_judgements_test_names_messages_and_error_print_as_text() -> None:
    judgement = Judgement(Verdict.WA, error=f"judge: [/] {CLEAR}", tests=(
        TestResult(f"secret/[/]{CLEAR}", Verdict.WA, 0.1, 0.1, 1 << 20, 0, None,
                   message=f"expected 3 [/b] {CLIPBOARD}"),))
    text = printed(lambda console: print_judgement(console, "sum", "python3", judgement))
    assert "\x1b" not in text and "\x07" not in text
    assert "secret/[/]␛[2J␛[H" in text and "expected 3 [/b] ␛]52;c;ZWNobyBoaQ==␇" in text
    assert "judge: [/] ␛[2J␛[H" in text
    logins = printed(lambda console: print_logins(console, "logins", [
        Account(id="t1", username=f"[/]{CLEAR}", type="team", password="pw")]))
    assert "[/]␛[2J␛[H" in logins and "\x1b" not in logins


def test_a_one_line_error_quoting_a_package_shows_its_escapes(tmp_path) -> None:
    package = tmp_path / f"evil{CLEAR}[red]"
    package.mkdir()
    result = CliRunner().invoke(main, ["package", "verify", str(package)])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "evil␛[2J␛[H[red]" in result.output
