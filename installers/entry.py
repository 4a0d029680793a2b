"""The bundle's entry point: the ``counter`` command (PyInstaller freezes this script)."""

import os
import sys

from ui.main import main

if __name__ == "__main__":
    # counterw.exe (Windows, no console) has no standard streams: give them somewhere to go.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    sys.exit(main())
