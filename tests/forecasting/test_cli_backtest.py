import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.forecasting.incident_files import write_incidents

BASE = [
    "--crs",
    "EPSG:32618",
    "--cell-size",
    "200",
    "--from",
    "2016-02-01",
    "--to",
    "2016-03-15",
    "--every",
    "7d",
    "--horizon",
    "7d",
]


@pytest.fixture
def incidents_csv(tmp_path):
    return write_incidents(tmp_path)


def test_backtest_prints_a_table_beside_naive_and_writes_json(incidents_csv, tmp_path):
    out, js = StringIO(), tmp_path / "bt.json"
    call_command(
        "forecast",
        "backtest",
        "--incidents",
        str(incidents_csv),
        *BASE,
        "--model",
        "stkde",
        "--area",
        "0.25",
        "--json",
        str(js),
        stdout=out,
    )
    text = out.getvalue()
    assert "naive" in text and "stkde" in text and "PAI" in text and "0.25 sq mi" in text
    data = json.loads(js.read_text())
    assert [r["model"] for r in data["results"]] == ["naive", "stkde"]
    levels = [m["level"] for m in data["results"][1]["metrics"]]
    assert levels == ["1%", "5%", "10%", "0.25 sq mi"]
    assert len(data["results"][0]["origins"]) == 7


def test_report_renders_self_contained_html(incidents_csv, tmp_path):
    html = tmp_path / "r.html"
    call_command(
        "forecast",
        "report",
        "--incidents",
        str(incidents_csv),
        *BASE,
        "--models",
        "naive,stkde",
        "--model",
        "best",
        "--out",
        str(html),
        stdout=StringIO(),
    )
    text = html.read_text()
    assert text.startswith("<!doctype html>") and "<svg" in text
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in text
    for name in ("naive", "stkde", "best"):
        assert name in text


def test_backtest_explains_bad_coverage(incidents_csv):
    with pytest.raises(CommandError, match="--coverage"):
        call_command(
            "forecast",
            "backtest",
            "--incidents",
            str(incidents_csv),
            *BASE,
            "--coverage",
            "one",
            stdout=StringIO(),
        )


def test_report_refuses_unknown_models(incidents_csv, tmp_path):
    with pytest.raises(CommandError, match="unknown model"):
        call_command(
            "forecast",
            "report",
            "--incidents",
            str(incidents_csv),
            *BASE,
            "--models",
            "naive,tea_leaves",
            "--out",
            str(tmp_path / "r.html"),
        )
