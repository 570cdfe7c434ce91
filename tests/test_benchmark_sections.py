"""docs/benchmarks.md is shared by several benchmark scripts: each rewrites only its section."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.sections import KEEP_MARKER, read_section, write_section


def test_it_adds_then_replaces_a_section_and_keeps_the_others(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    write_section("first", "## First\nold numbers", page)
    write_section("second", "## Second\nother numbers", page)
    write_section("first", "## First\nnew numbers", page)
    text = page.read_text()
    assert text.startswith("# Benchmarks")
    assert "new numbers" in text and "old numbers" not in text
    assert read_section("second", page) == "## Second\nother numbers"
    assert text.index("## First") < text.index("## Second")


def test_it_keeps_hand_written_analysis_across_runs(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    write_section("load", "## Load\nrun 1", page)
    text = page.read_text().replace(
        "run 1\n", f"run 1\n\n{KEEP_MARKER}\nWhy it is slow: the database.\n"
    )
    page.write_text(text)
    write_section("load", "## Load\nrun 2", page)
    section = read_section("load", page) or ""
    assert "run 2" in section and "run 1" not in section
    assert section.endswith("Why it is slow: the database.")


def test_it_refuses_a_section_name_that_is_not_a_slug(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lowercase"):
        write_section("Bad Name", "x", tmp_path / "b.md")
