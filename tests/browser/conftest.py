"""Playwright with Debian's Chromium against pytest-django's live server."""

import os

import pytest

# The sync Playwright API runs an event loop in this thread; Django's ORM calls in the
# tests themselves are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


# A browser test that hangs (a page that never answers, a wait with no end) fails the run
# with every thread's stack after this long, instead of holding CI until its limit. The
# thread method: the test waits inside Playwright's event loop, where a signal cannot stop it.
BROWSER_TEST_TIMEOUT = 900


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(BROWSER_TEST_TIMEOUT, method="thread"))


def _dump_greenlets(terminal) -> None:
    """Also write the stack of each waiting greenlet: the test's own code waits in one while
    Playwright's event loop runs in another, so thread stacks alone hide the line that hung."""
    import gc
    import traceback

    from greenlet import greenlet

    for obj in gc.get_objects():
        if isinstance(obj, greenlet) and obj.gr_frame is not None:
            terminal.sep("~", title=f"Stack of waiting greenlet {obj!r}")
            terminal.write("".join(traceback.format_stack(obj.gr_frame)))


def pytest_configure(config):
    if config.pluginmanager.hasplugin("timeout"):
        import pytest_timeout

        dump_threads = pytest_timeout.dump_stacks

        def dump_stacks(terminal):
            dump_threads(terminal)
            _dump_greenlets(terminal)

        pytest_timeout.dump_stacks = dump_stacks


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server):
    yield from _page(browser, live_server, accept_downloads=True)


@pytest.fixture
def no_js_page(browser, live_server):
    yield from _page(browser, live_server, java_script_enabled=False)


def sign_in(page, username: str, password: str = "demo-password") -> None:  # noqa: S107
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def fill_date(page, legend: str, day: int, month: int, year: int) -> None:
    """Type a date into the GOV.UK date input whose fieldset's legend is ``legend``."""
    group = page.get_by_role("group", name=legend)
    for part, value in (("Day", day), ("Month", month), ("Year", year)):
        group.get_by_label(part, exact=True).fill(str(value))
