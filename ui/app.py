"""QApplication set-up (fonts, style, translations) and the entry points of the window client.

- :func:`make_app` — the one QApplication: a CJK font first (Noto Sans CJK SC, then the usual
  Windows / domestic-Linux fonts), a base size of 16 px, the calm style sheet of
  ``resources/styles/counter.qss``, and the English translation when asked for (``--lang en`` or
  an English locale); Chinese is the source language.
- :func:`run_window` — sign in, then the window client on the configured database.
- :func:`run_demo` — the same on the demo hall, with the demo sign-ins shown.

When the clock is not the wall clock (``COUNTER_CLOCK``, or the demo clock of an out-of-hours
``counter demo``: :mod:`counter.demo.clock`), the sign-in screen and the window client's status
bar say so, with the instant the clock started from: every time the client shows or prints
follows that clock.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QBoxLayout, QLabel, QMainWindow, QWidget

from ui.widgets import named

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
STYLE = RESOURCES / "styles" / "counter.qss"
TRANSLATIONS = RESOURCES / "translations"

BASE_PX = 16
FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "HarmonyOS Sans SC",
)

_translators: list[QTranslator] = []


def pick_font_family() -> str:
    """The first installed CJK family of :data:`FONT_FAMILIES` (Qt falls back per glyph)."""
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    log.warning("no CJK font found; Chinese may show as boxes (install fonts-noto-cjk)")
    return QFont().family()


def wants_english(lang: str | None = None) -> bool:
    lang = lang or os.environ.get("COUNTER_LANG") or ""
    if lang:
        return lang.lower().startswith("en")
    return QLocale.system().language() == QLocale.Language.English


def install_translation(app: QApplication, lang: str | None = None) -> bool:
    """Load ``counter_en.qm`` (and Qt's own English strings) when English is wanted."""
    from ui import widgets

    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    widgets.ENGLISH = False
    if not wants_english(lang):
        qt_zh = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_zh.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt_zh)
            _translators.append(qt_zh)
        return False
    tr = QTranslator(app)
    if not tr.load(str(TRANSLATIONS / "counter_en.qm")):
        log.warning("English translation not found in %s", TRANSLATIONS)
        return False
    app.installTranslator(tr)
    _translators.append(tr)
    widgets.ENGLISH = True
    return True


def load_style() -> str:
    try:
        return STYLE.read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet %s missing", STYLE)
        return ""


def make_app(argv: list[str] | None = None, *, lang: str | None = None) -> QApplication:
    """The QApplication, created once (an existing one — e.g. pytest-qt's — is configured)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter")
    app.setApplicationDisplayName(app.translate("app", "便民服务中心综合窗口"))
    app.setOrganizationName("counter")
    font = QFont(pick_font_family())
    font.setPixelSize(BASE_PX)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(load_style())
    install_translation(app, lang)
    return app


def clock_notice(*, short: bool = False) -> str:
    """What the screens say when the clock is not the wall clock ("" when it is); ``short``:
    only which clock it is, without why (the status bar)."""
    from counter import clock
    from counter.demo.clock import SOURCE as DEMO_SOURCE
    from counter.demo.clock import demo_notice
    from ui import widgets

    rc = clock.running_clock()
    if rc is None:
        return ""
    if rc.source == DEMO_SOURCE and not short:
        zh, en = demo_notice(rc)
    else:
        zh, en = clock.describe(rc)
    return en if widgets.ENGLISH else zh


def show_clock_notice(dialog: QWidget | None = None, client: QMainWindow | None = None) -> str:
    """Put :func:`clock_notice` on top of the sign-in ``dialog`` (an amber banner) and in the
    ``client``'s status bar and title; returns the text ("" and nothing shown on the wall
    clock)."""
    from ui.widgets import Banner

    text = clock_notice()
    if not text:
        return ""
    if dialog is not None:
        banner = Banner("warn", dialog)
        banner.show_message(text)
        lay = dialog.layout()
        if isinstance(lay, QBoxLayout):
            lay.insertWidget(0, banner)
    if client is not None:
        label = named(QLabel(clock_notice(short=True)), "clockNote")
        label.setToolTip(text)
        client.statusBar().addPermanentWidget(label)
        client.setWindowTitle(f"{client.windowTitle()} · {label.text()}")
    return text


def _station(window: int | None):  # type: ignore[no-untyped-def]
    from counter.config import StationConfig

    station = StationConfig.load()
    if window is not None:
        station.window = window
    return station


def run_window(
    url: str, window: int | None = None, *, demo: bool = False, lang: str | None = None
) -> int:
    """Open the sign-in screen, then the window client, on ``url``. Returns the exit code."""
    from counter.services.base import Runtime
    from ui.backend import Backend
    from ui.signin import SignInDialog
    from ui.window_client import WindowClient

    app = make_app(lang=lang)
    station = _station(window)
    rt = Runtime(url)
    backend = Backend(rt, station, demo=demo)
    try:
        dialog = SignInDialog(backend)
        show_clock_notice(dialog=dialog)
        if dialog.exec() != SignInDialog.DialogCode.Accepted:
            return 0
        client = WindowClient(backend)
        show_clock_notice(client=client)
        client.show_all()
        return int(app.exec())
    finally:
        backend.close()
        rt.dispose()


def run_demo(url: str, window: int = 1, *, lang: str | None = None) -> int:
    """The window client on the demo hall at ``url`` (demo sign-ins listed on the screen)."""
    return run_window(url, window=window, demo=True, lang=lang)
