"""Offense labels map to the department's taxonomy; an offense map file overrides the rules."""

from __future__ import annotations

import pytest

from bluebridge.forecasting.taxonomy import OffenseMapError, Taxonomy, read_offense_map


@pytest.mark.parametrize(
    ("label", "group", "origin"),
    [
        ("residential_burglary", "burglary", "public"),
        ("MOTOR VEHICLE THEFT", "vehicle_theft", "public"),
        ("auto_theft", "vehicle_theft", "public"),
        ("Vehicle crime", "vehicle_theft", "public"),
        ("shooting", "shooting", "public"),
        ("Theft from the person", "theft", "public"),
        ("Anti-social behaviour", "disorder", "public"),
        ("Possession of weapons", "weapons", "officer"),
        ("NARCOTICS - POSS: CRACK", "drugs", "officer"),
        ("traffic_stop", "other", "officer"),
        ("Criminal damage and arson", "damage", "public"),
        ("something else entirely", "other", "unknown"),
    ],
)
def test_it_classifies_common_labels(label, group, origin):
    offense = Taxonomy().classify(label)
    assert (offense.group, offense.origin) == (group, origin)


def test_it_lets_an_offense_map_override_the_rules():
    overrides = read_offense_map(
        ["raw,code,group,origin\n", "Prowler,prowler_call,disorder,public\n"]
    )
    taxonomy = Taxonomy(overrides)
    assert taxonomy.classify("PROWLER").group == "disorder"
    assert taxonomy.classify("prowler").code == "prowler_call"
    assert taxonomy.classify("burglary").group == "burglary"  # rules still apply elsewhere


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (["raw,code\n"], "missing column"),
        (["raw,code,group\n", "x,y,nonsense\n"], "line 2: unknown group"),
        (["raw,code,group,origin\n", "x,y,theft,maybe\n"], "line 2: origin"),
        (["raw,code,group\n", ",y,theft\n"], "line 2: raw, code and group are required"),
    ],
)
def test_it_refuses_a_bad_offense_map_with_the_line(text, message):
    with pytest.raises(OffenseMapError, match=message):
        read_offense_map(text)
