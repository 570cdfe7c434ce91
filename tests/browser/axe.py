"""Run axe-core (bundled by axe-playwright-python) on a page and fail on serious problems."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def assert_accessible(page: Any, what: str) -> None:
    results = _axe.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    if bad:
        report = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
                "html": [n["html"][:200] for n in v["nodes"]][:3],
            }
            for v in bad
        ]
        print(json.dumps(report, indent=2, ensure_ascii=False))
        pytest.fail(f"{what}: {len(bad)} serious or critical accessibility problem(s): {report}")
