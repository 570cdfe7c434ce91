"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Nothing is downloaded: we never run `playwright install`, we launch /usr/bin/chromium.
Without Chromium every browser test is skipped (and the run says so at the end), unless
BLUEBRIDGE_REQUIRE_BROWSER=1, in which case they fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM must still work here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("BLUEBRIDGE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = "Chromium not installed: browser tests skipped"
SKIP_NOTICE = "Browser tests were SKIPPED: Chromium is not installed (apt-get install chromium)"

_state = {"skipped": False}


def _chromium_missing() -> bool:
    return not CHROMIUM.exists()


def _browser_required() -> bool:
    return os.environ.get("BLUEBRIDGE_REQUIRE_BROWSER", "") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _chromium_missing():
        return
    for item in items:
        if item.get_closest_marker("browser") is None:
            continue
        if not _browser_required():  # when required, the browser fixture fails instead
            _state["skipped"] = True
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if _state["skipped"]:
        terminalreporter.write_line(SKIP_NOTICE)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if _chromium_missing():
        if _browser_required():
            pytest.fail(
                f"BLUEBRIDGE_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)"
            )
        _state["skipped"] = True
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Open a page on the live server in a fresh context; language 'en' or 'es'."""
    contexts = []
    own_host = urlsplit(live_server.url).netloc

    def block_the_outside(route: Any) -> None:
        # No network here: map tiles and anything not ours are refused at once, not awaited.
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            route.abort()

    def open_page(language: str = "en", **options: Any) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            locale="es-US" if language == "es" else "en-US",
            viewport=options.pop("viewport", {"width": 390, "height": 844}),
            **options,
        )
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        context.route("**/*", block_the_outside)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    """An English page on the live server (mobile-sized viewport)."""
    return new_page("en")
