"""The exercise library and its slideshow in a real browser, by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Server, new_page, snap

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "scheme"), [("phone", "dark"), ("desktop", "light")])
def test_the_slideshow_goes_through_all_seven_by_keyboard(
    browser: Browser, local_server: Server, shots: Path, size: str, scheme: str
) -> None:
    page = new_page(browser, size, scheme)
    page.goto(local_server.url + "/exercises")
    pictures = page.locator(".picture img")
    expect(pictures).to_have_count(7)
    assert all(
        page.evaluate("i => i.naturalWidth > 0", img.element_handle()) for img in pictures.all()
    )
    snap(page, shots / "01-library.png")
    page.get_by_role("link", name="go through all seven as a slideshow").click()
    for number in range(1, 8):
        expect(page.get_by_text(f"Stretch {number} of 7")).to_be_visible()
        page.wait_for_load_state("load")  # the arrow keys work once the page's script has run
        if number == 2:
            snap(page, shots / "02-slide.png")
        if number < 7:
            page.keyboard.press("ArrowRight")
    expect(page.get_by_role("link", name="Done")).to_be_visible()
