"""A newcomer in a real browser: intake, plan, a whole session at high speed, pain, progress."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server, new_page, snap

pytestmark = pytest.mark.browser

SPEED = 400


def answer_intake(page: Page, shots: Path, *, precaution: str | None = None) -> None:
    """Fill the intake one group at a time, as a person would."""
    page.get_by_label("Your age").fill("42")
    page.locator("input[name='pain.now'][value='5']").check()
    page.locator("input[name='pain.sides'][value='left']").check()
    page.locator("input[name='pain.areas'][value='buttock']").check()
    page.get_by_label("How many weeks have you had this pain?").fill("3")
    snap(page, shots / "02-intake-about.png")
    page.get_by_role("button", name="Next →").click()
    for radio in page.locator("fieldset[data-group='2'] input[value='false']").all():
        radio.check()
    snap(page, shots / "03-intake-safety.png")
    page.get_by_role("button", name="Next →").click()
    for radio in page.locator("fieldset[data-group='3'] input[value='false']").all():
        radio.check()
    if precaution:
        page.locator(f"input[name='{precaution}'][value='true']").check()
    page.get_by_role("button", name="Next →").click()
    for radio in page.locator("fieldset[data-group='4'] input[value='false']").all():
        radio.check()
    page.locator("input[name='equipment'][value='two-chairs']").check()
    page.locator("input[name='equipment'][value='wall']").check()
    page.get_by_label("Minutes a day you can give").fill("15")
    snap(page, shots / "04-intake-stretches.png")
    page.get_by_role("button", name="See my plan").click()


@pytest.mark.parametrize(("size", "scheme"), [("phone", "light"), ("desktop", "dark")])
def test_a_newcomer_goes_from_intake_to_progress(
    browser: Browser, local_server: Server, shots: Path, size: str, scheme: str
) -> None:
    page = new_page(browser, size, scheme)
    page.goto(local_server.url + "/")
    snap(page, shots / "01-welcome.png")
    page.get_by_role("link", name="Start the questions").click()
    answer_intake(page, shots)

    expect(page.get_by_role("heading", name="My plan")).to_be_visible()
    snap(page, shots / "05-plan.png")

    page.goto(f"{local_server.url}/session?speed={SPEED}")
    snap(page, shots / "06-session-before.png")
    page.locator("input[name='pain-before'][value='4']").check()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#live")).to_be_visible()
    page.wait_for_timeout(300)
    snap(page, shots / "07-session-live.png", full_page=False)
    expect(page.locator("#after")).to_be_visible(timeout=60_000)
    expect(page.locator("#saved")).to_have_text("Your session is saved.")
    page.locator("input[name='pain-during'][value='3']").check()
    page.locator("input[name='pain-now'][value='2']").check()
    snap(page, shots / "08-session-pain.png")
    page.get_by_role("button", name="Save my pain").click()
    expect(page.locator("#thanks")).to_be_visible()

    page.get_by_role("link", name="See my progress").click()
    expect(page.locator(".figure-number")).to_have_text("1")
    expect(page.get_by_role("row", name="After a session")).to_contain_text("2/10")
    snap(page, shots / "09-progress.png")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_emergency_answer_ends_the_questions_with_a_call_button(
    browser: Browser, local_server: Server, shots: Path, scheme: str
) -> None:
    page = new_page(browser, "phone", scheme)
    page.goto(local_server.url + "/start")
    page.get_by_label("Your age").fill("42")
    page.get_by_role("button", name="Next →").click()
    # Next checks this group's answers before going on.
    expect(page.locator("#form-problems")).to_be_visible()
    expect(page.locator("fieldset[data-group='1']")).to_be_visible()
    snap(page, shots / "02-intake-problems.png")
    page.locator("input[name='pain.now'][value='5']").check()
    page.locator("input[name='pain.sides'][value='left']").check()
    page.locator("input[name='pain.areas'][value='buttock']").check()
    page.get_by_label("How many weeks have you had this pain?").fill("3")
    page.get_by_role("button", name="Next →").click()
    expect(page.locator("fieldset[data-group='2']")).to_be_visible()
    expect(page.locator("fieldset[data-group='1']")).to_be_hidden()
    # click, not check: answering yes submits the form at once, and check() would wait
    # for a tick on a page that has already gone.
    page.locator("input[name='red_flags.saddle_numbness'][value='true']").click()
    # Told at once: no more questions, the advice and a number to call.
    expect(page.get_by_role("heading", name="Get emergency care now")).to_be_visible()
    call = page.get_by_role("link", name="Call 911 now")
    expect(call).to_have_attribute("href", "tel:911")
    snap(page, shots / "03-emergency.png")
    page.get_by_role("link", name="Session").click()
    expect(page.get_by_role("heading", name="Get emergency care now")).to_be_visible()
    expect(page.get_by_role("button", name="Start")).to_have_count(0)


def test_the_session_works_from_the_keyboard_alone(
    browser: Browser, local_server: Server, shots: Path
) -> None:
    page = new_page(browser, "desktop")
    page.goto(local_server.url + "/start")
    answer_intake(page, shots)
    page.goto(f"{local_server.url}/session?speed=2")
    page.get_by_role("button", name="Start").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#before-error")).to_contain_text("Please choose your pain before")
    page.locator("input[name='pain-before'][value='0']").focus()
    page.keyboard.press("ArrowRight")  # a radio group moves and ticks with the arrow keys
    expect(page.locator("input[name='pain-before'][value='1']")).to_be_checked()
    page.get_by_role("button", name="Start").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#live")).to_be_visible()
    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Resume")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#announce")).to_have_text("Paused")
    shown = page.locator("#countdown").inner_text()
    page.wait_for_timeout(1200)
    assert page.locator("#countdown").inner_text() == shown  # paused means paused
    page.keyboard.press("Escape")  # asks first; Escape again keeps going
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(page.get_by_role("button", name="Keep going")).to_be_focused()
    snap(page, shots / "session-end-asked.png", full_page=False)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator("#live")).to_be_visible()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()  # still paused
    page.keyboard.press("Escape")
    page.get_by_role("button", name="End the session").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Session stopped")).to_be_focused()
    expect(page.locator("#saved")).to_have_text("What you did is saved.")


def test_a_session_left_in_the_background_resumes_where_its_deadlines_say(
    browser: Browser, local_server: Server, shots: Path
) -> None:
    page = new_page(browser, "phone")
    page.clock.install()
    page.goto(local_server.url + "/start")
    answer_intake(page, shots)
    page.goto(local_server.url + "/session")
    steps = page.evaluate(
        "() => JSON.parse(document.getElementById('session-data').textContent).script.steps"
    )
    page.locator("input[name='pain-before'][value='2']").check()
    page.get_by_role("button", name="Start").click()
    # Jump 100 s at once, as a hidden tab does when the browser stops its timers.
    page.clock.fast_forward(100_000)
    elapsed, index = 0.0, 0
    while elapsed + steps[index]["seconds"] <= 100.0:
        elapsed += steps[index]["seconds"]
        index += 1
    expected = steps[index]
    page.clock.run_for(150)
    expect(page.locator("#cue")).to_have_text(expected["cue"])
    left = int(page.locator("#countdown").inner_text())
    assert left == math.ceil(elapsed + expected["seconds"] - 100.15)
    snap(page, shots / "01-resumed.png", full_page=False)


def test_without_javascript_the_safety_groups_next_gives_the_emergency_page(
    browser: Browser, local_server: Server, shots: Path
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(local_server.url + "/start")
    expect(page.locator("fieldset[data-group='4']")).to_be_visible()  # every group shows
    page.locator("input[name='red_flags.bladder_or_bowel_change'][value='true']").check()
    snap(page, shots / "01-no-js-safety.png")
    page.locator("fieldset[data-group='2']").get_by_role("button", name="Next →").click()
    expect(page.get_by_role("heading", name="Get emergency care now")).to_be_visible()
    expect(page.get_by_role("link", name="Call 911 now")).to_have_attribute("href", "tel:911")
    snap(page, shots / "02-no-js-emergency.png")
    context.close()
