"""Incident importers: common schema, CSV with a column mapping, Socrata exports, police.uk."""

from bluebridge.forecasting.importers.formats import MappingError, parse_mapping
from bluebridge.forecasting.importers.loader import import_bytes, import_file, import_lines

FORMATS = ("common", "csv", "socrata", "policeuk")

__all__ = [
    "FORMATS",
    "MappingError",
    "import_bytes",
    "import_file",
    "import_lines",
    "parse_mapping",
]
