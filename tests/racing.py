"""Several callers doing the same thing at the same instant, each on its own runtime (own
connections), to show the database — not luck — decides who wins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from counter.errors import CounterError
from counter.services.base import Runtime

T = TypeVar("T")


def at_once(
    url: str, count: int, act: Callable[[Runtime, int], T]
) -> tuple[list[T], list[CounterError]]:
    """Run ``act(runtime, n)`` for n in ``range(count)`` in threads released together; return
    what succeeded and the typed refusals (any other exception fails the caller's assertions
    through a missing result)."""
    made: list[T] = []
    refused: list[CounterError] = []
    start = threading.Barrier(count)

    def run(n: int) -> None:
        own = Runtime(url)
        try:
            start.wait()
            made.append(act(own, n))
        except CounterError as exc:
            refused.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return made, refused
