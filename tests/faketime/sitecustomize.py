"""Loaded at Python's start-up when this directory is on PYTHONPATH: see faketime_sleep."""

import faketime_sleep  # noqa: F401
