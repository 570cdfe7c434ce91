"""Demo-city incidents with the structure real crime has, so the page and the models show something true.

For each offense group, about two years of incidents over the demo city's beats:

* stable hotspots: a few fixed places (a bar strip, a car park, an apartment block) that hold a
  large share of the group's incidents year after year;
* near-repeat bursts: every incident may trigger more nearby within days (a self-exciting,
  Hawkes-like branching process), as burglars return to the same street;
* weekly and seasonal cycles: more on weekends for assaults and disorder, more in summer;
* a mix of origins: drugs and weapons are found by officers, and mostly where patrols already
  go; the rest is reported by the public (with a small share of officer on-view reports).

Deterministic for a given seed and clock; about 20,000 incidents at scale 1, made with NumPy and
inserted with bulk_create in a few seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from pyproj import Transformer

from bluebridge.core import areas, geography
from bluebridge.core.demo.extensions import DemoContext
from bluebridge.forecasting import conf, services
from bluebridge.forecasting.dbmodels import ForecastRun, ImportBatch, Incident
from bluebridge.forecasting.taxonomy import Taxonomy

SOURCE = "demo"
DAYS = 730


@dataclass(frozen=True)
class Profile:
    group: str
    label: str  # raw offense label, classified by the taxonomy
    per_year: int
    hotspots: int
    hotspot_share: float  # share of background incidents at the hotspots
    branching: float  # expected near-repeat offspring per incident (< 1)
    weekend: float  # weekend rate multiplier
    summer: float  # seasonal amplitude
    officer_share: float  # share found by officers
    night: bool  # mostly at night


PROFILES = (
    Profile("burglary", "residential_burglary", 1500, 6, 0.45, 0.35, 0.9, 0.15, 0.02, False),
    Profile("vehicle_theft", "motor_vehicle_theft", 1200, 5, 0.40, 0.25, 1.0, 0.10, 0.02, True),
    Profile("robbery", "robbery", 600, 4, 0.50, 0.20, 1.2, 0.10, 0.05, True),
    Profile("assault", "aggravated_assault", 1200, 5, 0.45, 0.15, 1.6, 0.25, 0.10, True),
    Profile("theft", "theft", 2500, 8, 0.50, 0.10, 1.1, 0.20, 0.03, False),
    Profile("disorder", "disturbance", 1500, 6, 0.50, 0.20, 1.7, 0.30, 0.15, True),
    Profile("drugs", "narcotics", 700, 3, 0.70, 0.10, 1.2, 0.05, 1.00, True),
    Profile("weapons", "weapons_possession", 200, 3, 0.60, 0.05, 1.3, 0.10, 1.00, True),
)


class _City:
    """The beats in projected metres, for sampling points inside them."""

    def __init__(self, beats: list[Any], crs: str) -> None:
        self.to_xy = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self.to_wgs = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        self.rings: list[np.ndarray] = []
        for beat in beats:
            ring = geography.polygons(beat.geometry)[0][0]
            xs, ys = self.to_xy.transform([p[0] for p in ring], [p[1] for p in ring])
            self.rings.append(np.column_stack([xs, ys]))
        allpts = np.vstack(self.rings)
        self.box = (*allpts.min(axis=0), *allpts.max(axis=0))

    def inside(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        found = np.zeros(x.shape, dtype=bool)
        for ring in self.rings:
            found |= _in_ring(x, y, ring)
        return found

    def sample(self, rng: np.random.Generator, n: int, beat_weights: np.ndarray) -> np.ndarray:
        """n uniform points inside beats chosen with the given weights."""
        beats = rng.choice(len(self.rings), size=n, p=beat_weights / beat_weights.sum())
        out = np.empty((n, 2))
        for b in np.unique(beats):
            idx = np.flatnonzero(beats == b)
            ring = self.rings[b]
            (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
            got: list[np.ndarray] = []
            have = 0
            while have < idx.size:
                cand = rng.uniform((x0, y0), (x1, y1), size=(idx.size * 2 + 8, 2))
                cand = cand[_in_ring(cand[:, 0], cand[:, 1], ring)]
                got.append(cand)
                have += len(cand)
            out[idx] = np.vstack(got)[: idx.size]
        return out


def _in_ring(px: np.ndarray, py: np.ndarray, ring: np.ndarray) -> np.ndarray:
    inside = np.zeros(px.shape, dtype=bool)
    xs, ys = ring[:, 0], ring[:, 1]
    n = len(ring)
    j = n - 1
    for i in range(n):
        cross = (ys[i] > py) != (ys[j] > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]
        inside ^= cross & (px < at)
        j = i
    return inside


def _rate(profile: Profile, days: np.ndarray, start: datetime) -> np.ndarray:
    """Relative daily intensity: weekly and seasonal cycles."""
    weekday = (start.weekday() + days) % 7
    weekly = np.where(weekday >= 4, profile.weekend, 1.0)  # Fri, Sat, Sun
    doy = (start.timetuple().tm_yday + days) % 365
    seasonal = 1 + profile.summer * np.sin(2 * math.pi * (doy - 110) / 365)
    return weekly * seasonal


def _simulate(
    rng: np.random.Generator, city: _City, profile: Profile, start: datetime, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """(times in days from start, points in metres) for one group."""
    n_beats = len(city.rings)
    patrol = np.linspace(2.0, 0.5, n_beats) if profile.officer_share >= 1 else np.ones(n_beats)
    beat_weights = rng.uniform(0.5, 1.5, n_beats) * patrol
    # Background ("immigrant") incidents, so that with offspring the expected total is per_year.
    expected = profile.per_year * DAYS / 365 * scale * (1 - profile.branching)
    day_rate = _rate(profile, np.arange(DAYS), start)
    n0 = int(rng.poisson(expected))
    t = rng.choice(DAYS, size=n0, p=day_rate / day_rate.sum()) + rng.random(n0)
    pts = city.sample(rng, n0, beat_weights)
    centres = city.sample(rng, profile.hotspots, beat_weights)
    at_hot = rng.random(n0) < profile.hotspot_share
    which = rng.integers(0, profile.hotspots, size=n0)
    spread = rng.uniform(40, 120, profile.hotspots)[which]
    hot_pts = centres[which] + rng.normal(size=(n0, 2)) * spread[:, None]
    pts[at_hot] = hot_pts[at_hot]
    times, points = [t], [pts]
    parents_t, parents_p = t, pts
    for _generation in range(6):  # near-repeat offspring, generation by generation
        kids = rng.poisson(profile.branching, size=parents_t.size)
        if kids.sum() == 0:
            break
        kt = np.repeat(parents_t, kids) + rng.exponential(4.0, kids.sum())
        kp = np.repeat(parents_p, kids, axis=0) + rng.normal(size=(kids.sum(), 2)) * 120
        keep = kt < DAYS
        times.append(kt[keep])
        points.append(kp[keep])
        parents_t, parents_p = kt[keep], kp[keep]
    t_all, p_all = np.concatenate(times), np.vstack(points)
    ok = city.inside(p_all[:, 0], p_all[:, 1])
    return t_all[ok], p_all[ok]


def _clock(rng: np.random.Generator, n: int, night: bool) -> np.ndarray:
    """Hour of day (fractional), peaking in the evening for night groups, mid-day otherwise."""
    centre = 22.0 if night else 13.0
    return (centre + rng.normal(size=n) * 4.5) % 24


def populate(ctx: DemoContext) -> list[str]:
    if not ctx.beats:
        return []
    crs = conf.crs()
    city = _City(ctx.beats, crs)
    tz = ctx.now.tzinfo
    start = datetime.combine(ctx.first_day, datetime.min.time())
    taxonomy = Taxonomy()
    batch = ImportBatch.objects.create(
        source=SOURCE,
        file_name="(demo city generator)",
        format=ImportBatch.COMMON,
        status=ImportBatch.DONE,
        finished_at=ctx.now,
        created_at=ctx.now,
    )
    areas.invalidate_cache()
    rows: list[Incident] = []
    seed = int(ctx.rng("forecasting").random() * 2**32)
    for number, profile in enumerate(PROFILES):
        rng = np.random.default_rng([seed, number])
        t, pts = _simulate(rng, city, profile, start, ctx.scale)
        order = np.argsort(t)
        t, pts = t[order], pts[order]
        days = np.floor(t)
        hours = _clock(rng, t.size, profile.night)
        lon, lat = city.to_wgs.transform(pts[:, 0], pts[:, 1])
        officer = rng.random(t.size) < profile.officer_share
        offense = taxonomy.classify(profile.label)
        for i in range(t.size):
            when = start + timedelta(days=float(days[i]), hours=float(hours[i]))
            local = when.replace(tzinfo=tz, microsecond=0)
            if local >= ctx.now:
                continue
            la, lo = round(float(lat[i]), 6), round(float(lon[i]), 6)
            rows.append(
                Incident(
                    source=SOURCE,
                    source_id=f"{profile.group}-{i}",
                    batch=batch,
                    occurred_at=local,
                    precision=Incident.EXACT,
                    offense_raw=profile.label,
                    offense_code=offense.code,
                    group=profile.group,
                    origin=Incident.OFFICER if officer[i] else Incident.PUBLIC,
                    lat=la,
                    lon=lo,
                    x=round(float(pts[i, 0]), 2),
                    y=round(float(pts[i, 1]), 2),
                    area_id=areas.find_area_id(la, lo),
                    h3=geography.h3_cell(la, lo),
                )
            )
    Incident.objects.bulk_create(rows, batch_size=1000)
    ImportBatch.objects.filter(pk=batch.pk).update(rows_read=len(rows), rows_loaded=len(rows))
    officer_count = sum(1 for r in rows if r.origin == Incident.OFFICER)
    # The forecasts the nightly job would make, so the analyst page has something to show.
    runs = services.refresh_all(ctx.now)
    made = sum(1 for r in runs if r.status == ForecastRun.DONE)
    return [
        f"{len(rows):,} incidents for forecasting ({officer_count:,} found by officers), "
        f"{len(PROFILES)} offense groups; {made} forecasts made"
    ]


def wipe() -> None:
    ForecastRun.objects.all().delete()
    Incident.objects.filter(source=SOURCE).delete()
    ImportBatch.objects.filter(source=SOURCE).delete()
