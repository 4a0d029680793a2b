"""The admin console's screenshots (``counter screenshot``): the catalogue editor with an item
open, staff, the calendar year, hall settings and windows and queues, on a demo hall of their own
(``50-`` … ``55-``)."""

from __future__ import annotations

from pathlib import Path

from counter import admin as door


def take_admin_screenshots(out_dir: Path, url: str) -> list[Path]:
    from counter.services.base import Runtime
    from ui.admin.app import AdminWindow
    from ui.admin.session import AdminSession
    from ui.screenshots import SIZE, grab, settle, wait_for

    rt = Runtime(url)
    session = AdminSession(rt, demo=True)
    files: list[Path] = []
    try:
        session.sign_in("9001", "demo1234")
        import datetime as dt

        # a closure day of the hall's own, so the calendar shows one
        door.mark_day(rt, session.actor, dt.date(2026, 3, 20), is_workday=False, name="停电闭厅")
        # the village point with an agent (代办员) and the items it may accept
        codes = [i.code for i in door.find_items(rt, session.actor, "", limit=6)]
        door.save_village_point(rt, session.actor, "QS-SQ", name="青山镇石桥村便民服务点",
                                items=codes)  # fmt: skip
        door.add_staff(rt, session.actor, "7101", "石桥代办员", "agent-demo-1", ["clerk"],
                       hall_code="QS-SQ")  # fmt: skip
        window = AdminWindow(session, door.vocabularies(rt, session.actor), live_updates=False)
        window.resize(*SIZE)
        window.show()
        window.start()
        wait_for(lambda: window.pending == 0 and window.floor.floor is not None, what="console")
        cat = window.catalogue
        cat.search.setText("zjd")
        cat.run_search()
        wait_for(lambda: cat.pending == 0, what="search")
        if cat.results:
            cat.table.selectRow(0)
            cat.open_row(0)
            wait_for(lambda: cat.pending == 0 and cat.item is not None, what="item")
        settle()
        files.append(grab(window, out_dir / "50-admin-catalogue.png"))
        window.tabs.setCurrentWidget(window.staff)
        window.staff.select("7101")
        settle()
        files.append(grab(window, out_dir / "51-admin-staff.png"))
        window.tabs.setCurrentWidget(window.calendar)
        settle()
        files.append(grab(window, out_dir / "52-admin-calendar.png"))
        window.tabs.setCurrentWidget(window.settings)
        settle()
        files.append(grab(window, out_dir / "53-admin-hall-settings.png"))
        window.tabs.setCurrentWidget(window.floor)
        window.floor.select_window(1)
        settle()
        files.append(grab(window, out_dir / "54-admin-windows-queues.png"))
        window.tabs.setCurrentWidget(window.villages)
        settle()
        files.append(grab(window, out_dir / "55-admin-village-points.png"))
        window.close()
    finally:
        session.close()
        rt.dispose()
    return files
