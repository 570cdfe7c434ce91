"""Importing a mapped CSV, a Socrata (Chicago) export and police.uk street-level files."""

from __future__ import annotations

import pytest
from django.utils import timezone
from pyproj import Transformer

from bluebridge.forecasting.dbmodels import Incident
from bluebridge.forecasting.importers import MappingError, import_lines, parse_mapping
from tests.forecasting.conftest import csv_lines

pytestmark = pytest.mark.django_db


def test_it_reads_a_csv_through_a_column_mapping_and_converts_projected_coordinates(city):
    # The file gives only state-plane feet (EPSG:3435, Illinois East) for a point in beat B1.
    to_feet = Transformer.from_crs("EPSG:4326", "EPSG:3435", always_xy=True)
    fx, fy = to_feet.transform(-90.01, 40.01)
    lines = csv_lines(
        "Case,Reported,Hour,Type,Easting,Northing,How",
        f"C-1,2024-05-01,13:30,Burglary,{fx:.2f},{fy:.2f},Citizen call",
        f"C-2,2024-05-01,14:00,Theft,{fx:.2f},{fy:.2f},On-view (officer)",
        "C-3,2024-05-01,14:00,Theft,,,Citizen call",
    )
    mapping = parse_mapping(
        [
            "Case=id",
            "Reported=date",
            "Hour=time",
            "Type=offense",
            "Easting=x",
            "Northing=y",
            "How=origin",
        ]
    )
    batch = import_lines(lines, file_name="rms.csv", format="csv", mapping=mapping, crs="EPSG:3435")
    assert (batch.rows_loaded, batch.rows_bad) == (2, 1)
    assert batch.errors == [{"line": 4, "reason": "no coordinates"}]
    first = Incident.objects.get(source_id="C-1")
    assert first.lat == pytest.approx(40.01, abs=1e-5) and first.lon == pytest.approx(
        -90.01, abs=1e-5
    )
    assert first.area.code == "B1" and first.precision == "exact"
    assert timezone.localtime(first.occurred_at).hour == 13 and first.origin == "public"
    assert Incident.objects.get(source_id="C-2").origin == "officer"


def test_it_says_a_crs_is_needed_for_projected_coordinates(city):
    lines = csv_lines("id,when,type,e,n", "1,2024-05-01,theft,1000,2000")
    mapping = parse_mapping(["id=id", "when=occurred_at", "type=offense", "e=x", "n=y"])
    batch = import_lines(lines, file_name="rms.csv", format="csv", mapping=mapping)
    assert batch.errors == [{"line": 2, "reason": "x, y given without a CRS: pass --crs EPSG:NNNN"}]


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["Type"], "write COLUMN=FIELD"),
        (["Type=colour"], "unknown field 'colour'"),
    ],
)
def test_it_refuses_a_bad_mapping(pairs, message):
    with pytest.raises(MappingError, match=message):
        parse_mapping(pairs)


def test_it_refuses_a_mapping_without_dates_or_positions(db):
    with pytest.raises(MappingError, match="occurred_at"):
        import_lines(["a\n"], file_name="x.csv", format="csv", mapping={"offense": "a"})
    with pytest.raises(MappingError, match="lat and lon"):
        import_lines(
            ["a,b\n"], file_name="x.csv", format="csv", mapping={"offense": "a", "date": "b"}
        )
    with pytest.raises(MappingError, match="no column"):
        import_lines(
            ["a,b\n"],
            file_name="x.csv",
            format="csv",
            mapping={"offense": "a", "date": "b", "lat": "la", "lon": "lo"},
        )


SOCRATA = csv_lines(
    "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,"
    "Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,"
    "Updated On,Latitude,Longitude,Location",
    "10000001,HZ100001,01/31/2024 11:05:00 PM,001XX W MAIN ST,0610,BURGLARY,FORCIBLE ENTRY,"
    "RESIDENCE,false,false,0111,001,1,1,05,,,2024,02/07/2024 03:40:00 PM,40.01,-90.01,"
    '"(40.01, -90.01)"',
    "10000002,HZ100002,02/01/2024 09:00:00 AM,002XX W MAIN ST,2027,NARCOTICS,POSS: CRACK,"
    "STREET,true,false,0111,001,1,1,18,,,2024,02/07/2024 03:40:00 PM,40.012,-89.99,",
    "10000003,HZ100003,31/31/2024 09:00:00 AM,002XX W MAIN ST,0820,THEFT,$500 AND UNDER,"
    "STREET,false,false,0111,001,1,1,06,,,2024,02/07/2024 03:40:00 PM,40.012,-89.99,",
)


def test_it_reads_a_socrata_export_with_chicago_columns(city):
    batch = import_lines(SOCRATA, file_name="Crimes_-_2024.csv", format="socrata")
    assert (batch.rows_loaded, batch.rows_bad) == (2, 1)
    assert batch.errors[0]["line"] == 4 and "is not a date" in batch.errors[0]["reason"]
    burglary = Incident.objects.get(source_id="10000001")
    assert burglary.offense_raw == "BURGLARY - FORCIBLE ENTRY"
    assert burglary.group == "burglary" and burglary.origin == "public"
    when = timezone.localtime(burglary.occurred_at)
    assert (when.day, when.hour, when.minute) == (31, 23, 5)
    assert Incident.objects.get(source_id="10000002").origin == "officer"


POLICEUK = csv_lines(
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context",
    "abc1,2019-05,City of London Police,City of London Police,-0.106453,51.518207,"
    "On or near Charterhouse Street,E01000916,Camden 027B,Burglary,Under investigation,",
    ",2019-05,City of London Police,City of London Police,-0.106453,51.518207,"
    "On or near Charterhouse Street,E01000916,Camden 027B,Anti-social behaviour,,",
    ",2019-05,City of London Police,City of London Police,-0.106453,51.518207,"
    "On or near Charterhouse Street,E01000916,Camden 027B,Anti-social behaviour,,",
    "abc4,2019-05,City of London Police,City of London Police,,,No Location,,,Drugs,,",
)


def test_it_reads_police_uk_files_with_month_dates_and_rows_without_ids(city):
    batch = import_lines(POLICEUK, file_name="2019-05-city-of-london-street.csv", format="policeuk")
    assert (batch.rows_loaded, batch.rows_bad) == (3, 1)
    assert batch.errors[0]["line"] == 5 and "no coordinates" in batch.errors[0]["reason"]
    incidents = list(Incident.objects.order_by("id"))
    assert {i.precision for i in incidents} == {"month"}
    assert (
        timezone.localtime(incidents[0].occurred_at).day == 1 and incidents[0].group == "burglary"
    )
    asb = [i for i in incidents if i.group == "disorder"]
    assert len(asb) == 2 and asb[0].source_id != asb[1].source_id  # identical rows both kept
    again = import_lines(POLICEUK, file_name="2019-05-city-of-london-street.csv", format="policeuk")
    assert (again.rows_loaded, again.rows_duplicate) == (0, 3)
