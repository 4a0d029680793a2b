"""Charts of the manager's reports with Qt Charts (图表).

Each function fills a :class:`ChartView` from a report's frozen rows; the callers pass the
translated titles (``self.tr`` in the screens), so this module holds no words of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt, QTimeZone
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

BLUE = QColor("#3a6ea5")
TEAL = QColor("#2a9d8f")
AMBER = QColor("#e9a23b")
RED = QColor("#c62828")
GREY = QColor("#9aa5b1")


class ChartView(QChartView):
    """A chart with the screen's font, antialiased, no animation (screenshots stay exact)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.reset("")

    def reset(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        f = QFont(self.font())
        f.setPixelSize(15)
        f.setBold(True)
        chart.setTitleFont(f)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(6, 6, 6, 6))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        return chart


def _axis_font(view: ChartView) -> QFont:
    f = QFont(view.font())
    f.setPixelSize(12)
    return f


def _value_axis(view: ChartView, top: float, title: str = "") -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(1.0, top * 1.1))
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    axis.setLabelsFont(_axis_font(view))
    axis.applyNiceNumbers()
    return axis


def hourly(view: ChartView, title: str, hours: Sequence[str], issued: Sequence[int],
           served: Sequence[int], windows: Sequence[float], *, issued_label: str,
           served_label: str, windows_label: str) -> None:  # fmt: skip
    """Arrivals (issued) and served per hour as bars, windows working as a line (right axis)."""
    chart = view.reset(title)
    a, b = QBarSet(issued_label), QBarSet(served_label)
    a.setColor(BLUE)
    b.setColor(TEAL)
    a.append([float(v) for v in issued])
    b.append([float(v) for v in served])
    bars = QBarSeries()
    bars.append(a)
    bars.append(b)
    chart.addSeries(bars)
    line = QLineSeries()
    line.setName(windows_label)
    pen = QPen(AMBER)
    pen.setWidth(3)
    line.setPen(pen)
    for i, w in enumerate(windows):
        line.append(float(i), float(w))
    chart.addSeries(line)
    x = QBarCategoryAxis()
    x.append(list(hours))
    x.setLabelsFont(_axis_font(view))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    y = _value_axis(view, max([*issued, *served, 1]))
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    y2 = _value_axis(view, max([*windows, 1]))
    chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
    bars.attachAxis(x)
    bars.attachAxis(y)
    line.attachAxis(x)
    line.attachAxis(y2)


def histogram(view: ChartView, title: str, buckets: Sequence[str], counts: Sequence[int],
              label: str, target_index: int | None = None) -> None:  # fmt: skip
    """How long people waited: tickets per waiting-time bucket (within target in green)."""
    chart = view.reset(title)
    within, beyond = QBarSet(label), QBarSet("")
    within.setColor(TEAL)
    beyond.setColor(AMBER)
    for i, n in enumerate(counts):
        ok = target_index is None or i < target_index
        within.append(float(n) if ok else 0.0)
        beyond.append(0.0 if ok else float(n))
    series = QStackedBarSeries()  # one bar per bucket, coloured by the target
    series.append(within)
    series.append(beyond)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    chart.legend().hide()
    x = QBarCategoryAxis()
    x.append(list(buckets))
    x.setLabelsFont(_axis_font(view))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    y = _value_axis(view, max([*counts, 1]))
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)


def top_items(view: ChartView, title: str, names: Sequence[str], accepted: Sequence[int],
              label: str) -> None:  # fmt: skip
    """The most-accepted items, longest bar on top."""
    chart = view.reset(title)
    s = QBarSet(label)
    s.setColor(BLUE)
    s.append([float(v) for v in reversed(accepted)])
    series = QHorizontalBarSeries()
    series.append(s)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    chart.legend().hide()
    y = QBarCategoryAxis()
    y.append([n if len(n) <= 14 else n[:13] + "…" for n in reversed(names)])
    y.setTruncateLabels(False)  # Qt Charts would elide every CJK label to "…"
    y.setLabelsFont(_axis_font(view))
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    x = _value_axis(view, max([*accepted, 1]))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y)
    series.attachAxis(x)


def trend(view: ChartView, title: str, days: Sequence[str], issued: Sequence[int],
          served: Sequence[int], waiting: Sequence[float | None], *, issued_label: str,
          served_label: str, waiting_label: str) -> None:  # fmt: skip
    """Tickets per day (lines, left axis) and the mean wait (dashed, right axis, minutes)."""
    chart = view.reset(title)
    utc = QTimeZone.utc()
    stamps = [QDateTime.fromString(d, "yyyy-MM-dd") for d in days]
    for st in stamps:
        st.setTimeZone(utc)
    x = QDateTimeAxis()
    x.setFormat("MM-dd")
    x.setTickCount(min(8, max(2, len(days))))
    x.setLabelsFont(_axis_font(view))
    if stamps:
        x.setRange(stamps[0], stamps[-1] if len(stamps) > 1 else stamps[0].addDays(1))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    y = _value_axis(view, max([*issued, *served, 1]))
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    y2 = _value_axis(view, max([w or 0 for w in waiting] + [1]))
    chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
    for values, label, color, axis, dashed in (
        (issued, issued_label, BLUE, y, False),
        (served, served_label, TEAL, y, False),
        (waiting, waiting_label, AMBER, y2, True),
    ):
        line = QLineSeries()
        line.setName(label)
        pen = QPen(color)
        pen.setWidth(2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        for st, v in zip(stamps, values, strict=False):
            if v is not None:
                line.append(float(st.toMSecsSinceEpoch()), float(v))
        chart.addSeries(line)
        line.attachAxis(x)
        line.attachAxis(axis)
