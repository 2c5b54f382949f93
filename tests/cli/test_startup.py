"""A command pays for its own imports alone: the root group imports a command's module when
that command runs, so `podium package verify` starts without the web, the console or the
store."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import REPO

# imported by `podium package --help` in a fresh interpreter, then the modules it holds
PROBE = """
import sys
from click.testing import CliRunner
from cli.main import main
assert CliRunner().invoke(main, ["package", "--help"]).exit_code == 0
print(" ".join(sorted(sys.modules)))
"""


def test_package_commands_start_without_the_web_the_console_or_the_store() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            cwd=REPO, check=True)
    loaded = set(result.stdout.split())
    assert "cli.packages" in loaded
    assert not {"cli.serve", "web", "aiohttp", "textual", "appliance.store",
                "sqlite_utils"} & loaded
