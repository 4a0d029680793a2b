"""The product's shortcuts, one per job of a hall PC, and the set-up dialog: the one table the
Debian package's desktop entries and the Windows installer's Start-menu shortcuts follow
(tests/e2e/test_installers.py checks installers/windows/counter.iss against it).

    python3 installers/shortcuts.py desktop DIR   # write DIR/counter-<job>.desktop

Runs with any Python 3 (no dependencies): the .deb is built from it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple


class Shortcut(NamedTuple):
    key: str
    name_zh: str
    name_en: str
    comment_zh: str
    comment_en: str
    args: str  # the counter command it runs
    categories: str


SHORTCUTS = (
    Shortcut("window", "窗口", "Window client", "综合窗口：叫号、受理、出件",
             "Integrated window: call, accept, hand out", "window", "Office;"),
    Shortcut("kiosk", "取号机", "Ticket kiosk", "取号机：选择业务、刷身份证取号、预约签到",
             "Kiosk: take a ticket, swipe the ID card, check in", "kiosk", "Office;"),
    Shortcut("display", "叫号屏", "Hall display", "大厅叫号屏", "The hall's calling display",
             "display", "Office;"),
    Shortcut("window-display", "窗口屏", "Window display", "窗口上方的显示屏",
             "The display above a window", "window-display", "Office;"),
    Shortcut("backoffice", "后台", "Back office", "后台审核、审批、用印",
             "Back office: review, approval, seal", "backoffice", "Office;"),
    Shortcut("manager", "管理", "Hall manager", "大厅管理：实时情况与统计报表",
             "The hall manager: live hall and reports", "manager", "Office;"),
    Shortcut("setup", "本机设置", "Set up this PC", "数据库、岗位、大厅、窗口与设备",
             "Database, job, hall, window and devices", "setup --dialog", "Settings;"),
)  # fmt: skip

APP_ZH = "便民服务中心"
APP_EN = "Service hall"


def desktop_entry(s: Shortcut, command: str = "counter") -> str:
    """A freedesktop.org desktop entry (UOS, Kylin, GNOME, KDE menus) for ``s``."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            f"Name={s.name_zh}",
            f"Name[zh_CN]={s.name_zh}",
            f"Name[en]={APP_EN}: {s.name_en}",
            f"GenericName={APP_ZH}{s.name_zh}",
            f"GenericName[en]={APP_EN} {s.name_en.lower()}",
            f"Comment={s.comment_zh}",
            f"Comment[en]={s.comment_en}",
            f"Exec={command} {s.args}",
            "Icon=counter",
            "Terminal=false",
            f"Categories={s.categories}",
            f"Keywords=便民服务中心;综合窗口;counter;{s.key};",
            "StartupNotify=true",
            "",
        ]
    )


def write_desktop_entries(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for s in SHORTCUTS:
        path = folder / f"counter-{s.key}.desktop"
        path.write_text(desktop_entry(s), encoding="utf-8")
        out.append(path)
    return out


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "desktop":
        for path in write_desktop_entries(Path(argv[1])):
            print(path)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
