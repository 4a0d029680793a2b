"""The installers: the PyInstaller bundle runs ``counter --version`` and ``counter doctor``
offscreen and holds no test package; the .deb installs the bundle to /opt with ``counter`` on
the path, a desktop entry per job and its system dependencies (unpacked here with dpkg-deb -x
and run from there); the Windows installer script has the same shortcuts as the .deb.

Building the bundle takes a minute or two (its own venv the first time), so the two build
tests are marked slow; they run in the suite all the same.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from counter import __version__

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers"))
from shortcuts import SHORTCUTS, desktop_entry  # noqa: E402

BUNDLE = ROOT / "dist" / "counter"
DEB = ROOT / "dist" / f"counter-client_{__version__}_amd64.deb"


def test_windows_installer_has_the_same_shortcuts() -> None:
    iss = (ROOT / "installers" / "windows" / "counter.iss").read_text(encoding="utf-8")
    icons = dict(
        re.findall(r'^Name: "\{group\}\\([^"]+)"; Filename: "\{app\}\\counterw\.exe"; '
                   r'Parameters: "([^"]+)"', iss, re.M)
    )  # fmt: skip
    assert icons == {s.name_zh: s.args for s in SHORTCUTS}
    assert "ChangesEnvironment=yes" in iss and "NeedsAddPath" in iss
    assert 'Name: "chs"' in iss and iss.index('Name: "chs"') < iss.index('Name: "en"')
    readme = (ROOT / "installers" / "windows" / "README.md").read_text(encoding="utf-8")
    assert "ISCC.exe" in readme and "build-bundle.sh" in readme
    assert (ROOT / "installers" / "windows" / "counter.ico").stat().st_size > 1000


def test_a_desktop_entry_per_job(tmp_path: Path) -> None:
    jobs = {"window", "kiosk", "display", "window-display", "backoffice", "manager"}
    assert jobs <= {s.key for s in SHORTCUTS}
    for s in SHORTCUTS:
        text = desktop_entry(s)
        assert f"\nExec=counter {s.args}\n" in text and f"\nName={s.name_zh}\n" in text
        (tmp_path / f"counter-{s.key}.desktop").write_text(text, encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(
            ["desktop-file-validate", *map(str, tmp_path.glob("*.desktop"))],
            capture_output=True, text=True,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", COUNTER_HOME=str(home), HOME=str(home))
    env.pop("COUNTER_DATABASE_URL", None)
    return env


def _run_installed(exe: Path, home: Path) -> None:
    env = _env(home)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe), *args], capture_output=True, text=True, env=env, timeout=300
        )

    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"counter {__version__}"
    db = f"sqlite:///{home / 'demo.sqlite3'}"
    seeded = run("demo", "--seed-only", "--db", db)  # migrations and catalogue are bundled
    assert seeded.returncode == 0, seeded.stderr
    setup = run("setup", "--db", db, "--job", "window", "--hall", "QS", "--window", "1")
    assert setup.returncode == 0, setup.stderr
    doctor = run("doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "[通过 OK] 中文字体" in doctor.stdout  # Qt in the bundle finds the system's CJK font
    assert "[通过 OK] 数据库连接" in doctor.stdout and "0 失败" in doctor.stdout
    down = run("doctor", "--db", "postgresql://kiosk1@127.0.0.1:1/town")  # psycopg bundled
    assert down.returncode == 1 and "无法连接数据库" in down.stdout


@pytest.fixture(scope="module")
def bundle() -> Path:
    proc = subprocess.run(
        ["bash", str(ROOT / "installers" / "build-bundle.sh")],
        capture_output=True, text=True, timeout=1800, cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return BUNDLE


@pytest.mark.slow
def test_bundle_runs_version_and_doctor_and_holds_no_test_package(
    bundle: Path, tmp_path: Path
) -> None:
    internal = bundle / "_internal"
    names = {p.name.lower() for p in internal.iterdir()}
    for banned in ("keyrings", "pytest", "_pytest", "pytestqt", "hypothesis"):
        assert banned not in names, banned
    assert not any(n.startswith("keyrings.alt") for n in names)
    qt = {p.name for p in (internal / "PySide6" / "Qt" / "lib").iterdir()}
    assert not any("WebEngine" in n for n in qt)
    assert not any(p.name.startswith("libfontconfig") for p in internal.iterdir())
    assert (internal / "db" / "migrations" / "versions").is_dir()
    _run_installed(bundle / "counter", tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="not a Debian system")
def test_deb_installs_to_opt_with_entries_and_dependencies(bundle: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        ["bash", str(ROOT / "installers" / "build-deb.sh")],
        capture_output=True, text=True, timeout=1800, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "--field", str(DEB), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == "counter-client" and field("Architecture") == "amd64"
    depends = field("Depends")
    for lib in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0",
                "libfontconfig1", "libegl1", "libdbus-1-3", "libcups2"):  # fmt: skip
        assert lib in depends, lib
    assert "fonts-noto-cjk | " in depends and re.search(r"libc6 \(>= 2\.\d+\)", depends)

    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(DEB), str(root)], check=True)
    assert os.readlink(root / "usr" / "bin" / "counter") == "/opt/counter/counter"
    entries = sorted(p.name for p in (root / "usr" / "share" / "applications").iterdir())
    assert entries == sorted(f"counter-{s.key}.desktop" for s in SHORTCUTS)
    for s in SHORTCUTS:
        text = (root / "usr/share/applications" / f"counter-{s.key}.desktop").read_text("utf-8")
        assert f"Exec=counter {s.args}" in text and "Icon=counter" in text
    assert (root / "usr/share/icons/hicolor/scalable/apps/counter.svg").exists()
    home = tmp_path / "home"
    home.mkdir()
    _run_installed(root / "opt" / "counter" / "counter", home)
