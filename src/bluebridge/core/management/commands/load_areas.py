"""`bluebridge load-areas`: load districts or beats from a GeoJSON file."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from bluebridge.core import areas, audit, geography
from bluebridge.core.models import Area, AuditEvent


class Command(BaseCommand):
    help = (
        "Create or update districts or beats from a GeoJSON FeatureCollection of Polygon or "
        "MultiPolygon features in WGS84 longitude/latitude. Each feature needs a code property; "
        "a name and a population are optional. Load districts before the beats inside them."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the .geojson file")
        parser.add_argument(
            "--kind", required=True, choices=[Area.DISTRICT, Area.BEAT], help="what the file holds"
        )
        parser.add_argument(
            "--code-property", default="code", help="property holding each area's unique code"
        )
        parser.add_argument(
            "--name-property", default="name", help="property holding each area's name"
        )
        parser.add_argument(
            "--parent-property",
            default=None,
            help="property holding the code of the district a beat belongs to",
        )

    def _read(self, file: str) -> dict[str, Any]:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file}: not a UTF-8 text file") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{file}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from exc
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise CommandError(f"{file}: expected a GeoJSON FeatureCollection")
        features = data.get("features")
        if not isinstance(features, list) or not features:
            raise CommandError(f"{file}: the FeatureCollection has no features")
        for number, feature in enumerate(features, start=1):
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                raise CommandError(f"{file}: feature {number} is not a GeoJSON Feature")
        return data

    def _check_parents(self, file: str, data: dict[str, Any], prop: str) -> None:
        wanted = {str((f.get("properties") or {}).get(prop) or "") for f in data["features"]} - {""}
        found = set(Area.objects.filter(code__in=wanted).values_list("code", flat=True))
        missing = sorted(wanted - found)
        if missing:
            raise CommandError(
                f"{file}: {prop!r} names areas that are not loaded: {', '.join(missing[:10])} "
                "(load the districts first)"
            )

    def handle(self, *args: Any, **options: Any) -> None:
        file = options["file"]
        data = self._read(file)
        if options["parent_property"]:
            self._check_parents(file, data, options["parent_property"])
        try:
            touched = areas.load_geojson(
                data,
                kind=options["kind"],
                code_property=options["code_property"],
                name_property=options["name_property"],
                parent_property=options["parent_property"],
            )
        except (geography.GeometryError, ValueError, TypeError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        except DatabaseError as exc:
            raise CommandError(f"{file}: the database refused the areas: {exc}") from exc
        areas.invalidate_cache()
        codes = [a.code for a in touched]
        audit.record(
            AuditEvent.CHANGE,
            "area",
            options["kind"],
            summary=f"loaded {len(touched)} {options['kind']}s from {Path(file).name}",
            changes={"codes": codes[:200]},
            actor_label="command line",
        )
        self.stdout.write(f"Loaded {len(touched)} {options['kind']}s: {', '.join(codes[:20])}")
