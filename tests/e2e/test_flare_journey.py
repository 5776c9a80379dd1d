"""A flare in a real browser: the plan pauses, the clinician resumes it, the dose steps back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server, new_page, snap
from tests.e2e.test_clinician import _add_clinician, _invite_patient, _log_in
from tests.e2e.test_person_journey import answer_intake

pytestmark = pytest.mark.browser

HOLDS = """() => JSON.parse(document.getElementById('session-data').textContent).script.steps
    .filter(s => s.exercise === 'hamstring-stretch' && s.phase === 'hold').map(s => s.seconds)"""


def _play_session(patient: Page, server: Server, before: int, during: int, after: int) -> str:
    patient.goto(f"{server.url}/session?speed=400")
    patient.locator(f"input[name='pain-before'][value='{before}']").check()
    patient.get_by_role("button", name="Start").click()
    expect(patient.locator("#after")).to_be_visible(timeout=60_000)
    expect(patient.locator("#saved")).to_have_text("Your session is saved.")
    patient.locator(f"input[name='pain-during'][value='{during}']").check()
    patient.locator(f"input[name='pain-now'][value='{after}']").check()
    patient.get_by_role("button", name="Save my pain").click()
    expect(patient.locator("#thanks")).to_be_visible()
    return patient.locator("#verdict-message").inner_text()


def test_a_flare_pauses_the_plan_until_the_clinician_resumes_it_stepped_back(
    browser: Browser, server_mode_server: Server, shots: Path
) -> None:
    server = server_mode_server
    _add_clinician(server, "ann@clinic.test")
    clinician = new_page(browser, "desktop")
    patient = new_page(browser, "phone")
    _log_in(clinician, server, "ann@clinic.test")
    _invite_patient(clinician, patient, shots, "pat@home.test")

    # The clinician sets the hamstring hold at 25 s and lets progression move it from 15 to 30.
    clinician.goto(server.url + "/clinic")
    clinician.get_by_role("link", name="Pat", exact=True).click()
    clinician.get_by_label("Hold seconds for Seated hamstring stretch").fill("25")
    clinician.get_by_label("Shortest hold for Seated hamstring stretch").fill("15")
    clinician.get_by_label("Longest hold for Seated hamstring stretch").fill("30")
    clinician.get_by_label("Why this change?").fill("Start longer; ease off if it flares.")
    clinician.get_by_role("button", name="Save as a new version").click()

    message = _play_session(patient, server, before=3, during=9, after=8)
    assert "paused" in message and "contact your clinician" in message
    assert "well done" not in message.lower()
    expect(patient.locator("#thanks")).to_have_class("alert")
    snap(patient, shots / "01-flare-message.png")

    patient.goto(server.url + "/plan")
    expect(
        patient.get_by_role("heading", name="Your plan is paused: contact your clinician")
    ).to_be_visible()
    expect(patient.get_by_role("link", name="Start today's session")).to_have_count(0)
    snap(patient, shots / "02-paused-plan.png")
    patient.goto(server.url + "/session")
    expect(patient).to_have_url(server.url + "/plan")

    patient.get_by_role("link", name="Answer the warning-sign questions").click()
    for radio in patient.locator("input[value='false']").all():
        radio.check()
    patient.get_by_role("button", name="Save my answers").click()
    expect(patient.get_by_text("have your clinician review the plan")).to_be_visible()

    clinician.goto(server.url + "/clinic")
    row = clinician.get_by_role("row").filter(
        has=clinician.get_by_role("link", name="Pat", exact=True)
    )
    expect(row).to_contain_text("paused")
    expect(row).to_contain_text("flare")
    snap(clinician, shots / "03-clinic-flag.png")
    clinician.get_by_role("link", name="Pat", exact=True).click()
    clinician.get_by_label("Note (the patient sees it)").fill("Spoke by phone; settled. Go gently.")
    clinician.get_by_role("button", name="Resume the plan").click()
    expect(clinician.locator("#status")).to_contain_text("Plan: active")
    snap(clinician, shots / "04-resumed.png")

    patient.goto(server.url + "/plan")
    expect(patient.get_by_role("link", name="Start today's session")).to_be_visible()
    patient.goto(server.url + "/session")
    holds = patient.evaluate(HOLDS)
    assert holds and set(holds) == {20}


def test_a_plan_that_needs_review_starts_once_the_review_is_recorded(
    browser: Browser, local_server: Server, shots: Path
) -> None:
    page = new_page(browser, "phone")
    page.goto(local_server.url + "/start")
    answer_intake(page, shots, precaution="precautions.hypermobility")
    expect(page.get_by_role("heading", name="Waiting for a clinician's review")).to_be_visible()
    expect(page.get_by_role("link", name="Start today's session")).to_have_count(0)
    snap(page, shots / "01-needs-review.png")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Please give the name of the clinician")).to_be_visible()
    page.get_by_label("Clinician's name").fill("Dr Rao")
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_role("heading", name="Your plan is active")).to_be_visible()
    page.get_by_role("link", name="Start today's session").click()
    expect(page.get_by_role("button", name="Start")).to_be_visible()
