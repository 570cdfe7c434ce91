"""The Spanish catalogue: compiled, up to date, and its placeholders intact."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "src" / "bluebridge" / "locale" / "es" / "LC_MESSAGES" / "django.po"


def _compiler():
    spec = importlib.util.spec_from_file_location(
        "compile_messages", ROOT / "scripts" / "compile_messages.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_has_a_compiled_catalogue_that_matches_the_po_file():
    compiler = _compiler()
    assert PO.with_suffix(".mo").exists(), "run: python scripts/compile_messages.py"
    assert compiler.is_up_to_date(PO), (
        "src/bluebridge/locale/es/LC_MESSAGES/django.mo is out of date: "
        "run python scripts/compile_messages.py"
    )


def test_it_keeps_every_placeholder_in_the_translations():
    catalog = _compiler().parse_po(PO)
    placeholder = re.compile(r"%\(\w+\)s")
    for key, value in catalog.items():
        if not key:
            continue
        source = key.split("\x04")[-1].split("\0")[-1]
        for form in value.split("\0"):
            assert set(placeholder.findall(form)) <= set(placeholder.findall(key)), key
            if "\0" not in key:
                assert set(placeholder.findall(form)) == set(placeholder.findall(source)), key


def test_it_compiles_what_gnu_msgfmt_compiles(tmp_path):
    compiler = _compiler()
    po = tmp_path / "t.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy\nmsgid "Skip"\nmsgstr "Saltar"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Abrir"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] "muchos"\n\n'
        'msgid ""\n"Long "\n"text"\nmsgstr "Texto \\"largo\\""\n',
        encoding="utf-8",
    )
    catalog = compiler.read_mo(compiler.mo_bytes(compiler.parse_po(po)))
    assert "Skip" not in catalog  # fuzzy entries are left out
    assert catalog["menu\x04Open"] == "Abrir"
    assert catalog[("one", 0)] == "uno" and catalog[("one", 1)] == "muchos"
    assert catalog["Long text"] == 'Texto "largo"'


def test_it_refuses_a_broken_po_file(tmp_path):
    compiler = _compiler()
    po = tmp_path / "bad.po"
    po.write_text('msgid "a"\nmsgstr unquoted\n', encoding="utf-8")
    with pytest.raises(compiler.PoError, match=r"bad\.po:2"):
        compiler.parse_po(po)
