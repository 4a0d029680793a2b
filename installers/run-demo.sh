#!/usr/bin/env bash
# Set up (first time) and open the demo hall on the embedded SQLite database.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/installers/setup.sh"
exec "$here/.venv/bin/counter" demo "$@"
