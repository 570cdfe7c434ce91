"""Load a minimal city into the benchmark database and issue an Open311 key.

Run with DJANGO_SETTINGS_MODULE=benchmarks.bareapp.settings (set by servicedesk_load.py):
    python -m benchmarks.bench_city
Prints the new Open311 API key on the last line of stdout.
"""

from __future__ import annotations

from typing import Any

# A square city (the same shape as the test suite's): district D1 split into beats B1 and B2.
WEST = [[-90.02, 40.00], [-90.00, 40.00], [-90.00, 40.02], [-90.02, 40.02], [-90.02, 40.00]]
EAST = [[-90.00, 40.00], [-89.98, 40.00], [-89.98, 40.02], [-90.00, 40.02], [-90.00, 40.00]]
WHOLE = [[-90.02, 40.00], [-89.98, 40.00], [-89.98, 40.02], [-90.02, 40.02], [-90.02, 40.00]]
# Points are drawn inside this box (lat, lon), well within the city.
LAT_RANGE = (40.001, 40.019)
LON_RANGE = (-90.019, -89.981)


def _collection(features: list[tuple[str, str, list, str | None]]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name, "parent": parent, "population": 5000},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            for code, name, ring, parent in features
        ],
    }


def main() -> None:
    import django

    django.setup()
    from bluebridge.core import areas
    from bluebridge.core.models import hash_secret
    from bluebridge.servicedesk.catalogue import install_standard_catalogue
    from bluebridge.servicedesk.models import Open311ApiKey

    areas.load_geojson(_collection([("D1", "Central", WHOLE, None)]), kind="district")
    areas.load_geojson(
        _collection([("B1", "West", WEST, "D1"), ("B2", "East", EAST, "D1")]),
        kind="beat",
        parent_property="parent",
    )
    install_standard_catalogue()
    secret = Open311ApiKey.generate()
    Open311ApiKey.objects.create(
        name="load benchmark",
        key_hash=hash_secret(secret),
        hint=secret[:8],
        rate_limit_per_minute=10_000_000,
    )
    print(secret)


if __name__ == "__main__":
    main()
