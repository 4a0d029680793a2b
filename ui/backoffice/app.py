"""``counter backoffice``: sign in (reviewer, seal keeper or manager), then the back office."""

from __future__ import annotations


def run_backoffice(url: str, *, lang: str | None = None, demo: bool | None = None) -> int:
    """Open the sign-in, then the back-office window, on ``url``. Returns the exit code."""
    from counter.services.base import Runtime
    from ui.app import make_app
    from ui.backoffice.session import BackofficeSession
    from ui.backoffice.window import BackofficeWindow
    from ui.signin import SignInDialog

    app = make_app(lang=lang)
    rt = Runtime(url)
    if demo is None:
        from counter.backoffice import hall_is_demo

        demo = hall_is_demo(rt)
    session = BackofficeSession(rt, demo=bool(demo))
    try:
        dialog = SignInDialog(session)
        dialog.setWindowTitle(dialog.tr("登录 — 后台审批"))
        if dialog.exec() != SignInDialog.DialogCode.Accepted:
            return 0
        window = BackofficeWindow(session)
        window.resize(1600, 960)
        window.show()
        window.start()
        return int(app.exec())
    finally:
        session.close()
        rt.dispose()
