"""A self-contained HTML report (inline SVG, no scripts, no network) of forecast backtests."""

from __future__ import annotations

from html import escape

import numpy as np

from .models import BacktestResult, Events, Grid, ranking

PALETTE = ["#1b1b1b", "#005ea2", "#d83933", "#00a398", "#8168b3", "#e5a000", "#4d8055", "#936f38"]
FLAG_COLOURS = [
    (0.01, "#b50909", "top 1%"),
    (0.05, "#e66f0e", "top 5%"),
    (0.10, "#f2c94c", "top 10%"),
]


def _map_svg(grid: Grid, scores: np.ndarray, future: Events, size: int = 560) -> str:
    order = ranking(scores, grid)
    n = grid.n_region
    colour = {}
    for cov, col, _ in reversed(FLAG_COLOURS):
        for cid in order[: int(np.ceil(cov * n))]:
            colour[int(cid)] = col
    scale = size / max(grid.nx, grid.ny)
    w, h = grid.nx * scale, grid.ny * scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" '
        f'width="{w:.0f}" height="{h:.0f}" role="img" aria-labelledby="map-title">'
        '<title id="map-title">Map of flagged cells and incidents in the horizon</title>'
        f'<rect width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>'
    ]
    region = grid.region_ids
    ix, iy = region % grid.nx, region // grid.nx
    for cid, cx, cy in zip(region, ix, iy, strict=True):
        fill = colour.get(int(cid), "#dfe1e2")
        parts.append(
            f'<rect x="{cx * scale:.1f}" y="{h - (cy + 1) * scale:.1f}" '
            f'width="{scale:.2f}" height="{scale:.2f}" fill="{fill}"/>'
        )
    px = (future.x - grid.xmin) / grid.cell_size * scale
    py = h - (future.y - grid.ymin) / grid.cell_size * scale
    for x, y in zip(px, py, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.6" fill="#162e51" fill-opacity="0.8"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _curve_svg(results: list[BacktestResult], width: int = 560, height: int = 360) -> str:
    m = 44
    pw, ph = width - 2 * m, height - 2 * m
    limit = 0.2  # coverage up to 20%: where patrol decisions are made

    def pt(c: float, r: float) -> str:
        return f"{m + c / limit * pw:.1f},{m + ph - r * ph:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="curve-title">'
        '<title id="curve-title">Hit rate against share of the region flagged</title>',
        f'<rect x="{m}" y="{m}" width="{pw}" height="{ph}" fill="none" stroke="#71767a"/>',
    ]
    for tick in (0.0, 0.05, 0.10, 0.15, 0.20):
        x = m + tick / limit * pw
        parts.append(
            f'<text x="{x:.0f}" y="{height - m + 16}" font-size="11" text-anchor="middle">'
            f"{tick * 100:.0f}%</text>"
        )
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = m + ph - tick * ph
        parts.append(
            f'<text x="{m - 6}" y="{y + 4:.0f}" font-size="11" text-anchor="end">{tick:.2f}</text>'
        )
    parts.append(
        f'<text x="{m + pw / 2}" y="{height - 6}" font-size="12" text-anchor="middle">'
        "share of region cells flagged</text>"
    )
    parts.append(f'<text x="12" y="{m - 14}" font-size="12">hit rate</text>')
    for i, r in enumerate(results):
        cov, hr = r.curve()
        keep = cov <= limit + 1e-9
        points = " ".join(pt(c, v) for c, v in zip(cov[keep], hr[keep], strict=True))
        col = PALETTE[i % len(PALETTE)]
        dash = ' stroke-dasharray="5,3"' if r.model == "naive" else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{col}" stroke-width="2"{dash}/>'
        )
        parts.append(
            f'<text x="{m + 8}" y="{m + 16 + 15 * i}" font-size="12" fill="{col}">'
            f"{escape(r.model)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(results: list[BacktestResult]) -> str:
    rows = []
    for r in results:
        for m in r.metrics():
            lo, hi = m.get("pai_interval", [m["pai"], m["pai"]])
            rows.append(
                f"<tr><td>{escape(r.model)}</td><td>{escape(m['level'])}</td>"
                f"<td>{m['hit_rate']:.3f}</td><td>{m['pai']:.2f}</td>"
                f"<td>{lo:.2f}–{hi:.2f}</td><td>{m['pei']:.3f}</td>"
                f"<td>{r.seconds:.1f}</td></tr>"
            )
    return (
        "<table><caption>Pooled over all origins; intervals: 95% bootstrap over origins"
        "</caption><thead><tr><th scope=col>Model</th><th scope=col>Flagged</th>"
        "<th scope=col>Hit rate</th><th scope=col>PAI</th><th scope=col>PAI interval</th>"
        "<th scope=col>PEI</th><th scope=col>Seconds</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def render_report(
    results: list[BacktestResult],
    grid: Grid,
    scores: np.ndarray,
    future: Events,
    title: str = "Crime forecast evaluation",
    subtitle: str = "",
) -> str:
    legend = " ".join(
        f'<span style="background:{c};padding:0 .6em">&nbsp;</span> {escape(t)}'
        for _, c, t in FLAG_COLOURS
    )
    n_origins = len(results[0].origins) if results else 0
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b;max-width:70rem}}
table{{border-collapse:collapse;margin:1rem 0}}td,th{{border:1px solid #a9aeb1;padding:.25rem .5rem;text-align:right}}
td:first-child,th:first-child{{text-align:left}}caption{{text-align:left;font-style:italic}}
.figs{{display:flex;flex-wrap:wrap;gap:2rem}}svg{{max-width:100%;height:auto}}
</style></head><body>
<main>
<h1>{escape(title)}</h1>
<p>{escape(subtitle)}</p>
<p>{n_origins} forecast origin(s); {grid.n_region} region cells of {grid.cell_size:g} m.
Hit rate = incidents in flagged cells / all incidents in the horizon; PAI = hit rate / share
of area flagged; PEI = hits / the most incidents any equally many cells held.
Every model is shown beside the naive baseline (dashed).</p>
<h2>Results</h2>
{_table(results)}
<div class="figs">
<section><h2>Hit rate curve</h2>{_curve_svg(results)}</section>
<section><h2>Map of the last forecast</h2><p>{legend}; dots: incidents in its horizon.</p>
{_map_svg(grid, scores, future)}</section>
</div>
</main></body></html>
"""
