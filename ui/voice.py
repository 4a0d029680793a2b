"""Spoken calls on the display PC (语音叫号), offline only.

:class:`CallVoice` keeps a queue of calls and says them one after the other, never over each
other: for each call a chime, then the call ``repeat`` times with a short pause between. A
recall is a new call (the same words again); a call already waiting in the queue is not queued a
second time.

What actually makes the sound is a :class:`VoiceBackend`:

- :class:`TtsBackend` — Qt's text-to-speech (QtTextToSpeech) with an installed engine that has
  a Chinese voice (speech-dispatcher with a Mandarin voice, SAPI on Windows …);
- :class:`SegmentBackend` — the recorded segments shipped in ``resources/sounds/zh`` (one WAV
  per word, letter and digit, see :mod:`counter.domain.voice`), joined into one stream and
  played through Qt Multimedia (QAudioSink);
- :class:`SilentBackend` — no audio output on this PC (or the hall turned the voice off): each
  step takes as long as it would have, so the queue and the screen behave the same.

``auto`` takes the first of these that this PC can use. Never an online service.
"""

from __future__ import annotations

import logging
import wave
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QObject, QTimer, Signal

from counter.domain.screens import VoiceSettings
from counter.domain.voice import CHIME, SEGMENTS, Announcement

log = logging.getLogger(__name__)

SOUNDS = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "zh"
WORD_GAP_MS = 40  # silence between two segments
REPEAT_GAP_MS = 700  # between two sayings of one call
CALL_GAP_MS = 500  # between two calls


@dataclass(frozen=True)
class Step:
    """One thing to play: the chime, a saying of a call, or a pause."""

    kind: str  # "chime" | "say" | "pause"
    call: Announcement | None = None
    ms: int = 0


class VoiceBackend(QObject):
    """Plays one step at a time and emits ``finished`` when it is over."""

    finished = Signal()
    name = "base"

    def play(self, step: Step) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_volume(self, volume: int) -> None:
        del volume

    def stop(self) -> None:
        pass


# --------------------------------------------------------------------------------------------
# Recorded segments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pcm:
    """Raw PCM audio: 16-bit signed mono at ``rate`` Hz."""

    rate: int
    data: bytes

    @property
    def ms(self) -> int:
        return len(self.data) * 1000 // (2 * self.rate)


def load_segments(folder: Path = SOUNDS) -> dict[str, Pcm]:
    """Every segment WAV of ``folder`` (16-bit mono, one rate for all), by name."""
    out: dict[str, Pcm] = {}
    for name in SEGMENTS:
        path = folder / f"{name}.wav"
        try:
            with wave.open(str(path), "rb") as w:
                if w.getsampwidth() != 2 or w.getnchannels() != 1:
                    log.warning("voice segment %s is not 16-bit mono; skipped", path.name)
                    continue
                out[name] = Pcm(w.getframerate(), w.readframes(w.getnframes()))
        except (OSError, wave.Error, EOFError):
            log.warning("voice segment %s missing or unreadable", path)
    return out


def join_segments(
    segments: dict[str, Pcm], names: tuple[str, ...], gap_ms: int = WORD_GAP_MS
) -> Pcm:
    """The segments ``names`` one after the other with ``gap_ms`` of silence between; a missing
    segment is left out (the call is still said, less one word)."""
    rate = next(iter(segments.values())).rate if segments else 22050
    silence = b"\x00\x00" * (rate * gap_ms // 1000)
    parts = [segments[n].data for n in names if n in segments and segments[n].rate == rate]
    return Pcm(rate, silence.join(parts))


class SilentBackend(VoiceBackend):
    """No sound: each step lasts what it would (from the segments' lengths), times ``scale``."""

    name = "silent"

    def __init__(self, segments: dict[str, Pcm] | None = None, scale: float = 1.0) -> None:
        super().__init__()
        self.segments = segments if segments is not None else load_segments()
        self.scale = scale
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.finished.emit)

    def duration_ms(self, step: Step) -> int:
        if step.kind == "pause":
            return step.ms
        if step.kind == "chime":
            return self.segments[CHIME].ms if CHIME in self.segments else 600
        assert step.call is not None
        pcm = join_segments(self.segments, step.call.segments)
        return pcm.ms or 300 * len(step.call.segments)

    def play(self, step: Step) -> None:
        self._timer.start(max(0, int(self.duration_ms(step) * self.scale)))

    def stop(self) -> None:
        self._timer.stop()


class SegmentBackend(VoiceBackend):
    """The recorded segments through Qt Multimedia: one stream per step (QAudioSink)."""

    name = "segments"

    def __init__(self, segments: dict[str, Pcm] | None = None, volume: int = 80) -> None:
        super().__init__()
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

        self.segments = segments if segments is not None else load_segments()
        rate = next(iter(self.segments.values())).rate if self.segments else 22050
        fmt = QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._sink = QAudioSink(QMediaDevices.defaultAudioOutput(), fmt, self)
        self._sink.stateChanged.connect(self._state)
        self._buffer: QBuffer | None = None
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.timeout.connect(self.finished.emit)
        self._playing = False
        self.set_volume(volume)

    def set_volume(self, volume: int) -> None:
        self._sink.setVolume(max(0, min(100, volume)) / 100)

    def play(self, step: Step) -> None:
        if step.kind == "pause":
            self._pause.start(step.ms)
            return
        names = (CHIME,) if step.kind == "chime" else (step.call.segments if step.call else ())
        pcm = join_segments(self.segments, names)
        if not pcm.data:
            QTimer.singleShot(0, self.finished.emit)
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pcm.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._playing = True
        self._sink.start(self._buffer)

    def _state(self, state: object) -> None:
        from PySide6.QtMultimedia import QAudio

        if self._playing and state in (QAudio.State.IdleState, QAudio.State.StoppedState):
            self._playing = False
            self._sink.stop()
            self.finished.emit()

    def stop(self) -> None:
        self._playing = False
        self._sink.stop()
        self._pause.stop()


class TtsBackend(VoiceBackend):
    """Qt's text-to-speech with a Chinese voice; the chime from the recorded segments."""

    name = "tts"

    def __init__(self, engine: str, volume: int = 80) -> None:
        super().__init__()
        from PySide6.QtTextToSpeech import QTextToSpeech

        self._tts = QTextToSpeech(engine, self)
        chinese = [v for v in self._tts.availableVoices() if _is_chinese(v.locale())]
        if chinese:
            self._tts.setVoice(chinese[0])
        self._tts.stateChanged.connect(self._state)
        self._chime: SegmentBackend | SilentBackend
        try:
            self._chime = SegmentBackend(volume=volume)
        except Exception:  # noqa: BLE001 - the chime is optional, the call is not
            self._chime = SilentBackend()
        self._chime.finished.connect(self.finished.emit)
        self._speaking = False
        self.set_volume(volume)

    def set_volume(self, volume: int) -> None:
        self._tts.setVolume(max(0, min(100, volume)) / 100)

    def play(self, step: Step) -> None:
        if step.kind in ("chime", "pause"):
            self._chime.play(step)
            return
        assert step.call is not None
        self._speaking = True
        self._tts.say(step.call.spoken)

    def _state(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._speaking and state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            self._speaking = False
            self.finished.emit()

    def stop(self) -> None:
        self._speaking = False
        self._tts.stop()
        self._chime.stop()


def _is_chinese(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.Chinese


def chinese_tts_engine() -> str | None:
    """The first installed text-to-speech engine with a Chinese voice (never Qt's mock)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    for engine in QTextToSpeech.availableEngines():
        if engine == "mock":
            continue
        try:
            tts = QTextToSpeech(engine)
            voices = tts.availableVoices()
        except Exception:  # noqa: BLE001 - a broken engine is simply not used
            continue
        if any(_is_chinese(v.locale()) for v in voices):
            return str(engine)
    return None


def has_audio_output() -> bool:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.audioOutputs())


def make_backend(settings: VoiceSettings) -> VoiceBackend:
    """The backend ``settings.mode`` asks for, or the best this PC has (``auto``)."""
    if settings.mode == "off" or not has_audio_output():
        if settings.mode != "off":
            log.warning("no audio output on this PC: calls are shown, not spoken")
        return SilentBackend()
    if settings.mode in ("auto", "tts"):
        engine = chinese_tts_engine()
        if engine is not None:
            return TtsBackend(engine, settings.volume)
        if settings.mode == "tts":
            log.warning("no text-to-speech engine with a Chinese voice; using the recordings")
    return SegmentBackend(volume=settings.volume)


# --------------------------------------------------------------------------------------------
# The queue of calls
# --------------------------------------------------------------------------------------------


class CallVoice(QObject):
    """The queue of calls to say (see the module docstring). ``started(call)`` and
    ``spoken(call)`` frame each call; ``idle`` fires when the queue is empty again."""

    started = Signal(object)
    spoken = Signal(object)
    idle = Signal()

    MAX_QUEUED = 20  # a hall does not wait for 20 calls to be read out: the oldest are dropped

    def __init__(
        self,
        settings: VoiceSettings,
        backend: VoiceBackend | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.backend = backend if backend is not None else make_backend(settings)
        self.backend.setParent(self)
        self.backend.finished.connect(self._next_step)
        self.backend.set_volume(settings.volume)
        self._calls: deque[Announcement] = deque()
        self._steps: deque[Step] = deque()
        self.current: Announcement | None = None
        self.history: list[Announcement] = []  # calls said, in order (for the screen and tests)

    @property
    def busy(self) -> bool:
        return self.current is not None

    @property
    def pending(self) -> tuple[Announcement, ...]:
        return tuple(self._calls)

    def set_settings(self, settings: VoiceSettings) -> None:
        self.settings = settings
        self.backend.set_volume(settings.volume)

    def announce(self, call: Announcement) -> bool:
        """Queue ``call``; False when the same call (ticket, window, recall) is already
        waiting or being said."""
        if self.settings.mode == "off":
            return False
        if (self.current is not None and self.current.key == call.key) or any(
            c.key == call.key for c in self._calls
        ):
            return False
        self._calls.append(call)
        while len(self._calls) > self.MAX_QUEUED:
            dropped = self._calls.popleft()
            log.info("voice queue full: %s not said", dropped.number)
        if self.current is None:
            self._next_call()
        return True

    def _next_call(self) -> None:
        if not self._calls:
            self.current = None
            self.idle.emit()
            return
        call = self._calls.popleft()
        self.current = call
        steps: list[Step] = [Step("chime")] if self.settings.chime else []
        for i in range(max(1, self.settings.repeat)):
            if i:
                steps.append(Step("pause", ms=REPEAT_GAP_MS))
            steps.append(Step("say", call))
        steps.append(Step("pause", ms=CALL_GAP_MS))
        self._steps = deque(steps)
        self.started.emit(call)
        self._play_next()

    def _play_next(self) -> None:
        step = self._steps.popleft()
        self.backend.play(step)

    def _next_step(self) -> None:
        if self.current is None:
            return
        if self._steps:
            self._play_next()
            return
        done = self.current
        self.history.append(done)
        self.spoken.emit(done)
        self._next_call()

    def stop(self) -> None:
        self._calls.clear()
        self._steps.clear()
        self.current = None
        self.backend.stop()
