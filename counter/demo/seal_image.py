"""A specimen seal (样章) drawn with Pillow for the demo hall: a red round seal with the
organisation's name along the rim, a five-pointed star, the purpose (行政审批专用章 / 受理专用章)
across, and 样章 written large over it, so a print can never be taken for a real document.

Nothing copyrighted: every stroke is drawn here from the seal's name. The PNG has a
transparent background, so the date under it shows through as under real seal ink.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from counter.errors import ConfigError

__all__ = ["cjk_font_path", "specimen_seal_png", "split_seal_name"]

RED = (214, 0, 15, 235)
_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyhbd.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)


@lru_cache(maxsize=1)
def cjk_font_path() -> str:
    """A bold CJK font file on this machine (fontconfig first, then the usual places)."""
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(
                ["fc-match", "-f", "%{file}", ":lang=zh-cn:weight=bold"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        candidates: tuple[str, ...] = _FONT_CANDIDATES
        if out and Path(out).exists() and out.lower().endswith((".ttc", ".ttf", ".otf")):
            candidates = (*_FONT_CANDIDATES, out)
    else:
        candidates = _FONT_CANDIDATES
    for path in candidates:
        if Path(path).exists():
            return path
    raise ConfigError(what="找不到中文字体，无法生成样章（请安装 fonts-noto-cjk）")


def split_seal_name(name: str) -> tuple[str, str]:
    """(text around the rim, text across under the star): ``青山镇人民政府`` /
    ``行政审批专用章``."""
    if name.endswith("专用章") and len(name) > 3:
        for org in ("人民政府", "便民服务中心", "委员会", "办公室", "政府", "中心", "局"):
            i = name.rfind(org, 0, len(name) - 3)
            if i >= 0 and i + len(org) < len(name):
                return name[: i + len(org)], name[i + len(org) :]
    return name, ""


def _glyph(ch: str, font: ImageFont.FreeTypeFont, color: tuple[int, int, int, int]) -> Image.Image:
    box = font.getbbox(ch)
    w, h = max(1, int(box[2] - box[0])), max(1, int(box[3] - box[1]))
    img = Image.new("RGBA", (w + 4, h + 4), (0, 0, 0, 0))
    ImageDraw.Draw(img).text((2 - box[0], 2 - box[1]), ch, font=font, fill=color)
    return img


def specimen_seal_png(name: str, *, size: int = 640, specimen: bool = True) -> bytes:
    """The PNG (``size`` × ``size`` px, transparent) of a round seal named ``name``; with
    ``specimen`` it says 样章 across it."""
    rim, across = split_seal_name(name)
    font_path = cjk_font_path()
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = size / 2
    ring = size * 0.035
    r = size / 2 - ring / 2 - 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=RED, width=round(ring))
    # the star
    star_r = size * 0.15
    pts = []
    for k in range(10):
        rr = star_r if k % 2 == 0 else star_r * 0.382
        a = math.radians(-90 + k * 36)
        pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    d.polygon(pts, fill=RED)
    # the name along the top arc, each character upright towards the rim
    if rim:
        font = ImageFont.truetype(font_path, round(size * 0.125))
        span = min(250.0, 30.0 * (len(rim) - 1)) if len(rim) > 1 else 0.0
        step = span / (len(rim) - 1) if len(rim) > 1 else 0.0
        radius = r - ring - size * 0.085
        for i, ch in enumerate(rim):
            angle = -span / 2 + i * step  # degrees from the top, clockwise
            g = _glyph(ch, font, RED).rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True)
            a = math.radians(angle - 90)
            x, y = c + radius * math.cos(a), c + radius * math.sin(a)
            img.alpha_composite(g, (round(x - g.width / 2), round(y - g.height / 2)))
    if across:
        font = ImageFont.truetype(font_path, round(size * 0.085))
        w = d.textlength(across, font=font)
        limit = size * 0.62
        if w > limit:
            font = ImageFont.truetype(font_path, max(8, round(size * 0.085 * limit / w)))
            w = d.textlength(across, font=font)
        d.text((c - w / 2, c + size * 0.2), across, font=font, fill=RED)
    if specimen:
        mark = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        md = ImageDraw.Draw(mark)
        font = ImageFont.truetype(font_path, round(size * 0.26))
        w = md.textlength("样章", font=font)
        md.text((c - w / 2, c - size * 0.2), "样章", font=font, fill=(214, 0, 15, 120))
        small = ImageFont.truetype(font_path, round(size * 0.06))
        sw = md.textlength("SPECIMEN 仅供演示", font=small)
        md.text(
            (c - sw / 2, c + size * 0.1), "SPECIMEN 仅供演示", font=small, fill=(214, 0, 15, 150)
        )
        img.alpha_composite(mark.rotate(-18, resample=Image.Resampling.BICUBIC))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
