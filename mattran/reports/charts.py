"""Server-side SVG charts: the geometry is computed here, the markup is a template
(``reports/includes/chart_*.svg.html``). Each chart has a ``<title>``/``<desc>`` and is shown next to a table
with the same numbers, for screen readers. No JavaScript, no external files."""

from dataclasses import dataclass, field

PALETTE = ("#1d4f91", "#2e7d32", "#c62828", "#8e6c00")  # blue, green, red, amber: ≥4.5:1 on white


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str
    value: int | float

    @property
    def end_x(self) -> float:
        return self.x + self.width


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    row_labels: list[tuple[float, str]] = field(default_factory=list)

    @property
    def label_y(self) -> int:
        return self.height - 30


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000):
        if value <= step * 5:
            return step * 5
    return value


def grouped_bars(
    *,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[float]]],
    width: int = 720,
    height: int = 260,
) -> Chart:
    """Vertical bars, one group per category (e.g. months), one bar per series."""
    left, right, top, bottom = 44, 8, 10, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([v for _, values in series for v in values] or [0]))
    chart = Chart(title=title, width=width, height=height)
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    for i, category in enumerate(categories):
        chart.x_labels.append((left + group_w * (i + 0.5), category))
        for j, (name, values) in enumerate(series):
            value = values[i]
            h = plot_h * value / top_value
            chart.bars.append(
                Bar(
                    left + group_w * i + group_w * 0.1 + bar_w * j,
                    top + plot_h - h,
                    bar_w,
                    h,
                    PALETTE[j % len(PALETTE)],
                    f"{category} · {name}",
                    value,
                )
            )
    for k in range(6):
        value = top_value * k / 5
        chart.y_ticks.append((top + plot_h - plot_h * k / 5, f"{value:g}"))
    chart.legend = [(name, PALETTE[j % len(PALETTE)]) for j, (name, _) in enumerate(series)]
    return chart


def horizontal_bars(
    *, title: str, rows: list[tuple[str, float]], width: int = 720, row_height: int = 26
) -> Chart:
    """One horizontal bar per row (per body, per topic), the label on the left."""
    label_w, right = 260, 48
    height = row_height * max(len(rows), 1) + 8
    top_value = _nice_max(max([v for _, v in rows] or [0]))
    chart = Chart(title=title, width=width, height=height)
    for i, (label, value) in enumerate(rows):
        y = 4 + row_height * i
        w = (width - label_w - right) * value / top_value
        chart.row_labels.append((y + row_height * 0.65, label[:40]))
        chart.bars.append(Bar(label_w, y + 3, w, row_height - 8, PALETTE[0], label, value))
    return chart
