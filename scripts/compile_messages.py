#!/usr/bin/env python3
"""Compile gettext catalogues (.po -> .mo) in pure Python, without GNU gettext.

    python scripts/compile_messages.py            # compile src/bluebridge/locale and each app's locale
    python scripts/compile_messages.py --check    # exit 1 if a .mo is missing or out of date
    python scripts/compile_messages.py path/to/django.po ...

The output is the standard GNU .mo format (as CPython's Tools/i18n/msgfmt.py writes it), so
Python's gettext and Django read it. Fuzzy entries are left out, as msgfmt does by default.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "bluebridge" / "locale"


class PoError(ValueError):
    pass


def _unquote(text: str, path: Path, number: int) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise PoError(f"{path}:{number}: expected a quoted string, got {text!r}")
    try:
        return ast.literal_eval(text)
    except (SyntaxError, ValueError) as exc:
        raise PoError(f"{path}:{number}: bad string {text!r}") from exc


def parse_po(path: Path) -> dict[str, str]:
    """Translations in a .po file, keyed as in a .mo: 'ctxt\\x04id', plurals joined by NUL."""
    catalog: dict[str, str] = {}
    entry: dict[str, object] = {}
    fuzzy = False
    section = ""

    def finish() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry:
            msgid = str(entry["msgid"])
            plural = entry.get("msgid_plural")
            if plural is not None:
                key = msgid + "\0" + str(plural)
                forms = entry.get("plurals", {})
                assert isinstance(forms, dict)
                value = "\0".join(forms[i] for i in sorted(forms))
            else:
                key = msgid
                value = str(entry.get("msgstr", ""))
            if "msgctxt" in entry:
                key = str(entry["msgctxt"]) + "\x04" + key
            is_header = msgid == "" and "msgctxt" not in entry
            translated = value.replace("\0", "") != ""
            if translated and (not fuzzy or is_header):
                catalog[key] = value
        entry = {}
        fuzzy = False

    lines = path.read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if "msgid" in entry:
                finish()  # a comment starts the next entry
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith("msgctxt "):
            if "msgid" in entry:
                finish()
            entry["msgctxt"] = _unquote(line[8:], path, number)
            section = "msgctxt"
        elif line.startswith("msgid_plural "):
            entry["msgid_plural"] = _unquote(line[13:], path, number)
            section = "msgid_plural"
        elif line.startswith("msgid "):
            if "msgid" in entry:
                finish()
            entry["msgid"] = _unquote(line[6:], path, number)
            section = "msgid"
        elif line.startswith("msgstr["):
            index_text, _, rest = line[7:].partition("]")
            forms = entry.setdefault("plurals", {})
            assert isinstance(forms, dict)
            section = f"plural:{int(index_text)}"
            forms[int(index_text)] = _unquote(rest, path, number)
        elif line.startswith("msgstr "):
            entry["msgstr"] = _unquote(line[7:], path, number)
            section = "msgstr"
        elif line.startswith('"'):
            text = _unquote(line, path, number)
            if section.startswith("plural:"):
                forms = entry["plurals"]
                assert isinstance(forms, dict)
                forms[int(section[7:])] += text
            elif section:
                entry[section] = str(entry[section]) + text
            else:
                raise PoError(f"{path}:{number}: a string outside any entry")
        else:
            raise PoError(f"{path}:{number}: cannot read {line!r}")
    finish()
    return catalog


def mo_bytes(catalog: dict[str, str]) -> bytes:
    """The GNU .mo file for a catalogue (keys sorted, no hash table)."""
    keys = sorted(catalog, key=lambda k: k.encode("utf-8"))
    ids = b""
    strs = b""
    offsets = []
    for key in keys:
        key_bytes = key.encode("utf-8")
        value_bytes = catalog[key].encode("utf-8")
        offsets.append((len(ids), len(key_bytes), len(strs), len(value_bytes)))
        ids += key_bytes + b"\0"
        strs += value_bytes + b"\0"
    count = len(keys)
    keys_start = 7 * 4 + 16 * count
    values_start = keys_start + len(ids)
    key_table = []
    value_table = []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, id_offset + keys_start]
        value_table += [str_length, str_offset + values_start]
    header = struct.pack(
        "Iiiiiii",
        0x950412DE,  # magic
        0,  # version
        count,
        7 * 4,  # start of the key index
        7 * 4 + count * 8,  # start of the value index
        0,  # hash table size
        0,  # hash table offset
    )
    return (
        header
        + struct.pack(f"{len(key_table)}i", *key_table)
        + struct.pack(f"{len(value_table)}i", *value_table)
        + ids
        + strs
    )


def read_mo(data: bytes) -> dict[str, str]:
    """What a .mo file holds, read by Python's own gettext (the header included)."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    return dict(translations._catalog)  # type: ignore[attr-defined]


def catalogues() -> list[Path]:
    # The project catalogue and each app's own (src/bluebridge/<app>/locale/...).
    found = set(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    found.update(LOCALE_DIR.parent.glob("*/locale/*/LC_MESSAGES/*.po"))
    return sorted(found)


def is_up_to_date(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return False
    return read_mo(mo.read_bytes()) == read_mo(mo_bytes(parse_po(po)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "po", nargs="*", type=Path, help=".po files (default: all under src/bluebridge/locale)"
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that every .mo is up to date"
    )
    args = parser.parse_args(argv)
    paths = args.po or catalogues()
    stale = []
    for po in paths:
        if args.check:
            if not is_up_to_date(po):
                stale.append(po)
            continue
        po.with_suffix(".mo").write_bytes(mo_bytes(parse_po(po)))
        print(
            f"compiled {po.with_suffix('.mo').relative_to(ROOT) if po.is_relative_to(ROOT) else po}"
        )
    for po in stale:
        print(f"out of date: {po.with_suffix('.mo')} (run python scripts/compile_messages.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
