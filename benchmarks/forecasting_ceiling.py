"""How far can PAI@1% go on each protocol? Oracles that are NOT allowed as models.

    nice -n 10 env OMP_NUM_THREADS=2 .venv/bin/python -m benchmarks.forecasting_ceiling

* `oracle-rate`: each cell's rate from the whole file except the horizon being scored (it
  sees events after the origin: a cheat, used only to bound what a perfectly known long-run
  rate would give under the Poisson noise of one horizon).
* `oracle-rate-smooth`: the same counts plus a small Gaussian smooth (0.5 cell), in case the
  pure counts over-fit.
* `perfect`: the top k cells of the horizon itself (PEI = 1): the absolute ceiling.

Prints a table per protocol; the numbers are quoted in the hand-written notes of section
`forecasting-protocols` of docs/benchmarks.md.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from benchmarks.forecasting_protocols import DATA, PROTOCOLS, Protocol
from bluebridge.forecasting.files import read_incidents
from bluebridge.forecasting.models import Events, Grid
from bluebridge.forecasting.models.backtest import run_backtest
from bluebridge.forecasting.models.base import gaussian_smooth
from bluebridge.forecasting.models.calendar import parse_step, windows


def oracle(full: Events, sigma_cells: float, around_days: float = np.inf):
    def predict(_past: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        keep = (full.t < origin) | (full.t >= origin + horizon)
        keep &= (full.t >= origin - around_days) & (full.t < origin + horizon + around_days)
        counts = grid.counts(full.subset(keep))
        return (
            gaussian_smooth(grid, counts, sigma_cells * grid.cell_size) if sigma_cells else counts
        )

    return predict


def run(p: Protocol) -> dict[str, float]:
    events = read_incidents([DATA / p.file], p.crs)
    grid = Grid.from_events(events, p.cell)
    win = windows(
        date.fromisoformat(p.start),
        date.fromisoformat(p.end),
        parse_step(p.every),
        parse_step(p.horizons[0]),
    )
    origins = [w[2] for w in win]
    horizons = [w[3] for w in win]
    out = {}
    oracles = {
        "oracle-rate": oracle(events, 0),
        "oracle-rate-smooth": oracle(events, 0.5),
        "oracle-local-91d": oracle(events, 0.5, 91.0),
        "oracle-local-28d": oracle(events, 0.5, 28.0),
    }
    for name, fc in oracles.items():
        res = run_backtest(name, fc, events, grid, origins, horizons)
        m = {x["level"]: x for x in res.metrics()}
        out[name] = m["1%"]["pai"]
        out["perfect"] = m["1%"]["pai"] / max(m["1%"]["pei"], 1e-9)
    return out


def main() -> None:
    for p in PROTOCOLS:
        if p.target is None:
            continue
        got = run(p)
        print(
            f"{p.key:24s} target {p.target:5.2f}  "
            + "  ".join(f"{k} {v:6.2f}" for k, v in got.items()),
            flush=True,
        )


if __name__ == "__main__":
    main()
