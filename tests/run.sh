#!/usr/bin/env bash
# Set up (first time) and run the whole test suite: unit, integration on SQLite and PostgreSQL,
# UI tests offscreen, end to end. PostgreSQL comes from COUNTER_TEST_PG_URL (default: the local
# server, postgresql://postgres@127.0.0.1:5432/test); without one the PostgreSQL tests skip,
# except under CI where they fail.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash installers/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
