"""Settings of the complaints app: a Django setting of the same name wins, else the environment.

BLUEBRIDGE_COMPLAINT_MAX_FILE_BYTES   largest evidence file (default 10 MB)
BLUEBRIDGE_COMPLAINT_MAX_FILES        files per upload (default 5)
BLUEBRIDGE_VIRUS_SCAN_COMMAND         e.g. "clamdscan --no-summary"; the file path is appended;
                                      exit 0 = clean, 1 = infected, other = error. Empty: files
                                      stay "unscanned".
BLUEBRIDGE_QUICK_EXIT_URL             where the quick-exit button goes (default a weather site)
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def _value(name: str, default: str) -> str:
    return str(getattr(settings, name, os.environ.get(name, default)))


def max_file_bytes() -> int:
    return int(_value("BLUEBRIDGE_COMPLAINT_MAX_FILE_BYTES", str(10 * 1024 * 1024)))


def max_files() -> int:
    return int(_value("BLUEBRIDGE_COMPLAINT_MAX_FILES", "5"))


def virus_scan_command() -> str:
    return _value("BLUEBRIDGE_VIRUS_SCAN_COMMAND", "").strip()


def quick_exit_url() -> str:
    return _value("BLUEBRIDGE_QUICK_EXIT_URL", "https://www.weather.gov/")


def private_dir() -> Path:
    """Where evidence is stored: under DATA_DIR/private, outside the media and static roots."""
    path = Path(settings.DATA_DIR) / "private" / "complaints"
    path.mkdir(parents=True, exist_ok=True)
    return path
