#!/usr/bin/env bash
# Run the test suite as tests/run.sh does, but with the wall clock of every process (pytest, its
# workers, every `counter` it starts) set to a given hall time (Asia/Shanghai), to show that no
# test depends on the wall clock:
#   bash tests/run-at.sh 03:00 -q                  # today (hall date) at 03:00 hall time
#   bash tests/run-at.sh "2026-12-05 23:59" -q     # a given date and time
# The clock starts at that instant and runs on. It uses libfaketime (`faketime`, installed by
# installers/setup.sh --test). PostgreSQL's own clock is not moved: the core passes the time to
# every statement it writes. COUNTER_CLOCK is unset, so the faked wall clock is the only one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
if [ $# -lt 1 ]; then
  echo "usage: bash tests/run-at.sh HH:MM|'YYYY-MM-DD HH:MM' [pytest arguments]" >&2
  exit 2
fi
at="$1"
shift
case "$at" in
  *-*) when="$at" ;;
  *) when="$(TZ=Asia/Shanghai date +%F) $at" ;;
esac
[[ "$when" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}$ ]] && when="$when:00"
if ! [[ "$when" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]]; then
  echo "not a time: $at (write HH:MM or 'YYYY-MM-DD HH:MM')" >&2
  exit 2
fi
bash installers/setup.sh --test
if ! command -v faketime >/dev/null 2>&1; then
  echo "faketime is missing: apt-get install faketime (or installers/setup.sh --test)" >&2
  exit 2
fi
unset COUNTER_CLOCK
export QT_QPA_PLATFORM=offscreen TZ=Asia/Shanghai
# libfaketime 0.9.10 and Python 3.11 threads and sleeps: see tests/faketime/faketime_sleep.py,
# loaded for every Python of the virtualenv (some tests give their processes a PYTHONPATH).
export FAKETIME_DONT_FAKE_MONOTONIC=1
pth="$(.venv/bin/python - "$here/tests/faketime" <<'EOF'
import sys, sysconfig
from pathlib import Path
pth = Path(sysconfig.get_paths()["purelib"]) / "counter-faketime-sleep.pth"
pth.write_text(f"import sys; sys.path.append({sys.argv[1]!r}); import faketime_sleep\n")
print(pth)
EOF
)"
trap 'rm -f "$pth"' EXIT
faketime -f "@$when" .venv/bin/python -c \
  'import datetime as dt; print("wall clock:", dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %Z"))'
faketime -f "@$when" .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
