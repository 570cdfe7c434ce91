"""Raking: hand-solvable cases and agreement with an independent calibration solver (1e-6)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import root

from bluebridge.feedback.weighting import kish_n, rake, weighted_mean


def test_it_solves_the_two_by_two_case_by_hand() -> None:
    # One respondent per cell of sex × age: raking gives w ∝ p(sex) · q(age), exactly.
    sex = [0, 0, 1, 1]
    age = [0, 1, 0, 1]
    result = rake([sex, age], [[60, 40], [30, 70]], trim=None)
    expected = np.array([0.6 * 0.3, 0.6 * 0.7, 0.4 * 0.3, 0.4 * 0.7]) * 4
    assert result.converged
    np.testing.assert_allclose(result.weights, expected, atol=1e-9)


def _reference_raking(codes: list[np.ndarray], targets: list[np.ndarray]) -> np.ndarray:
    """Raking as calibration: w_i = exp(x_i'λ), solve Σ w_i x_i = t for λ with scipy.

    This is the closed form of the raking-ratio distance (Deville & Särndal 1992), solved by a
    root finder rather than by iterative proportional fitting.
    """
    n = len(codes[0])
    columns = [np.ones(n)]
    totals = [float(n)]
    for dim_codes, dim_targets in zip(codes, targets, strict=True):
        shares = dim_targets / dim_targets.sum()
        for c in range(1, len(dim_targets)):  # drop one category per dimension (collinear)
            columns.append((dim_codes == c).astype(float))
            totals.append(shares[c] * n)
    x = np.column_stack(columns)
    t = np.array(totals)

    def equations(lam: np.ndarray) -> np.ndarray:
        return x.T @ np.exp(x @ lam) - t

    solution = root(equations, np.zeros(x.shape[1]), tol=1e-14)
    assert solution.success
    return np.exp(x @ solution.x)


def test_it_agrees_with_a_calibration_solver_to_one_in_a_million() -> None:
    rng = np.random.default_rng(7)
    n = 400
    age_sex = rng.choice(12, size=n, p=np.r_[np.full(6, 0.05), np.full(6, 0.7 / 6)])
    race = rng.choice(5, size=n, p=[0.4, 0.3, 0.15, 0.1, 0.05])
    targets = [rng.uniform(200, 900, size=12), np.array([1000.0, 2500, 1800, 400, 300])]
    ours = rake([age_sex, race], targets, trim=None, tol=1e-13)
    reference = _reference_raking([age_sex, race], targets)
    assert ours.converged
    np.testing.assert_allclose(ours.weights, reference / reference.mean(), atol=1e-6)
    # And the margins are met.
    shares = np.bincount(race, weights=ours.weights, minlength=5) / ours.weights.sum()
    np.testing.assert_allclose(shares, targets[1] / targets[1].sum(), atol=1e-9)


def test_it_trims_weights_to_the_documented_cap_and_rerakes() -> None:
    # 95 young respondents and 5 old ones, for a population that is half old: weights of 10×.
    age = [0] * 95 + [1] * 5
    result = rake([age], [[50, 50]])
    assert result.weights.max() <= 5.0 + 1e-9
    assert result.weights.min() >= 0.2 - 1e-9
    assert result.trimmed > 0
    untrimmed = rake([age], [[50, 50]], trim=None)
    assert untrimmed.weights.max() > 5


def test_it_leaves_missing_answers_out_of_that_dimension_only() -> None:
    sex = [0, 0, 0, 1, -1, -1]
    result = rake([sex], [[50, 50]], trim=None)
    w = result.weights
    assert w[0] == pytest.approx(w[1]) == pytest.approx(w[2])
    assert w[:3].sum() == pytest.approx(w[3])  # men and women balanced among those who said
    assert w[4] == pytest.approx(w[5])


def test_it_reports_categories_nobody_answered_and_matches_the_others() -> None:
    race = [0, 0, 1]
    result = rake([race], [[20, 20, 60]], trim=None)
    assert result.dropped == [(0, 2)]
    assert result.weights[:2].sum() == pytest.approx(result.weights[2])


def test_it_refuses_codes_without_a_target() -> None:
    with pytest.raises(ValueError, match="no target"):
        rake([[0, 3]], [[1, 1]])


def test_it_computes_kish_effective_n_and_an_interval() -> None:
    w = np.array([1.0, 1.0, 2.0, 4.0])
    assert kish_n(w) == pytest.approx(64 / 22)
    values = np.array([10.0, 20.0, np.nan, 40.0])
    mean = weighted_mean(values, w, (0, 100))
    assert mean is not None
    assert mean.mean == pytest.approx((10 + 20 + 160) / 6)
    assert mean.n == 3
    assert mean.low < mean.mean < mean.high
    assert weighted_mean(np.array([np.nan]), np.array([1.0]), (0, 100)) is None
