"""Every language of `podium languages` judges its hello world AC in the real sandbox."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import main

pytestmark = pytest.mark.docker


def test_every_language_works_in_the_sandbox(data_dir) -> None:
    result = CliRunner().invoke(main, ["languages", "--json", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    checks = json.loads(result.output)
    assert len(checks) >= 15
    broken = [c["id"] for c in checks if not c["works"] or c["verdict"] != "AC"]
    assert broken == []
    assert all(c["version"] not in ("unknown", "not installed") for c in checks), checks
