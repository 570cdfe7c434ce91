"""How far can PAI@1% go on each protocol? Oracles that are NOT allowed as models.

    nice -n 10 env OMP_NUM_THREADS=2 .venv/bin/python -m benchmarks.forecasting_ceiling

* `oracle-rate`: each cell's rate from the whole file except the horizon being scored (it
  sees events after the origin: a cheat, used only to bound what a perfectly known long-run
  rate would give under the Poisson noise of one horizon).
* `oracle-rate-smooth`: the same counts plus a small Gaussian smooth (0.5 cell), in case the
  pure counts over-fit.
* `perfect`: the top k cells of the horizon itself (PEI = 1): the absolute ceiling.
* `hindsight-mix`: `best`'s own family, the 18 kernel candidates (3 spatial scales x 6
  memories, computed from the events before each origin only), with ONE weight vector chosen
  on the scored horizons themselves to maximise the hits at 1 % (random search over the
  simplex, then local refinement). It bounds what any fixed weighting of these kernels could
  reach; `best` must choose its weights from the past.

Prints a table per protocol; the numbers are quoted in the hand-written notes of section
`forecasting-protocols` of docs/benchmarks.md.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from benchmarks.forecasting_protocols import DATA, PROTOCOLS, Protocol
from bluebridge.forecasting.files import read_incidents
from bluebridge.forecasting.models import Events, Grid
from bluebridge.forecasting.models.backtest import run_backtest
from bluebridge.forecasting.models.base import gaussian_smooth
from bluebridge.forecasting.models.calendar import parse_step, windows
from bluebridge.forecasting.models.stackwindows import Past


def oracle(full: Events, sigma_cells: float, around_days: float = np.inf):
    def predict(_past: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        keep = (full.t < origin) | (full.t >= origin + horizon)
        keep &= (full.t >= origin - around_days) & (full.t < origin + horizon + around_days)
        counts = grid.counts(full.subset(keep))
        return (
            gaussian_smooth(grid, counts, sigma_cells * grid.cell_size) if sigma_cells else counts
        )

    return predict


def hindsight_weights(
    events: Events,
    grid: Grid,
    origins: list[float],
    horizons: list[float],
    coverage: float = 0.01,
    draws: int = 3000,
    seed: int = 0,
) -> np.ndarray:
    """The candidate weights with the most hits at `coverage` over these very horizons."""
    rng = np.random.default_rng(seed)
    past = Past(events, grid)
    region = grid.region_ids
    k = math.ceil(coverage * grid.n_region - 1e-9)
    pools = []
    for origin, h in zip(origins, horizons, strict=True):
        S = past.scores(origin)[:, region]  # events before the origin only
        future = events.between(origin, origin + h)
        y = grid.counts(future)[region]
        pool = np.argpartition(-S.max(axis=0), min(len(region), 40 * k) - 1)[: 40 * k]
        pools.append((S[:, pool], y[pool]))
    n = pools[0][0].shape[0]

    def total_hits(betas: np.ndarray) -> np.ndarray:
        got = np.zeros(len(betas))
        for S, y in pools:
            score = betas @ S
            top = np.argpartition(-score, k - 1, axis=1)[:, :k]
            got += y[top].sum(axis=1)
        return got

    betas = np.vstack([np.eye(n), rng.dirichlet(np.full(n, 0.3), size=draws)])
    hits = total_hits(betas)
    best = betas[int(np.argmax(hits))]
    best_hits = float(hits.max())
    for scale in (0.5, 0.25, 0.1, 0.05):  # local refinement around the best so far
        trial = np.abs(best[None, :] * np.exp(scale * rng.standard_normal((draws // 4, n))))
        trial /= trial.sum(axis=1, keepdims=True)
        got = total_hits(trial)
        if got.max() > best_hits:
            best, best_hits = trial[int(np.argmax(got))], float(got.max())
    return best


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
    beta = hindsight_weights(events, grid, origins, horizons)

    def hindsight(past_events: Events, g: Grid, origin: float, _h: float) -> np.ndarray:
        return beta @ Past(past_events, g).scores(origin)

    oracles["hindsight-mix"] = hindsight
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
