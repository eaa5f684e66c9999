"""Server-rendered SVG charts for the dashboard: geometry computed here, drawn by templates, no JavaScript.
Every chart is accompanied by a table with the same figures (its text alternative). Coordinates are returned
as strings with a decimal point, so template localisation (Dutch decimal comma) can never break the SVG."""

from dataclasses import dataclass

BAR_WIDTH = 420  # px of a 100 % bar
ROW_HEIGHT = 28
LABEL_WIDTH = 190


@dataclass
class QuotaBar:
    label: str
    y: int
    realised_width: str
    target_x: str | None
    status: str
    text: str


def quota_bars(figures) -> dict:
    """One bar per corporation: realised as a share of the quota, with a line at the pro-rata target and one at the
    contingent (100 %). The scale runs to the longest bar when one is past its contingent, so no bar is cut off."""
    figures = list(figures)
    shares = [figure.realised / figure.quota if figure.quota else 0 for figure in figures]
    top = max([1.0, *shares])  # the share at the scale's end
    unit = BAR_WIDTH / top  # px of 100 %
    bars = []
    for i, (figure, share) in enumerate(zip(figures, shares, strict=True)):
        target = float(figure.pro_rata_target) / figure.quota if figure.quota else None
        bars.append(
            QuotaBar(
                label=figure.corporation.name,
                y=10 + i * ROW_HEIGHT,
                realised_width=_n(share * unit),
                target_x=_n(LABEL_WIDTH + target * unit) if target is not None else None,
                status=figure.status,
                text=f"{figure.realised} / {figure.quota}",
            )
        )
    return {
        "bars": bars,
        "height": 34 + len(bars) * ROW_HEIGHT,
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "full_x": _n(LABEL_WIDTH + unit),
        "end_x": LABEL_WIDTH + BAR_WIDTH,
        "width": _n(LABEL_WIDTH + BAR_WIDTH + 80),
    }


def flow_chart(figures, *, height: int = 180, column: int = 44) -> dict:
    """Per month a pair of bars (newly ready, housed) and a line for the number waiting at month end."""
    figures = list(figures)
    top = max([1] + [max(f.newly_ready, f.housed, f.waiting_end) for f in figures])
    scale = (height - 30) / top
    columns, points = [], []
    for i, figure in enumerate(figures):
        x = 40 + i * column
        columns.append(
            {
                "x": x,
                "label": figure.month.strftime("%m"),
                "ready_y": _n(height - 20 - figure.newly_ready * scale),
                "ready_h": _n(figure.newly_ready * scale),
                "housed_x": x + 14,
                "housed_y": _n(height - 20 - figure.housed * scale),
                "housed_h": _n(figure.housed * scale),
            }
        )
        points.append(f"{x + 14:.1f},{height - 20 - figure.waiting_end * scale:.1f}")
    return {
        "columns": columns,
        "points": " ".join(points),
        "height": height,
        "width": 60 + len(figures) * column,
        "baseline": height - 20,
        "top": top,
    }


def _n(value: float) -> str:
    return f"{value:.1f}"


def forecast_band(*, now: float, expected: float, low: float, high: float, width: int = 520) -> dict:
    """A horizontal scale from 0 to beyond the highest value, with the waiting list now (a tick), the expected list
    at the end of next year (a dot) and its 80 % band (a bar from the low to the high end)."""
    top = nice_top(max(now, high, expected, 1))
    left, span = 10, width - 20

    def x(value: float) -> str:
        return _n(left + span * max(0.0, value) / top)

    return {
        "width": width,
        "height": 70,
        "left": left,
        "right": left + span,
        "now_x": x(now),
        "expected_x": x(expected),
        "low_x": x(low),
        "band_width": _n(span * max(0.0, high - low) / top),
        "top": top,
        "ticks": [{"x": x(top * i / 4), "value": round(top * i / 4)} for i in range(5)],
    }


def nice_top(value: float) -> int:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `value`: an axis that holds the data and reads well."""
    magnitude = 10 ** max(0, len(str(int(value))) - 1)
    steps = [step * magnitude for step in (1, 2, 2.5, 5, 10) if float(step * magnitude).is_integer()]
    return int(next(top for top in steps if top >= value))
