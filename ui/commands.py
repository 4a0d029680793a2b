"""Commands of the UI: ``counter window`` and ``counter screenshot``.

Qt is imported inside the handlers, so ``counter --help`` stays fast and works without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "window", parents=[common], help="打开综合窗口客户端 / open the window client"
    )
    p.add_argument("--window", type=int, default=None, help="窗口号（默认取本机配置）")
    p.add_argument("--lang", default=None, help="界面语言 zh 或 en（默认跟随系统）")
    p.set_defaults(func=_window)

    s = sub.add_parser(
        "screenshot",
        parents=[common],
        help="把每个界面渲染为 1920×1080 PNG / render every screen to PNG files",
    )
    s.add_argument("out_dir", metavar="OUT_DIR", help="输出目录")
    s.add_argument("--lang", default=None, help="界面语言 zh 或 en")
    s.set_defaults(func=_screenshot)


def _window(args: argparse.Namespace) -> int:
    from counter.bootstrap import database_url, runtime

    rt = runtime(args)  # checks the schema and says which command fixes it
    rt.dispose()
    from ui.app import run_window

    return run_window(database_url(args), window=args.window, lang=args.lang)


def _screenshot(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import make_app
    from ui.screenshots import take_screenshots

    make_app(lang=args.lang)
    url = getattr(args, "db", None)
    files = take_screenshots(Path(args.out_dir), url)
    for f in files:
        print(f)
    print(f"{len(files)} 张截图 / screenshots written to {args.out_dir}", file=sys.stderr)
    return 0
