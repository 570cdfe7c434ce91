"""Markdown for section `forecasting-protocols` of docs/benchmarks.md."""

from __future__ import annotations

import os
from typing import Any

from benchmarks.sections import machine_lines, write_section

SECTION = "forecasting-protocols"


def _fmt(m: dict[str, Any], key: str) -> str:
    return f"{m[key]:.2f}" if key == "pai" else f"{m[key]:.3f}"


def protocol_table(rows: list[dict]) -> list[str]:
    out = [
        "| model | PAI 1% | PAI 5% | PAI 10% | HR 1% | HR 5% | HR 10% | PEI 1% | PEI 5% | "
        "PEI 10% | seconds |",
        "|" + " --- |" * 11,
    ]
    for r in rows:
        m = {x["level"]: x for x in r["metrics"]}
        cells = [
            _fmt(m[lvl], key) for key in ("pai", "hit_rate", "pei") for lvl in ("1%", "5%", "10%")
        ]
        out.append(f"| {r['model']} | " + " | ".join(cells) + f" | {r['seconds']:.1f} |")
    return out


def portland_table(rows: list[dict]) -> list[str]:
    out = [
        "| horizon | model | PAI 0.25 sq mi | PEI 0.25 sq mi | PAI 0.75 sq mi | PEI 0.75 sq mi | "
        "PAI 1% | seconds |",
        "|" + " --- |" * 8,
    ]
    for r in rows:
        m = {x["level"]: x for x in r["metrics"]}
        out.append(
            f"| {r['horizon']} | {r['model']} | {m['0.25 sq mi']['pai']:.2f} | "
            f"{m['0.25 sq mi']['pei']:.3f} | {m['0.75 sq mi']['pai']:.2f} | "
            f"{m['0.75 sq mi']['pei']:.3f} | {m['1%']['pai']:.2f} | {r['seconds']:.1f} |"
        )
    return out


def write_markdown(
    protocols: list, rows: list[dict], total: float, timing: dict | None, args: str
) -> None:
    # In a worktree the shared virtual environment's editable install points elsewhere.
    pythonpath = f" PYTHONPATH={os.environ['PYTHONPATH']}" if os.environ.get("PYTHONPATH") else ""
    lines = [
        "## Crime forecasting: validation protocols",
        "",
        *machine_lines(),
        f"- Command: `nice -n 10 env OMP_NUM_THREADS=2{pythonpath} .venv/bin/python -m "
        f"benchmarks.forecasting_protocols {args}`".replace(" `", " `").rstrip(),
        f"- Whole suite (all protocols, all models): {total:.0f} s",
        "",
    ]
    lines += [
        "Scoring as in docs/forecasting.md: points projected from lat/lon to the protocol's "
        "CRS, reference cells anchored at floor(min / size) of the whole file, N_ref = cells "
        "with at least one incident; top k = ceil(c x N_ref) cells per origin (ties by cell "
        "id); hit rate over all incidents in the horizons; PAI = hit rate / c; PEI = hits / "
        "best possible hits with k cells. `best` = the stacked kernel mix (`stacked`); `ensemble` and `learned` are our other two models.",
        "",
    ]
    for p in protocols:
        prow = [r for r in rows if r["protocol"] == p.key]
        if not prow:
            continue
        n = prow[0]
        lines += [
            f"### {p.key}",
            "",
            f"{p.crs}, {p.cell:g} m cells, origins {p.start} to {p.end} (exclusive) every "
            f"{p.every}, horizon {', '.join(p.horizons)}; N_ref = {n['n_ref']}, "
            f"{n['origins']} origin(s).",
            "",
        ]
        if p.areas_sq_mi:
            lines += portland_table(prow)
        else:
            lines += protocol_table(prow)
            best = next((r for r in prow if r["model"] == "best"), None)
            naive = next((r for r in prow if r["model"] == "naive"), None)
            if best and p.target:
                got = {x["level"]: x for x in best["metrics"]}
                pai = got["1%"]["pai"]
                verdict = (
                    "met"
                    if pai >= p.target
                    else f"missed by {p.target - pai:.2f} ({pai / p.target:.0%} of it)"
                )
                lines += [
                    "",
                    f"open_cp classics, PAI@1% (naive / retrospective / prospective / STKDE / "
                    f"grid SEPP): {p.open_cp}. Target for `best`: PAI@1% >= {p.target:.2f}: "
                    f"**{verdict}**.",
                ]
                if naive:
                    nv = {x["level"]: x for x in naive["metrics"]}
                    below = [lvl for lvl in ("1%", "5%", "10%") if got[lvl]["pai"] < nv[lvl]["pai"]]
                    lines += [f"`best` below naive at: {', '.join(below) if below else 'none'}."]
        lines.append("")
    if timing:
        lines += [
            "### `best` for one origin on 100,000 incidents",
            "",
            f"Synthetic city of 30 x 30 km, 150 m cells ({timing['cells']} region cells), "
            f"two years of incidents, 7-day horizon: first origin {timing['cold_s']:.2f} s "
            f"(cold caches), the next day's origin {timing['next_origin_s']:.2f} s.",
            "",
        ]
    write_section(SECTION, "\n".join(lines))
