"""A small common-schema incidents file for the forecast CLI and file-reader tests."""

from pathlib import Path

import numpy as np


def write_incidents(tmp_path: Path) -> Path:
    """A small common-schema file near Manhattan: a hotspot plus scattered incidents."""
    rng = np.random.default_rng(5)
    lines = ["id,occurred_at,offense,lat,lon,x,y"]
    for i in range(400):
        day = 1 + i % 28
        month = 1 + (i // 28) % 3
        hot = i % 3 == 0
        lat = 40.75 + (rng.normal(0, 0.0005) if hot else rng.uniform(-0.01, 0.01))
        lon = -73.99 + (rng.normal(0, 0.0005) if hot else rng.uniform(-0.01, 0.01))
        offense = "burglary" if i % 2 else "robbery"
        lines.append(f"{i},2016-{month:02d}-{day:02d}T12:00:00,{offense},{lat:.6f},{lon:.6f},,")
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
