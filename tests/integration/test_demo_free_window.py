"""The demo opens its clerk at a free window, not at someone else's visit in progress."""

from __future__ import annotations

from counter import window as door
from counter.demo.queue import free_window, seed_demo_activity
from counter.services.base import Runtime


def test_the_demo_clerk_gets_a_window_nobody_is_serving_at(hall_url: str) -> None:
    rt = Runtime(hall_url)
    try:
        hall_id = rt.hall_id("QS")
        seed_demo_activity(rt, hall_id)
        busy = []
        for number in range(1, 7):  # the seeded activity has visitors at windows 1-6
            desk = door.sign_in(rt, "1001", "demo1234", number)
            if door.state(rt, desk).window.current is not None:
                busy.append(number)
        assert busy  # the demo does put visitors at some windows
        number = free_window(rt, hall_id)
        assert number not in busy
        desk = door.sign_in(rt, "1001", "demo1234", number)
        opened = door.open_window(rt, desk).window
        assert opened.current is None and opened.state == "open"
    finally:
        rt.dispose()
