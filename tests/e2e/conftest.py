"""The browser of the end-to-end tests: Debian's Chromium driven by Playwright for Python, against pytest-django's
live server with the Zaanstreek demo data. One browser for all of them, a new context (cookies, viewport) per
person; axe-core comes from the `axe-playwright-python` wheel (nothing is fetched at run time).

Without the browser (or Playwright) the tests are skipped and say why; under CI=true they fail instead."""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

CHROMIUM = os.environ.get("WEERTHUIS_CHROMIUM", "/usr/bin/chromium")
# The rules of WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 740}
SMALL_PHONE = {"width": 320, "height": 640}  # WCAG 1.4.10 reflow: 320 CSS px
DESKTOP = {"width": 1280, "height": 900}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def browser_missing(reason: str):
    """As tests/conftest.py's service_missing: a failure under CI, a skip that says why elsewhere."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run)")
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests, closed when they are done (before the rest of the suite runs)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - requirements-dev.txt installs it
        browser_missing(f"Playwright for Python is not installed ({error}): pip install -r requirements-dev.txt")
    if not os.access(CHROMIUM, os.X_OK):
        browser_missing(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set WEERTHUIS_CHROMIUM)")
    # Chromium's sandbox refuses to start as root (CI and these machines run as root).
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    # Playwright's sync API keeps an event loop in this thread while it lives; the tests' own ORM calls (seeding,
    # reading what a journey wrote) are plain synchronous code, so Django's guard against async use is lifted for
    # that time only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, settings, transactional_db):
    """The live server with the demo data, over plain HTTP: cookies without the Secure flag (production sets it)."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = False
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    settings.DEMO_MODE = True  # seed_demo refuses outside demo mode; the demo users' exemption is off again below
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEMO_MODE = False
    return live_server


class Visitor:
    """A signed-in person's browser: `page` in a context of its own, `go(path)` to open a page of the site."""

    def __init__(self, context, base_url: str):
        self.context = context
        self.base_url = base_url
        self.page = context.new_page()
        self.page.set_default_timeout(15_000)

    def go(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, (path, response and response.status)
        return self.page


@pytest.fixture
def visit(browser, site):
    """`visit(username, viewport=DESKTOP, javascript=True)`: a browser context signed in as that demo user (None:
    anonymous), as after a complete sign-in with the second factor (the session carries the mark;
    tests/conftest.py); `javascript=False` for a browser that runs no script."""
    contexts = []

    def open_as(username: str | None, viewport: dict = DESKTOP, javascript: bool = True) -> Visitor:
        context = browser.new_context(
            viewport=viewport, locale="nl-NL", accept_downloads=True, java_script_enabled=javascript
        )
        contexts.append(context)
        if username is not None:
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            context.add_cookies(
                [
                    {
                        "name": django_settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                        "url": site.url,
                    }
                ]
            )
        return Visitor(context, site.url)

    yield open_as
    for context in contexts:
        context.close()


AXE_SOURCE = ""


def _load_axe() -> str:
    import axe_playwright_python

    global AXE_SOURCE
    AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    return AXE_SOURCE


def axe_violations(page, *, impacts: tuple[str, ...] | None = None) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (those of `impacts` only, when given)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the site's Content-Security-Policy forbids injected scripts.
        page.evaluate(AXE_SOURCE or _load_axe())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if impacts is None or violation["impact"] in impacts
    ]


def page_width(page) -> int:
    """How wide the document is: wider than the viewport means the whole page scrolls sideways."""
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
