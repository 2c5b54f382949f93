"""Where the tests find the repository and their fixtures, wherever a test file sits."""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
PACKS = REPO / "problem_packs"
CLIENTS_BIN = Path(sys.prefix) / "clients" / "bin"  # other projects' clients (install.sh)
