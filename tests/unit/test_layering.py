"""The dependency rule of ARCHITECTURE.md: ui → counter → db. The core never imports Qt or the
UI — not at the top of a file, not inside a function, not through importlib, ``__import__`` or
``find_spec``; the UI never imports SQLAlchemy or the db package (it reaches data through
counter's doors). The checker is tested on snippets that break the rule, so it can fail."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_DYNAMIC = {"import_module", "__import__", "find_spec", "import_string"}


def imported(source: str) -> set[str]:
    """Every top-level package ``source`` imports or names to a dynamic import."""
    tree = ast.parse(source)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in _DYNAMIC:
                for arg in node.args[:1]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        names.add(arg.value.split(".")[0])
                    else:
                        names.add("<dynamic>")  # a computed module name: refused in the core
    return names


def _offenders(folder: str, banned: set[str]) -> list[str]:
    return sorted(
        f"{p.relative_to(ROOT)}: {', '.join(sorted(banned & imported(p.read_text('utf-8'))))}"
        for p in (ROOT / folder).rglob("*.py")
        if banned & imported(p.read_text("utf-8"))
    )


def test_core_imports_neither_qt_nor_the_ui() -> None:
    assert _offenders("counter", {"PySide6", "ui", "<dynamic>"}) == []


def test_db_does_not_import_core_or_qt() -> None:
    assert _offenders("db", {"PySide6", "counter", "ui"}) == []


def test_ui_does_not_import_sqlalchemy_or_db() -> None:
    assert _offenders("ui", {"sqlalchemy", "db"}) == []


def test_the_checker_sees_every_way_in() -> None:
    assert imported("import ui.app") == {"ui"}
    assert imported("def f():\n    from ui.docrender import render_pdf\n") == {"ui"}
    assert "ui" in imported("import importlib\nimportlib.import_module('ui.app')")
    assert "ui" in imported("__import__('ui')")
    assert "ui" in imported("import importlib.util\nimportlib.util.find_spec('ui.app')")
    assert "<dynamic>" in imported("import importlib\nname='ui'\nimportlib.import_module(name)")
    assert "PySide6" in imported("from PySide6.QtCore import QObject")
