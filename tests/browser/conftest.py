"""Browser tests in real Chromium (Debian package), driven by Playwright, with axe-core for accessibility.

Never run `playwright install`: the network is closed and the system Chromium is used.
"""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium est absent ({CHROMIUM}) : installez-le avec « sudo apt-get install chromium »."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    # The live server sees only committed data: reload the reference data that the previous test flushed.
    call_command("load_reference_data", stdout=io.StringIO())
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, user, password=PASSWORD):
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").last.click()
    page.wait_for_url("**/mon-compte/")


_axe = Axe()


def assert_accessible(page):
    """No serious or critical axe-core violation on the current page."""
    violations = [
        violation for violation in _axe.run(page).response["violations"] if violation["impact"] in BLOCKING_IMPACTS
    ]
    report = "\n".join(
        f"- {violation['id']} ({violation['impact']}) : {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in violations
    )
    assert not violations, f"Violations axe sur {page.url} :\n{report}"
