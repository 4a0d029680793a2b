"""Sign-in: the window number comes from the PC's config; demo sign-ins only in demo mode;
wrong passwords and lockouts are told in Chinese, under the form."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter.config import StationConfig
from counter.services.base import Runtime
from ui.backend import Backend
from ui.signin import SignInForm

WAIT = 15000


def _form(qtbot, url, *, demo: bool, window: int | None = 3):
    rt = Runtime(url)
    backend = Backend(rt, StationConfig(window=window), demo=demo)
    form = SignInForm(backend)
    qtbot.addWidget(form)
    return rt, backend, form


def _submit(qtbot, form, staff_no: str, password: str) -> None:
    form.staff_no.setText(staff_no)
    form.password.setText(password)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.backend.worker.in_flight == 0, timeout=WAIT)


def test_demo_sign_ins_only_in_demo_mode(qtbot, hall_url):
    rt, backend, form = _form(qtbot, hall_url, demo=True)
    try:
        assert form.demo_table.rowCount() >= 14
        assert form.window_label.text() == "3号窗口"
        form.demo_table.cellDoubleClicked.emit(0, 0)
        assert form.staff_no.text() == "1001" and form.password.text()
        with qtbot.waitSignal(form.signed_in, timeout=WAIT) as blocker:
            form.submit()
        assert blocker.args[0].window == 3
        assert backend.the_desk().actor.window_id is not None
    finally:
        backend.close()
        rt.dispose()
    rt, backend, form = _form(qtbot, hall_url, demo=False)
    try:
        assert not hasattr(form, "demo_table")
    finally:
        backend.close()
        rt.dispose()


def test_wrong_password_then_lockout_in_chinese(qtbot, hall_url):
    rt, backend, form = _form(qtbot, hall_url, demo=False)
    try:
        _submit(qtbot, form, "1002", "wrong-password")
        assert form.message.text() == "工号或密码错误"
        assert form.password.text() == ""
        assert form.button.isEnabled()
        for _ in range(10):
            _submit(qtbot, form, "1002", "wrong-password")
            if "锁定" in form.message.text():
                break
        assert "账号已锁定" in form.message.text()
        _submit(qtbot, form, "1002", "demo1234")  # even the right password, while locked
        assert "账号已锁定" in form.message.text()
        assert not backend.signed_in
    finally:
        backend.close()
        rt.dispose()


def test_empty_fields_are_asked_for(qtbot, hall_url):
    rt, backend, form = _form(qtbot, hall_url, demo=False, window=None)
    try:
        assert "未配置窗口" in form.window_label.text()
        form.submit()
        assert form.message.text() == "请输入工号"
        form.staff_no.setText("1001")
        form.submit()
        assert form.message.text() == "请输入密码"
        assert backend.worker.in_flight == 0
    finally:
        backend.close()
        rt.dispose()


def test_english_translation_loads(qtbot, hall_url):
    from PySide6.QtWidgets import QApplication

    from ui import widgets
    from ui.app import install_translation

    app = QApplication.instance()
    try:
        assert install_translation(app, "en")
        rt, backend, form = _form(qtbot, hall_url, demo=False)
        try:
            assert form.button.text() == "Sign in"
            assert form.window_label.text() == "Window 3"
            _submit(qtbot, form, "1002", "wrong-password")
            assert form.message.text() == "Wrong staff number or password"
        finally:
            backend.close()
            rt.dispose()
    finally:
        install_translation(app, "zh")
        assert not widgets.ENGLISH
