"""The ``counter`` command: the core's commands and the UI's, assembled (the composition root).

The core (:mod:`counter.cli`) never imports the UI; this module, on the UI's side, adds the
commands that open Qt windows or render with Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from counter import cli
from ui import admin_commands, commands, manager_commands, station_commands


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, extra=(station_commands, commands, manager_commands, admin_commands))


if __name__ == "__main__":
    sys.exit(main())
