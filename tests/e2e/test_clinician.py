"""A clinician in a real browser: changing a dose reaches the patient's next session; no peeking."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sicoach.services import accounts
from sicoach.store.db import open_database
from tests.e2e.conftest import Server, new_page, snap
from tests.e2e.test_person_journey import answer_intake

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


def _add_clinician(server: Server, email: str) -> None:
    engine = open_database(f"sqlite:///{server.data_dir / 'sicoach.sqlite3'}")
    accounts.create_account(accounts.unit_of_work(engine), email, PASSWORD, "clinician")
    engine.dispose()


def _log_in(page: Page, server: Server, email: str) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _invite_patient(clinician: Page, patient: Page, shots: Path, email: str) -> str:
    clinician.get_by_role("button", name="Invite a patient").click()
    link = clinician.locator("#invite-link").input_value()
    snap(clinician, shots / "01-invite.png")
    patient.goto(link)
    patient.get_by_label("Your name").fill(email.split("@")[0].title())
    patient.get_by_label("Email").fill(email)
    patient.get_by_label("Password").fill(PASSWORD)
    patient.get_by_role("button", name="Make my account").click()
    answer_intake(patient, shots)
    expect(patient.get_by_role("heading", name="My plan")).to_be_visible()
    return link


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_clinicians_dose_change_reaches_the_next_session(
    browser: Browser, server_mode_server: Server, shots: Path, size: str
) -> None:
    server = server_mode_server
    _add_clinician(server, "ann@clinic.test")
    clinician = new_page(browser, size)
    patient = new_page(browser, size, "dark")
    _log_in(clinician, server, "ann@clinic.test")
    expect(clinician.get_by_role("heading", name="Patients")).to_be_visible()
    _invite_patient(clinician, patient, shots, "pat@home.test")

    clinician.goto(server.url + "/clinic")
    snap(clinician, shots / "02-patient-list.png")
    clinician.get_by_role("link", name="Pat", exact=True).click()
    clinician.get_by_label("Hold seconds for Seated hamstring stretch").fill("25")
    clinician.get_by_label("Why this change?").fill("Holds are going well; build up.")
    clinician.get_by_role("button", name="Save as a new version").click()
    expect(
        clinician.get_by_text("by clinician ann@clinic.test: Holds are going well")
    ).to_be_visible()
    snap(clinician, shots / "03-patient-record.png")

    patient.goto(server.url + "/plan")
    expect(patient.get_by_text("Hold 25 seconds")).to_be_visible()
    snap(patient, shots / "04-patient-plan.png")
    patient.goto(server.url + "/session")
    holds = patient.evaluate(
        """() => JSON.parse(document.getElementById('session-data').textContent).script.steps
              .filter(s => s.exercise === 'hamstring-stretch' && s.phase === 'hold')
              .map(s => s.seconds)"""
    )
    assert holds and set(holds) == {25}
    expect(
        patient.get_by_text("Seated hamstring stretch: hold 25 seconds, 5 times")
    ).to_be_visible()
    snap(patient, shots / "05-patient-session.png")


def test_a_clinician_cannot_open_another_clinicians_patient(
    browser: Browser, server_mode_server: Server, shots: Path
) -> None:
    server = server_mode_server
    _add_clinician(server, "ann@clinic.test")
    _add_clinician(server, "bob@clinic.test")
    ann = new_page(browser, "desktop")
    patient = new_page(browser, "phone")
    _log_in(ann, server, "ann@clinic.test")
    _invite_patient(ann, patient, shots, "pat@home.test")
    ann.goto(server.url + "/clinic")
    ann.get_by_role("link", name="Pat", exact=True).click()
    record_url = ann.url

    bob = new_page(browser, "desktop")
    _log_in(bob, server, "bob@clinic.test")
    expect(bob.get_by_role("link", name="Pat", exact=True)).to_have_count(0)
    response = bob.goto(record_url)
    assert response is not None and response.status == 404
    expect(bob.get_by_role("heading", name="We couldn't find that page")).to_be_visible()
    snap(bob, shots / "01-other-clinicians-patient.png")
