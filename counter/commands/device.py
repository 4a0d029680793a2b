"""``counter device …``: serial ports, ID-card reader, barcode scanner, ticket printer.

Output is stable for scripts:

- ``device list``: one port per line, ``DEVICE<TAB>DESCRIPTION``;
- ``device read-id``: one JSON object on stdout (keys of :meth:`IdCard.to_json`), exit 0;
  exit 3 when no card came before ``--timeout``; exit 4 for a protocol, checksum or
  truncation error that the retries did not cure (and any other reader failure); a port that
  cannot be opened is exit 1 like every other error of the ``counter`` command;
- ``device scan``: each code on its own line, flushed as it arrives; connection changes go
  to stderr. Exit 0 when interrupted, when ``--count`` codes were read, or when ``--timeout``
  ends a run without ``--count``; exit 3 when ``--timeout`` passed before ``--count`` codes;
- ``device print-ticket``: to a serial printer (``--port``), a raw ESC/POS file (``--raw``)
  or a PDF (``--pdf``, needs Qt).
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import time

from counter.commands.common import at_least
from counter.documents.ticket import TicketSlip

EXIT_NO_CARD = 3
EXIT_DEVICE = 4
EXIT_TIMEOUT = 3


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "device",
        parents=[common],
        help="设备：串口、身份证阅读器、扫码枪、小票打印机 / devices",
        description="设备调试与测试 / device tools",
    )
    parser.set_defaults(func=lambda args: _help(parser))
    dsub = parser.add_subparsers(dest="device_command", metavar="DEVICE_COMMAND")

    p = dsub.add_parser("list", parents=[common], help="列出串口 / list serial ports")
    p.set_defaults(func=cmd_list)

    p = dsub.add_parser(
        "read-id",
        parents=[common],
        help="读取二代身份证 / read a second-generation ID card",
        epilog="退出码 / exit codes: 0 读卡成功 read; 3 超时无卡 no card; "
        "4 通信或协议错误 protocol error; 1 其他 other",
    )
    p.add_argument("--port", required=True, help="串口，如 /dev/ttyUSB0、COM3")
    p.add_argument("--baud", type=int, default=115200, help="波特率 (default 115200)")
    p.add_argument("--timeout", type=float, default=10.0, help="等待放卡的秒数 (default 10)")
    p.add_argument("--retries", type=int, default=2, help="损坏应答的重试次数 (default 2)")
    p.add_argument(
        "--command-timeout", type=float, default=1.0, help="单条命令等待应答的秒数 (default 1)"
    )
    p.set_defaults(func=cmd_read_id)

    p = dsub.add_parser("scan", parents=[common], help="从串口扫码枪读码 / read a serial scanner")
    p.add_argument("--port", required=True)
    p.add_argument("--baud", type=int, default=9600, help="default 9600")
    p.add_argument("--bytesize", type=int, choices=(5, 6, 7, 8), default=8)
    p.add_argument("--parity", choices=("N", "E", "O", "M", "S"), default="N")
    p.add_argument("--stopbits", type=float, choices=(1, 1.5, 2), default=1)
    p.add_argument("--terminator", choices=("cr", "lf", "crlf"), default="cr")
    p.add_argument("--prefix", default="", help="扫码枪配置的前缀 / configured prefix")
    p.add_argument("--encoding", default="utf-8", help="码文编码 (falls back to GB18030)")
    p.add_argument(
        "--count", type=at_least(0), default=0, help="读到 N 个码后退出 / stop after N codes"
    )
    p.add_argument("--timeout", type=float, default=0.0, help="最多运行秒数 / stop after S s")
    p.add_argument("--reconnect", type=float, default=1.0, help="断开后重连间隔秒数")
    p.set_defaults(func=cmd_scan)

    p = dsub.add_parser("print-ticket", parents=[common], help="打印测试号票 / print a ticket")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--port", help="串口打印机 / serial printer port")
    out.add_argument("--pdf", help="输出 PDF 文件 / write a PDF")
    out.add_argument("--raw", help="ESC/POS 字节写入文件 / write the ESC/POS bytes to a file")
    p.add_argument("--baud", type=int, default=9600)
    p.add_argument("--width", type=int, choices=(58, 80), default=80, help="纸宽 mm")
    p.add_argument("--hall", default="便民服务中心")
    p.add_argument("--number", default="A001")
    p.add_argument("--queue", default="综合窗口")
    p.add_argument("--ahead", type=int, default=0)
    p.add_argument("--wait", type=int, default=0, help="预计等候分钟数")
    p.add_argument("--barcode", default=None, help="条码内容 (default: the number)")
    p.add_argument("--footer", default="请留意叫号，过号请重新取号")
    p.set_defaults(func=cmd_print_ticket)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_list(args: argparse.Namespace) -> int:
    from serial.tools import list_ports

    ports = sorted(list_ports.comports(), key=lambda p: p.device)
    for port in ports:
        print(f"{port.device}\t{port.description}")
    if not ports:
        _err("未发现串口 / no serial ports found")
    return 0


def cmd_read_id(args: argparse.Namespace) -> int:
    from counter.devices.errors import DeviceError, NoCard, PortUnavailable
    from counter.devices.reader import ReaderSession

    session = ReaderSession.open(
        args.port,
        args.baud,
        command_timeout=args.command_timeout,
        retries=args.retries,
    )  # PortUnavailable propagates: exit 1 through counter.cli
    try:
        card = session.wait_for_card(args.timeout)
    except NoCard as exc:
        _err(f"{exc.message_zh}\n{exc.message_en}")
        return EXIT_NO_CARD
    except PortUnavailable:
        raise
    except DeviceError as exc:
        _err(f"读卡失败：{exc.message_zh}\nRead failed: {exc.message_en} [{exc.code}]")
        return EXIT_DEVICE
    finally:
        session.close()
    print(json.dumps(card.to_json(), ensure_ascii=False), flush=True)
    return 0


def _check_port_opens(port: str, baud: int) -> None:
    """Open and close ``port`` once, or raise :class:`PortUnavailable`: a port that does not
    exist (a typo, the wrong COM number) is reported at once instead of being waited for; a
    port that goes away later (a USB scanner unplugged) is still reconnected."""
    import serial

    from counter.devices.errors import port_unavailable

    try:
        serial.serial_for_url(port, baudrate=baud, timeout=0).close()
    except (serial.SerialException, OSError, ValueError) as exc:
        raise port_unavailable(port, exc) from None


def cmd_scan(args: argparse.Namespace) -> int:
    from counter.devices.scanner import (
        ScannerStatus,
        SerialScanner,
        SerialSettings,
        Terminator,
    )

    settings = SerialSettings(
        port=args.port,
        baudrate=args.baud,
        bytesize=args.bytesize,
        parity=args.parity,
        stopbits=args.stopbits,
        terminator=Terminator(args.terminator),
        prefix=args.prefix,
        encoding=args.encoding,
    )
    _check_port_opens(args.port, args.baud)
    codes: queue.Queue[str] = queue.Queue()

    def on_status(status: ScannerStatus, detail: str) -> None:
        _err(f"{status.zh} / {status.en}: {args.port}" + (f" ({detail})" if detail else ""))

    scanner = SerialScanner(
        settings, codes.put, on_status, reconnect_interval=max(0.05, args.reconnect)
    )
    deadline = time.monotonic() + args.timeout if args.timeout > 0 else None
    seen = 0
    scanner.start()
    try:
        while not args.count or seen < args.count:
            wait = 0.2 if deadline is None else min(0.2, deadline - time.monotonic())
            if wait <= 0:
                if args.count:
                    _err(f"等待扫码超时（已读 {seen}/{args.count}）/ timed out")
                    return EXIT_TIMEOUT
                return 0
            try:
                code = codes.get(timeout=wait)
            except queue.Empty:
                continue
            print(code, flush=True)
            seen += 1
    except KeyboardInterrupt:
        return 0
    finally:
        scanner.stop()
    return 0


def cmd_print_ticket(args: argparse.Namespace) -> int:
    from counter.clock import local_now
    from counter.documents.ticket import TicketSlip

    slip = TicketSlip(
        hall_name=args.hall,
        number=args.number,
        queue_name=args.queue,
        people_ahead=args.ahead,
        wait_minutes=args.wait,
        issued_at=local_now().replace(second=0, microsecond=0),
        barcode=args.barcode or args.number,
        footer=args.footer,
    )
    if args.pdf:
        return _print_pdf(slip, args.pdf, args.width)
    from counter.devices.escpos import render_ticket

    if args.raw:
        with open(args.raw, "wb") as fh:
            fh.write(render_ticket(slip, width_mm=args.width))
        return 0
    from counter.devices.printer import SerialTicketPrinter

    SerialTicketPrinter(args.port, args.baud, width_mm=args.width).print_ticket(slip)
    return 0


def _print_pdf(slip: TicketSlip, path: str, width: int) -> int:
    from counter.commands.common import Renderers

    Renderers.ticket()(slip, path, width)
    print(path, flush=True)
    return 0
