"""`bluebridge load-areas`: GeoJSON in, areas out; bad files get a clear message, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from bluebridge.core import areas
from bluebridge.core.models import Area, AuditEvent

SQUARE = [[-90.0, 40.0], [-89.9, 40.0], [-89.9, 40.1], [-90.0, 40.1], [-90.0, 40.0]]
WEST = [[-90.0, 40.0], [-89.95, 40.0], [-89.95, 40.1], [-90.0, 40.1], [-90.0, 40.0]]


def _file(tmp_path: Path, data: Any, name: str = "areas.geojson") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def _collection(*features: tuple[dict[str, Any], Any]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            for props, ring in features
        ],
    }


def test_it_loads_districts_then_beats(db: Any, tmp_path: Path, capsys: Any) -> None:
    districts = _file(
        tmp_path, _collection(({"id": "N", "label": "North", "population": 900}, SQUARE))
    )
    call_command(
        "load_areas",
        districts,
        "--kind",
        "district",
        "--code-property",
        "id",
        "--name-property",
        "label",
    )
    beats = _file(
        tmp_path, _collection(({"code": "N1", "name": "North 1", "d": "N"}, WEST)), "b.geojson"
    )
    call_command("load_areas", beats, "--kind", "beat", "--parent-property", "d")
    assert "Loaded 1 beats: N1" in capsys.readouterr().out
    north = Area.objects.get(code="N")
    assert (north.name, north.kind, north.population) == ("North", Area.DISTRICT, 900)
    assert Area.objects.get(code="N1").parent == north
    areas.invalidate_cache()
    assert areas.find_area(40.05, -89.97).code == "N1"
    assert AuditEvent.objects.filter(object_type="area", actor_label="command line").count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ('{"type": "Feature"}', "expected a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "has no features"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Point"}]}',
            "feature 1 is not a GeoJSON Feature",
        ),
        (
            _collection(({"code": "X"}, [[0, 0], [1, 1]])),
            "feature 1: a polygon ring needs at least 4",
        ),
        (_collection(({"code": "X"}, [[500, 0], [1, 0], [1, 1], [500, 0]])), "not WGS84"),
        (_collection(({"name": "no code"}, SQUARE)), "feature 1: property 'code' is missing"),
    ],
)
def test_it_explains_what_is_wrong_with_a_bad_file(
    db: Any, tmp_path: Path, content: Any, message: str
) -> None:
    path = _file(tmp_path, content)
    with pytest.raises(CommandError) as error:
        call_command("load_areas", path, "--kind", "district")
    assert message in str(error.value)
    assert path in str(error.value)
    assert not Area.objects.exists()


def test_it_loads_nothing_when_a_later_feature_is_bad(db: Any, tmp_path: Path) -> None:
    path = _file(tmp_path, _collection(({"code": "A"}, SQUARE), ({"name": "no code"}, SQUARE)))
    with pytest.raises(CommandError, match="feature 2"):
        call_command("load_areas", path, "--kind", "district")
    assert not Area.objects.exists()


def test_it_refuses_missing_files_unknown_parents_and_kinds(db: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_areas", str(tmp_path / "nope.geojson"), "--kind", "beat")
    beats = _file(tmp_path, _collection(({"code": "B1", "parent": "D9"}, SQUARE)))
    with pytest.raises(CommandError, match="not loaded: D9"):
        call_command("load_areas", beats, "--kind", "beat", "--parent-property", "parent")
    with pytest.raises(CommandError, match="kind"):
        call_command("load_areas", beats, "--kind", "precinct")
    binary = tmp_path / "x.geojson"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("load_areas", str(binary), "--kind", "beat")
    assert not Area.objects.exists()
