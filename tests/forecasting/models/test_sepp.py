import numpy as np

from bluebridge.forecasting.models import Events, Grid, forecast
from bluebridge.forecasting.models.sepp import fit_etas


def simulate_etas(mu, theta, omega, cells, days, seed=3):
    rng = np.random.default_rng(seed)
    cell_list, times = [], []
    for c in range(cells):
        n = rng.poisson(mu * days)
        gen = list(rng.uniform(0, days, n))
        while gen:
            times.extend(gen)
            cell_list.extend([c] * len(gen))
            kids = []
            for t in gen:
                for _ in range(rng.poisson(theta)):
                    tc = t + rng.exponential(1 / omega)
                    if tc < days:
                        kids.append(tc)
            gen = kids
    return np.array(cell_list), np.array(times)


def test_em_recovers_simulated_etas_parameters():
    cells, t = simulate_etas(mu=0.02, theta=0.4, omega=0.2, cells=300, days=1500)
    order = np.argsort(t)
    fit = fit_etas(cells[order], t[order], 300, 0.0, 1500.0, max_lag=120, iterations=200)
    assert abs(fit.theta - 0.4) < 0.06
    assert abs(fit.omega - 0.2) / 0.2 < 0.25
    assert abs(fit.mu.mean() - 0.02) / 0.02 < 0.15


def test_sepp_forecast_jumps_in_the_cell_of_a_fresh_incident_only():
    cells, t = simulate_etas(mu=0.05, theta=0.5, omega=0.3, cells=2, days=300)
    grid = Grid.from_bounds(0, 0, 200, 100, 100)
    ev = Events(t=t, x=50.0 + 100.0 * cells, y=np.full(len(t), 50.0))
    fresh = Events(t=[*ev.t, 300.5], x=[*ev.x, 50.0], y=[*ev.y, 50.0])
    base = forecast("sepp", ev, grid, origin=301.0, horizon_days=1.0)
    after = forecast("sepp", fresh, grid, origin=301.0, horizon_days=1.0)
    assert after[0] > base[0] * 1.5
    assert abs(after[1] - base[1]) < 0.1 * base[1]
