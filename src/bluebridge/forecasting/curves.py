"""The backtest curve (hit rate against coverage) as inline-SVG coordinates and a data table."""

from __future__ import annotations

from typing import Any

WIDTH, HEIGHT = 320, 220
LEFT, BOTTOM, TOP, RIGHT = 44, 34, 10, 10
MAX_COVERAGE = 0.20  # the useful part: patrols never cover more than a fifth of a city
TABLE_COVERAGES = (0.01, 0.02, 0.05, 0.10, 0.20)


def _xy(coverage: float, hit_rate: float) -> tuple[float, float]:
    x = LEFT + (WIDTH - LEFT - RIGHT) * coverage / MAX_COVERAGE
    y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * hit_rate
    return round(x, 1), round(y, 1)


def _points(curve: dict[str, Any]) -> list[tuple[float, float]]:
    return [
        (c, h)
        for c, h in zip(curve.get("coverage", []), curve.get("hit_rate", []), strict=False)
        if c <= MAX_COVERAGE + 1e-9
    ]


def _at(points: list[tuple[float, float]], coverage: float) -> float | None:
    for c, h in points:
        if abs(c - coverage) < 1e-6:
            return h
    return None


def chart(backtest: dict[str, Any], model: str) -> dict[str, Any] | None:
    """SVG polylines for the model and the naive baseline, axis ticks, and the table rows."""
    if not backtest or model not in backtest:
        return None
    series: list[dict[str, Any]] = []
    for name, css in ((model, "bb-curve--model"), ("naive", "bb-curve--naive")):
        if name not in backtest or (name == "naive" and model == "naive" and series):
            continue
        points = _points(backtest[name])
        series.append(
            {
                "name": name,
                "css": css,
                "points": " ".join(f"{x},{y}" for x, y in (_xy(c, h) for c, h in points)),
                "raw": points,
            }
        )
    x_ticks = [
        {"x": _xy(c, 0)[0], "label": f"{round(c * 100)}%"} for c in (0, 0.05, 0.10, 0.15, 0.20)
    ]
    y_ticks = [{"y": _xy(0, h)[1], "label": f"{round(h * 100)}%"} for h in (0, 0.25, 0.5, 0.75, 1)]
    rows = []
    for coverage in TABLE_COVERAGES:
        rows.append(
            {
                "coverage": coverage,
                "values": [_at(s["raw"], coverage) for s in series],
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "bottom": HEIGHT - BOTTOM,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "series": series,
        "x_ticks": x_ticks,
        "y_ticks": y_ticks,
        "rows": rows,
        "origins": backtest.get("origins", 0),
    }
