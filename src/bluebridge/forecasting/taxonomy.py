"""The department's offense taxonomy: raw offense labels -> offense code, group and origin.

Every imported incident keeps its raw label (`offense_raw`) and gets an offense code, an offense
group (what analysts forecast: burglary, vehicle theft, robbery, ...) and an origin: whether
such incidents are normally reported by the public or found by officers on their own initiative.
Officer-found incidents (drugs, weapons possession, public-order stops...) follow where patrols
go, so a model trained on them sends patrols back where they already were: a runaway feedback
loop. Forecasts can therefore be restricted to public-initiated incidents.

The built-in rules match words in the normalised label (lowercase, words joined by "_"); a
department replaces or extends them with an offense-map CSV (`raw,code,group[,origin]`), whose
exact labels win over the rules. No Django.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PUBLIC, OFFICER, UNKNOWN = "public", "officer", "unknown"
ORIGINS = (PUBLIC, OFFICER, UNKNOWN)

# Offense groups analysts forecast, in the order the page lists them.
GROUPS: dict[str, str] = {
    "burglary": "Burglary",
    "vehicle_theft": "Vehicle theft",
    "robbery": "Robbery",
    "assault": "Assault",
    "shooting": "Shooting",
    "theft": "Theft",
    "damage": "Criminal damage",
    "disorder": "Disorder and anti-social behaviour",
    "drugs": "Drugs",
    "weapons": "Weapons possession",
    "other": "Other",
}


@dataclass(frozen=True)
class Offense:
    code: str
    group: str
    origin: str


@dataclass(frozen=True)
class _Rule:
    words: tuple[str, ...]  # all of these must appear (as substrings of the label)
    offense: Offense


def _rule(words: str, code: str, group: str, origin: str = PUBLIC) -> _Rule:
    return _Rule(tuple(words.split()), Offense(code, group, origin))


# First match wins: specific rules before general ones.
RULES: tuple[_Rule, ...] = (
    _rule("shoot", "shooting", "shooting"),
    _rule("shots", "shots_fired", "shooting"),
    _rule("homicide", "homicide", "assault"),
    _rule("murder", "homicide", "assault"),
    _rule("vehicle stolen", "motor_vehicle_theft", "vehicle_theft"),
    _rule("vehicle recovered", "motor_vehicle_recovered", "vehicle_theft"),
    _rule("motor vehicle theft", "motor_vehicle_theft", "vehicle_theft"),
    _rule("vehicle crime", "vehicle_crime", "vehicle_theft"),
    _rule("auto theft", "motor_vehicle_theft", "vehicle_theft"),
    _rule("car theft", "motor_vehicle_theft", "vehicle_theft"),
    _rule("burglary", "burglary", "burglary"),
    _rule("breaking", "burglary", "burglary"),
    _rule("prowler", "prowler", "burglary"),
    _rule("robbery", "robbery", "robbery"),
    _rule("mugging", "robbery", "robbery"),
    _rule("sexual", "sexual_offence", "assault"),
    _rule("rape", "sexual_offence", "assault"),
    _rule("aggravated assault", "aggravated_assault", "assault"),
    _rule("battery", "battery", "assault"),
    _rule("assault", "assault", "assault"),
    _rule("violence", "violent_crime", "assault"),
    _rule("violent", "violent_crime", "assault"),
    _rule("shoplifting", "shoplifting", "theft"),
    _rule("bicycle", "bicycle_theft", "theft"),
    _rule("theft", "theft", "theft"),
    _rule("larceny", "theft", "theft"),
    _rule("stolen", "theft", "theft"),
    _rule("damage", "criminal_damage", "damage"),
    _rule("vandalism", "criminal_damage", "damage"),
    _rule("arson", "arson", "damage"),
    _rule("graffiti", "criminal_damage", "damage"),
    _rule("narcotic", "drugs", "drugs", OFFICER),
    _rule("drug", "drugs", "drugs", OFFICER),
    _rule("weapon", "weapons", "weapons", OFFICER),
    _rule("concealed carry", "weapons", "weapons", OFFICER),
    _rule("traffic stop", "traffic_stop", "other", OFFICER),
    _rule("pedestrian stop", "pedestrian_stop", "other", OFFICER),
    _rule("premise check", "premise_check", "other", OFFICER),
    _rule("warrant", "warrant", "other", OFFICER),
    _rule("prostitution", "prostitution", "disorder", OFFICER),
    _rule("gambling", "gambling", "disorder", OFFICER),
    _rule("liquor", "liquor_law", "disorder", OFFICER),
    _rule("interference", "interference_with_officer", "other", OFFICER),
    _rule("public order", "public_order", "disorder", UNKNOWN),
    _rule("public peace", "public_order", "disorder", UNKNOWN),
    _rule("anti social", "antisocial_behaviour", "disorder"),
    _rule("antisocial", "antisocial_behaviour", "disorder"),
    _rule("disturbance", "disturbance", "disorder"),
    _rule("disorder", "disorder", "disorder"),
    _rule("noise", "noise", "disorder"),
    _rule("suspicious", "suspicious", "other", UNKNOWN),
)
OTHER = Offense("other", "other", UNKNOWN)


def normalise(label: str) -> str:
    """'MOTOR VEHICLE THEFT' and 'Motor-vehicle theft' -> 'motor_vehicle_theft'."""
    return "_".join(re.findall(r"[a-z0-9]+", label.lower()))


class OffenseMapError(ValueError):
    pass


class Taxonomy:
    """Classifies raw labels; results are cached per label (files repeat few labels)."""

    def __init__(self, overrides: dict[str, Offense] | None = None) -> None:
        self.overrides = {normalise(k): v for k, v in (overrides or {}).items()}
        self._cache: dict[str, Offense] = {}

    def classify(self, label: str) -> Offense:
        key = normalise(label)
        found = self._cache.get(key)
        if found is None:
            found = self.overrides.get(key) or _by_rules(key)
            if len(self._cache) < 100_000:
                self._cache[key] = found
        return found

    @classmethod
    def from_file(cls, path: str | Path) -> Taxonomy:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            return cls(read_offense_map(handle))


def _by_rules(key: str) -> Offense:
    spaced = key.replace("_", " ")
    for rule in RULES:
        if all(word in spaced for word in rule.words):
            return rule.offense
    return OTHER


def read_offense_map(lines: Iterable[str]) -> dict[str, Offense]:
    """Read `raw,code,group[,origin]` rows (a header row naming these columns is required)."""
    reader = csv.DictReader(lines)
    missing = {"raw", "code", "group"} - set(reader.fieldnames or [])
    if missing:
        raise OffenseMapError(f"offense map: missing column(s) {', '.join(sorted(missing))}")
    out: dict[str, Offense] = {}
    for number, row in enumerate(reader, start=2):
        raw, code, group = (row.get(k, "").strip() for k in ("raw", "code", "group"))
        origin = (row.get("origin") or UNKNOWN).strip().lower() or UNKNOWN
        if not raw or not code or not group:
            raise OffenseMapError(f"offense map line {number}: raw, code and group are required")
        if group not in GROUPS:
            raise OffenseMapError(
                f"offense map line {number}: unknown group {group!r} (one of {', '.join(GROUPS)})"
            )
        if origin not in ORIGINS:
            raise OffenseMapError(
                f"offense map line {number}: origin must be public, officer or unknown"
            )
        out[raw] = Offense(normalise(code), group, origin)
    return out
