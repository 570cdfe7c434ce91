"""Emerging concerns: a theme whose share of an area's comments jumps above its usual share.

Rule (one-sided exact binomial test, per area and theme):
- n = the area's comments in the current period, x = those in the theme;
- the usual share p0 = (theme's comments in the area's earlier periods + 0.5) /
  (all the area's comments in those periods + 1) — smoothed so a brand-new theme has a small,
  non-zero usual share. When the area has fewer than MIN_HISTORY earlier comments, the
  city-wide share over the earlier periods is used instead;
- alert when x >= min_count, x >= min_ratio * n * p0 and P(X >= x | n, p0) < alpha.

Shares (not raw counts) are tested, so a busy month with more comments on every theme raises no
alert; a theme that takes a bigger slice of what an area says does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from scipy.stats import binomtest

MIN_HISTORY = 20

Key = tuple[str, str, str]  # (group, period, theme)


@dataclass(frozen=True)
class Alert:
    group: str
    theme: str
    count: int
    expected: float
    p_value: float
    message: str
    period: str = ""
    usual_share: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def count_rows(rows: Iterable[tuple[str, str, str]]) -> dict[Key, int]:
    """Count one row per comment, (group, period, theme), into the table emerging_concerns takes."""
    table: dict[Key, int] = defaultdict(int)
    for group, period, theme in rows:
        table[(str(group), str(period), str(theme))] += 1
    return dict(table)


def emerging_concerns(
    counts: Mapping[Key, int],
    current_period: str,
    *,
    history: int | None = None,
    min_count: int = 5,
    min_ratio: float = 1.5,
    alpha: float = 0.01,
) -> list[Alert]:
    """Alerts for themes that grew beyond their usual share in a group, most significant first.

    counts maps (group, period, theme) to a number of comments. Periods are strings that sort in
    time order ("2025-03", "2025-W11"); periods before current_period are the history (only the
    last `history` of them when given).
    """
    earlier = sorted({p for (_, p, _) in counts if p < current_period})
    if history is not None:
        earlier = earlier[-history:] if history > 0 else []
    past = set(earlier)
    now: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    before: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    city_before: dict[str, int] = defaultdict(int)
    for (group, period, theme), value in counts.items():
        if value < 0:
            raise ValueError(f"negative count for {(group, period, theme)}")
        if period == current_period:
            now[group][theme] += value
        elif period in past:
            before[group][theme] += value
            city_before[theme] += value
    city_total = sum(city_before.values())
    alerts = []
    for group, themes in now.items():
        n = sum(themes.values())
        past_counts = before.get(group, {})
        past_total = sum(past_counts.values())
        for theme, x in themes.items():
            if past_total >= MIN_HISTORY:
                p0 = (past_counts.get(theme, 0) + 0.5) / (past_total + 1)
            elif city_total >= MIN_HISTORY:
                p0 = (city_before.get(theme, 0) + 0.5) / (city_total + 1)
            else:
                continue  # no usual level to compare with yet
            expected = n * p0
            if x < min_count or x < min_ratio * expected:
                continue
            p_value = float(binomtest(x, n, p0, alternative="greater").pvalue)
            if p_value >= alpha:
                continue
            message = (
                f"'{theme}' in {group}: {x} of {n} comments in {current_period} "
                f"({x / n:.0%}), usually {p0:.0%} (about {expected:.1f} expected); p = {p_value:.2g}"
            )
            alerts.append(
                Alert(group, theme, x, round(expected, 2), p_value, message, current_period, p0)
            )
    alerts.sort(key=lambda a: (a.p_value, a.group, a.theme))
    return alerts
