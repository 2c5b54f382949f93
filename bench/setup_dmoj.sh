#!/usr/bin/env bash
# DMOJ's judge (PyPI `dmoj`) in a venv of its own for bench/vs_dmoj.py: bench/.venv-dmoj.
# Its C extension (the ptrace sandbox, seccomp) builds against Debian's libseccomp-dev,
# which install.sh installs. Idempotent.
set -euo pipefail
cd "$(dirname "$0")"
DMOJ=4.1.0
if ! .venv-dmoj/bin/python -c "import dmoj.cptbox" 2>/dev/null; then
  /usr/bin/python3 -m venv .venv-dmoj
  .venv-dmoj/bin/pip install -q --upgrade pip
  .venv-dmoj/bin/pip install -q "dmoj==$DMOJ"
fi
.venv-dmoj/bin/python -c "import dmoj; print('dmoj', dmoj.__version__ if hasattr(dmoj, '__version__') else '$DMOJ', 'ready in bench/.venv-dmoj')"
