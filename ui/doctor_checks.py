"""The checks of ``counter doctor`` that need Qt: the CJK font the screens will use
(QFontDatabase, the same list :func:`ui.app.pick_font_family` picks from) and the printers Qt
prints to (QPrinterInfo). They replace the core's ``fc-list`` / ``lpstat`` checks."""

from __future__ import annotations

import os
import sys

from counter import doctor
from counter.doctor import FAIL, OK, WARN, Check, Context


def ensure_gui_app() -> object:
    """A QGuiApplication (offscreen where there is no display), created once."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
    return app


def check_font(ctx: Context) -> Check:
    from PySide6.QtGui import QFontDatabase

    from ui.app import FONT_FAMILIES

    ensure_gui_app()
    families = set(QFontDatabase.families())
    preferred = [f for f in FONT_FAMILIES if f in families]
    make = doctor._check("font", "中文字体", "CJK font")
    if preferred:
        return make(OK, f"界面使用 {preferred[0]}", f"the screens use {preferred[0]}")
    chinese = sorted(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    if chinese:
        return make(
            WARN,
            f"有中文字体 {chinese[0]}，但不是常用的界面字体，字形可能不齐",
            f"a CJK font ({chinese[0]}) is there, but none of the usual UI fonts",
            "安装 fonts-noto-cjk（思源黑体）或使用系统自带的微软雅黑",
            "install fonts-noto-cjk (Noto Sans CJK) or use the system's Microsoft YaHei",
        )
    return make(
        FAIL,
        "没有中文字体：界面和号票上的汉字会显示成方框",
        "no CJK font: every Chinese character shows as a box",
        "安装中文字体：apt install fonts-noto-cjk（统信、麒麟自带的中文字体也可）",
        "install a CJK font: apt install fonts-noto-cjk (or the desktop's own Chinese font)",
    )


def check_printers(ctx: Context) -> Check:
    from PySide6.QtPrintSupport import QPrinterInfo

    ensure_gui_app()
    names = list(QPrinterInfo.availablePrinterNames())
    return doctor.check_printers_with(ctx, names, QPrinterInfo.defaultPrinterName() or None)


def qt_checks() -> dict[str, doctor.CheckFn]:
    return {"font": check_font, "printers": check_printers}
