"""The set-up dialog (本机设置), ``counter setup --dialog``: the hall's IT person points a PC at
the town database, tests the connection, picks this PC's job, hall and window from what the
database holds (nothing else can be chosen), and its devices.

The connection test and the save run on the worker thread (a slow network or a keyring prompt
never freezes the dialog). Save stays disabled until a test succeeded on the URL shown, so a
hall code or window number the database does not have cannot be saved. A keyring that refuses
the password is said in the banner: the config is saved, the password is not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.config import (
    JOBS,
    JOBS_WITH_WINDOW,
    StationConfig,
    default_sqlite_url,
    load_password,
    password_of,
)
from counter.station import (
    ConnectionReport,
    SaveResult,
    check_station,
    probe_database,
    safe,
    save_station,
    serial_ports,
    with_password,
)
from ui.widgets import Banner, error_text, named, set_state
from ui.worker import Worker

WEDGE = ""  # the scanner combo's value for a keyboard-wedge scanner


def system_printers() -> tuple[list[str], str]:
    """Qt's printer names and the default one ("" when there is none)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName()


class SetupDialog(QDialog):
    saved = Signal(object)  # SaveResult

    def __init__(
        self,
        config: StationConfig | None = None,
        parent: QWidget | None = None,
        *,
        ports: Sequence[tuple[str, str]] | None = None,
        printers: tuple[list[str], str] | None = None,
        probe: Callable[[str], ConnectionReport] = probe_database,
        autotest: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("本机设置 — 便民服务中心综合窗口"))
        self.config = config or StationConfig.load()
        self.worker = Worker(self)
        self._probe = probe
        self.report: ConnectionReport | None = None
        self._tested_url: str | None = None
        self.result_: SaveResult | None = None
        self.ports = list(ports) if ports is not None else serial_ports()
        self.printers, self.default_printer = (
            printers if printers is not None else system_printers()
        )

        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 24)
        outer.setSpacing(12)
        self.banner = Banner(parent=self)
        outer.addWidget(self.banner)

        # One form for the three parts, so every label lines up.
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.addRow(named(QLabel(self.tr("数据库")), "sectionTitle"))
        self.url = named(QLineEdit(), "dbUrl")
        self.url.setPlaceholderText(
            self.tr("postgresql://登录名@服务器:5432/库名；留空为本机内置数据库")
        )
        self.url.setMinimumWidth(560)
        self.password = named(QLineEdit(), "dbPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("存入系统密钥环，不写入任何文件"))
        test_row = QHBoxLayout()
        self.test_button = named(QPushButton(self.tr("测试连接")), "testButton")
        self.test_button.clicked.connect(self.test)
        self.status = named(QLabel(self.tr("尚未测试连接")), "fieldHint")
        self.status.setWordWrap(True)
        test_row.setSpacing(14)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.status, 1)
        form.addRow(self.tr("数据库地址"), self.url)
        form.addRow(self.tr("数据库密码"), self.password)
        form.addRow("", test_row)

        form.addRow(self._rule())
        form.addRow(named(QLabel(self.tr("本机")), "sectionTitle"))
        self.job = named(QComboBox(), "job")
        for key, (zh, _en) in JOBS.items():
            self.job.addItem(self.tr(zh), key)
        self.hall = named(QComboBox(), "hall")
        self.window_box = named(QComboBox(), "window")
        form.addRow(self.tr("岗位"), self.job)
        form.addRow(self.tr("大厅"), self.hall)
        form.addRow(self.tr("窗口"), self.window_box)

        form.addRow(self._rule())
        form.addRow(named(QLabel(self.tr("设备")), "sectionTitle"))
        self.idcard = named(QComboBox(), "idcardPort")
        self.idcard.setEditable(True)
        self.scanner = named(QComboBox(), "scannerPort")
        self.scanner.setEditable(True)
        self.prefix = named(QLineEdit(), "scannerPrefix")
        self.prefix.setMaxLength(4)
        self.prefix.setPlaceholderText(self.tr("键盘模式扫码枪配置的前缀字符（可不填）"))
        self.ticket = named(QComboBox(), "ticketPrinter")
        self.a4 = named(QComboBox(), "a4Printer")
        form.addRow(self.tr("身份证阅读器"), self.idcard)
        form.addRow(self.tr("扫码枪"), self.scanner)
        form.addRow(self.tr("扫码前缀"), self.prefix)
        form.addRow(self.tr("号票打印机"), self.ticket)
        form.addRow(self.tr("A4 文书打印机"), self.a4)
        outer.addLayout(form)
        outer.addStretch(1)

        buttons = QHBoxLayout()
        self.hint = named(QLabel(""), "muted")
        buttons.addWidget(self.hint, 1)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = named(QPushButton(self.tr("保存")), "primary")
        self.save_button.setMinimumWidth(140)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        self._fill_devices()
        self._load()
        self.url.textEdited.connect(self._invalidate)
        self.password.textEdited.connect(self._invalidate)
        self.job.currentIndexChanged.connect(self._job_changed)
        self.hall.currentIndexChanged.connect(self._hall_changed)
        self.window_box.currentIndexChanged.connect(self._update_save)
        self.worker.busy_changed.connect(self._busy)
        self._job_changed()
        self._update_save()
        self.resize(900, 720)
        if autotest:
            self.test()

    # -- building ---------------------------------------------------------------------------

    @staticmethod
    def _rule() -> QFrame:
        line = named(QFrame(), "sep")
        line.setFrameShape(QFrame.Shape.HLine)
        return line

    def _fill_devices(self) -> None:
        self.idcard.addItem(self.tr("无"), "")
        self.scanner.addItem(self.tr("键盘模式（USB 键盘式扫码枪）"), WEDGE)
        self.ticket.addItem(self.tr("无"), "")
        self.a4.addItem(
            self.tr("系统默认打印机（%1）").replace(
                "%1", self.default_printer or self.tr("未设置")
            ),
            "",
        )
        for device, description in self.ports:
            label = f"{device}  {description}".strip()
            self.idcard.addItem(label, device)
            self.scanner.addItem(label, device)
            self.ticket.addItem(
                self.tr("串口 ESC/POS：%1").replace("%1", label), f"escpos:{device}"
            )
        for name in self.printers:
            self.ticket.addItem(self.tr("系统打印机：%1").replace("%1", name), f"qt:{name}")
            self.a4.addItem(name, name)

    @staticmethod
    def _select(combo: QComboBox, value: str | None, *, add: bool = True) -> None:
        value = value or ""
        index = combo.findData(value)
        if index < 0 and value and add:
            combo.addItem(value, value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def _load(self) -> None:
        cfg = self.config
        self.url.setText(cfg.database_url or "")
        self._select(self.job, cfg.job or "window", add=False)
        self._select(self.idcard, cfg.idcard_port)
        self._select(self.scanner, cfg.scanner_port)
        self.prefix.setText(cfg.scanner_prefix)
        self._select(self.ticket, cfg.ticket_printer)
        self._select(self.a4, cfg.printer)

    # -- state ------------------------------------------------------------------------------

    def current_url(self) -> str:
        return self.url.text().strip()

    def _connect_url(self) -> str:
        url = self.current_url() or default_sqlite_url()
        if url.startswith("sqlite"):
            return url
        password = self.password.text() or password_of(url) or load_password(url)
        return with_password(url, password)

    def _invalidate(self, *_: object) -> None:
        if self._tested_url is not None and self._tested_url != self.current_url():
            self._tested_url = None
            self._status(self.tr("地址已改动，请重新测试连接"), "warn")
        self._update_save()

    def _status(self, text: str, state: str) -> None:
        self.status.setText(text)
        set_state(self.status, "state", state)

    def _busy(self, key: str, busy: bool) -> None:
        if key == "probe":
            self.test_button.setEnabled(not busy)
            self.test_button.setText(self.tr("正在连接…") if busy else self.tr("测试连接"))
        if key == "save":
            self.save_button.setEnabled(not busy)
        self._update_save()

    def _update_save(self) -> None:
        ready = (
            self.report is not None
            and self.report.schema_ok
            and self._tested_url == self.current_url()
            and self.hall.currentData() is not None
            and (self.job.currentData() not in JOBS_WITH_WINDOW or self.window_box.currentData())
            and not self.worker.busy("save")
        )
        self.save_button.setEnabled(bool(ready))
        if self.report is None or self._tested_url != self.current_url():
            self.hint.setText(self.tr("先测试连接：大厅和窗口取自数据库"))
        elif self.job.currentData() in JOBS_WITH_WINDOW and not self.window_box.currentData():
            self.hint.setText(self.tr("此岗位需要选择窗口"))
        else:
            self.hint.setText("")

    def _job_changed(self, *_: object) -> None:
        at_window = self.job.currentData() in JOBS_WITH_WINDOW
        self.window_box.setEnabled(at_window)
        if not at_window:
            self.window_box.setCurrentIndex(0)  # a kiosk, display or manager PC is at no window
        elif self.window_box.currentIndex() <= 0 and self.config.window:
            self.window_box.setCurrentIndex(max(self.window_box.findData(self.config.window), 0))
        self._update_save()

    def _hall_changed(self, *_: object) -> None:
        self.window_box.clear()
        self.window_box.addItem(self.tr("（不在窗口）"), None)
        hall = self.report.hall(self.hall.currentData()) if self.report else None
        for w in hall.windows if hall else ():
            self.window_box.addItem(f"{w.number}  {w.name}", w.number)
        want = self.config.window if hall and hall.code == self.config.hall else None
        index = self.window_box.findData(want) if want else -1
        if index < 0 and self.window_box.count() == 2:
            index = 1
        self.window_box.setCurrentIndex(max(index, 0))
        self._job_changed()

    # -- actions ----------------------------------------------------------------------------

    def test(self) -> None:
        url = self.current_url()
        self._status(self.tr("正在连接 %1 …").replace("%1", safe(url or default_sqlite_url())), "")
        target = self._connect_url()
        self.worker.submit(
            "probe",
            lambda: self._probe(target),
            on_done=lambda report: self._tested(url, report),
            on_error=self._probe_failed,
            exclusive=True,
        )

    def _tested(self, url: str, report: ConnectionReport) -> None:
        self.report = report
        self._tested_url = url
        who = self.tr("，登录名 %1").replace("%1", report.user) if report.user else ""
        text = (
            self.tr("已连接：%1%2，往返 %3 ms")
            .replace("%1", report.server_version)
            .replace("%2", who)
            .replace("%3", f"{report.rtt_ms:.2f}")
        )
        if not report.schema_ok:
            self._status(
                text
                + self.tr("；但数据库版本不是最新（%1），请先运行 counter db upgrade").replace(
                    "%1", report.revision or self.tr("空库")
                ),
                "error",
            )
        elif not report.halls:
            self._status(text + self.tr("；数据库里还没有大厅"), "error")
        else:
            self._status(text + self.tr("；数据库版本最新"), "ok")
        self.hall.blockSignals(True)
        self.hall.clear()
        for h in report.halls:
            self.hall.addItem(f"{h.code}  {h.name}", h.code)
        index = self.hall.findData(self.config.hall) if self.config.hall else -1
        self.hall.setCurrentIndex(max(index, 0) if report.halls else -1)
        self.hall.blockSignals(False)
        self._hall_changed()

    def _probe_failed(self, exc: object) -> None:
        self.report = None
        self._tested_url = None
        self._status(error_text(exc), "error")
        self.hall.clear()
        self.window_box.clear()
        self._update_save()

    def _device_config(self) -> StationConfig:
        cfg = self.config
        cfg.idcard_port = self._value(self.idcard) or None
        cfg.scanner_port = self._value(self.scanner) or None
        cfg.scanner_prefix = self.prefix.text()
        cfg.ticket_printer = self.ticket.currentData() or None
        cfg.printer = self.a4.currentData() or None
        return cfg

    @staticmethod
    def _value(combo: QComboBox) -> str:
        """The chosen port, or what was typed into an editable combo."""
        text = combo.currentText().strip()
        data = combo.currentData()
        if data is not None and combo.itemText(combo.currentIndex()) == combo.currentText():
            return str(data)
        return text.split()[0] if text else ""

    def save(self) -> None:
        if self.report is None:
            return
        try:
            window = self.window_box.currentData() if self.window_box.isEnabled() else None
            choice = check_station(
                self.report, self.job.currentData(), self.hall.currentData(), window
            )
        except Exception as exc:  # noqa: BLE001 - said in the banner, never a traceback
            self.banner.show_message(error_text(exc), "error")
            return
        cfg = self._device_config()
        url = self.current_url()
        password = self.password.text() or None
        self.worker.submit(
            "save",
            lambda: save_station(cfg, url=url, password=password, choice=choice),
            on_done=self._saved,
            on_error=lambda exc: self.banner.show_message(error_text(exc), "error"),
            exclusive=True,
        )

    def _saved(self, result: SaveResult) -> None:
        self.result_ = result
        self.password.clear()
        self.saved.emit(result)
        if result.keyring_error is not None:
            self.banner.show_message(
                self.tr("配置已保存，但数据库密码没有保存：") + error_text(result.keyring_error),
                "error",
            )
            self.cancel_button.setText(self.tr("关闭"))
            return
        self.accept()

    def done(self, r: int) -> None:  # also on reject / close
        self.worker.close(2000)
        super().done(r)


def run_setup_dialog(lang: str | None = None) -> int:
    """``counter setup --dialog``: 0 when saved (password stored or not needed), 2 when the
    config was saved without its password, 1 when cancelled."""
    from ui.app import make_app

    make_app(lang=lang)
    dialog = SetupDialog()
    code = dialog.exec()
    result: Any = dialog.result_
    if result is None:
        return 1 if code != QDialog.DialogCode.Accepted else 0
    return 2 if result.keyring_error is not None else 0
