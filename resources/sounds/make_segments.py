"""Make the recorded segments of the spoken calls (resources/sounds/zh/*.wav), offline.

Run once by a developer when the segment list changes (``python resources/sounds/make_segments.py``);
the WAV files are committed, so a hall PC needs nothing of this. Speech comes from espeak-ng's
Mandarin voices (``apt-get install espeak-ng sox``): a formant synthesiser, clear but mechanical.
A hall that wants a human voice records the same file names (16-bit mono WAV, one sample rate
for all) and drops them in place. The chime is synthesised here: two bell-like tones
(E6 then C6) with a soft decay.
"""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "zh"
RATE = 22050
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from counter.domain.voice import CHIME, SEGMENTS  # noqa: E402

WORDS = {
    "qing": "请",
    "hao": "号",
    "dao": "到",
    "chuangkou": "窗口",
    "banli": "办理",
    "shi": "十",
    "bai": "百",
    **{f"digit_{i}": d for i, d in enumerate("零一二三四五六七八九")},
    **{f"letter_{c.lower()}": c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
}


def chime(path: Path) -> None:
    frames = bytearray()
    for freq, start, length in ((1318.5, 0.0, 0.9), (1046.5, 0.45, 1.1)):
        begin = int(start * RATE)
        need = begin + int(length * RATE)
        while len(frames) < need * 2:
            frames += b"\x00\x00"
        for i in range(int(length * RATE)):
            t = i / RATE
            env = math.exp(-4.0 * t) * min(1.0, t / 0.005)
            v = env * (
                0.6 * math.sin(2 * math.pi * freq * t) + 0.2 * math.sin(4 * math.pi * freq * t)
            )
            old = struct.unpack_from("<h", frames, (begin + i) * 2)[0]
            struct.pack_into(
                "<h", frames, (begin + i) * 2, max(-32767, min(32767, old + int(v * 12000)))
            )
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))


def speak(text: str, path: Path, voice: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(raw), text], check=True)
        subprocess.run(
            [
                "sox",
                str(raw),
                "-r",
                str(RATE),
                "-c",
                "1",
                "-b",
                "16",
                str(path),
                "silence",
                "1",
                "0.01",
                "0.5%",
                "reverse",
                "silence",
                "1",
                "0.01",
                "0.5%",
                "reverse",
                "norm",
                "-3",
            ],
            check=True,
        )


def main() -> int:
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        print("needs espeak-ng and sox (apt-get install espeak-ng sox)", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SEGMENTS:
        path = OUT / f"{name}.wav"
        if name == CHIME:
            chime(path)
        else:
            # Letters as their English names ("ei", "bi"); the words in Mandarin, where the
            # pinyin voice gets the third tone right (the plain one spells some syllables out).
            speak(WORDS[name], path, "cmn" if name.startswith("letter_") else "cmn-latn-pinyin")
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
