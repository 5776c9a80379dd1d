"""Find a physician in a real browser: type a ZIP, search, see a card with a phone to tap."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from sicoach.services.physicians import import_nppes_file
from sicoach.settings import Settings
from sicoach.store.db import open_database
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
from tests.e2e.conftest import SIZES, Server, new_page, snap
from tests.physicians.fixtures import organization, person, write

pytestmark = pytest.mark.browser

PROVIDERS = [
    person(1, "60622", first="ZOE", last="FARTHER"),
    person(2, "60611", first="AMY", last="NEAR", taxonomies=[("111N00000X", True)]),
    organization(3, "60622", "WICKER PARK CHIROPRACTIC, INC"),
]


@pytest.mark.parametrize(
    ("size", "scheme"),
    [("phone", "light"), ("phone", "dark"), ("desktop", "light"), ("desktop", "dark")],
)
def test_a_person_searches_by_zip_and_sees_the_nearest_provider_first(
    browser: Browser, local_server: Server, shots: Path, tmp_path: Path, size: str, scheme: str
) -> None:
    engine = open_database(Settings(data_dir=local_server.data_dir).resolved_database_url)
    import_nppes_file(SqlAlchemyUnitOfWork(engine), write(tmp_path, PROVIDERS))
    engine.dispose()
    page = new_page(browser, size, scheme)
    page.goto(local_server.url + "/exercises")
    page.get_by_role("link", name="Find a physician near you").click()
    expect(page.get_by_role("heading", name="First, check for warning signs")).to_be_visible()
    page.get_by_label("Your ZIP code").fill("60611")
    page.get_by_label("How far").select_option("10")
    page.get_by_role("button", name="Search").click()
    first = page.locator(".provider").first
    expect(first.get_by_role("heading")).to_have_text("AMY NEAR, PT, DPT")
    expect(first.get_by_role("link", name="(312) 555-0100")).to_have_attribute(
        "href", "tel:+13125550100"
    )
    expect(first).to_contain_text("mi (between ZIP code centres)")
    if size == "phone":  # the results are in view at once, not far down the page
        top = first.bounding_box()
        assert top is not None and top["y"] < SIZES["phone"]["height"]
    snap(page, shots / "physicians-results-in-view.png", full_page=False)
    snap(page, shots / "physicians.png")
