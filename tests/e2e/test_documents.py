"""The documents in a real browser: the handout downloads from My plan; My data offers FHIR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Server, new_page, snap
from tests.e2e.test_person_journey import answer_intake

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("size", "scheme"),
    [("phone", "light"), ("phone", "dark"), ("desktop", "light"), ("desktop", "dark")],
)
def test_a_person_downloads_their_handout_from_my_plan(
    browser: Browser, local_server: Server, shots: Path, size: str, scheme: str
) -> None:
    page = new_page(browser, size, scheme)
    page.goto(local_server.url + "/start")
    answer_intake(page, shots)
    expect(page.get_by_role("heading", name="My plan")).to_be_visible()
    expect(page.get_by_label("Copy this address into your calendar app")).to_have_value(
        re.compile(re.escape(f"{local_server.url}/calendar/") + r"[\w-]{40,}\.ics")
    )
    snap(page, shots / "10-plan-with-documents.png")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Handout, A4 (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "sicoach-handout-a4.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name="My data").click()
    expect(
        page.get_by_role("link", name="Download for another health system (FHIR R4B JSON)")
    ).to_be_visible()
    snap(page, shots / "11-my-data.png")
