"""The clinic's whole journey in a real browser, with the invite sent through a real SMTP server.

A clinician invites a patient by name and email (the test's SMTP server catches the
mail), the patient joins from the link in it, answers and does a session; the
clinician sees the answers, the flags and the adherence, changes the prescription
and prints the summary. Then the patient list and the patient's page are looked at
on a phone (360 px) and a desktop, light and dark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sicoach.services import accounts
from sicoach.store.db import open_database
from tests.e2e.conftest import Server, new_page, snap, start_server
from tests.e2e.test_person_journey import SPEED, answer_intake
from tests.smtp_server import Inbox, smtp_server

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
CLINIC = "Hill Street Physio"


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[tuple[Server, Inbox]]:
    """A server-mode app that sends its invites through a local SMTP server."""
    with smtp_server() as inbox:
        process, server = start_server(
            tmp_path / "data",
            "server",
            {"SICOACH_SMTP_URL": inbox.url, "SICOACH_CLINIC_NAME": CLINIC},
        )
        engine = open_database(f"sqlite:///{server.data_dir / 'sicoach.sqlite3'}")
        accounts.create_account(
            accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician", "Dr Ann Lee"
        )
        engine.dispose()
        yield server, inbox
        process.terminate()
        process.wait(timeout=10)


def _log_in(page: Page, server: Server) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("Email").fill("ann@clinic.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Patients")).to_be_visible()


def _do_a_session(patient: Page, server: Server) -> None:
    patient.goto(f"{server.url}/session?speed={SPEED}")
    patient.locator("input[name='pain-before'][value='4']").check()
    patient.get_by_role("button", name="Start").click()
    expect(patient.locator("#after")).to_be_visible(timeout=60_000)
    patient.locator("input[name='pain-during'][value='3']").check()
    patient.locator("input[name='pain-now'][value='2']").check()
    patient.get_by_role("button", name="Save my pain").click()
    expect(patient.locator("#thanks")).to_be_visible()


def test_a_clinic_invites_by_email_follows_the_patient_and_prints_a_summary(
    browser: Browser, clinic: tuple[Server, Inbox], shots: Path
) -> None:
    server, inbox = clinic
    clinician = new_page(browser, "desktop")
    _log_in(clinician, server)
    clinician.get_by_label("Name").fill("Rae Moss")
    clinician.get_by_label("Email").fill("rae@home.test")
    clinician.get_by_role("button", name="Invite a patient").click()
    expect(clinician.get_by_text("Sent by email to rae@home.test.")).to_be_visible()
    expect(clinician.locator("svg.qr")).to_be_visible()
    clinician.get_by_role("button", name="Copy the link").click()
    expect(clinician.locator("#copy-status")).not_to_be_empty()
    snap(clinician, shots / "01-invite-sent.png")

    [mail] = inbox.messages
    assert mail["To"] == "Rae Moss <rae@home.test>"
    found = re.search(r"http://\S+/invite/\S+", mail.get_content())
    assert found and found.group(0) == clinician.locator("#invite-link").input_value()

    patient = new_page(browser, "phone", "dark")
    patient.goto(found.group(0))
    expect(patient.locator("#invited-by")).to_contain_text(f"Dr Ann Lee at {CLINIC}")
    expect(patient.get_by_label("Your name")).to_have_value("Rae Moss")
    snap(patient, shots / "02-invite-page.png")
    patient.get_by_label("Email").fill("rae@home.test")
    patient.get_by_label("Password").fill(PASSWORD)
    patient.get_by_role("button", name="Make my account").click()
    answer_intake(patient, shots)
    expect(patient.get_by_role("heading", name="My plan")).to_be_visible()
    _do_a_session(patient, server)

    clinician.goto(server.url + "/clinic")
    row = clinician.get_by_role("row", name=re.compile("Rae Moss"))
    expect(row).to_contain_text("1 of")  # this week's sessions
    expect(row).to_contain_text("2/10")  # the last pain
    clinician.get_by_role("link", name="Rae Moss", exact=True).click()
    expect(clinician.locator("#answers")).to_contain_text("Which side hurts?")
    expect(clinician.locator("#status")).to_contain_text("Plan: active")
    expect(clinician.locator("#adherence tbody tr").first).to_contain_text("1")
    expect(clinician.locator("#pain-trend")).to_contain_text("After a session")

    clinician.get_by_label("Hold seconds for Seated hamstring stretch").fill("900")
    clinician.get_by_label("Why this change?").fill("Holds are going well; build up.")
    clinician.get_by_role("button", name="Save as a new version").click()
    expect(clinician.locator("#hamstring-stretch-hold_seconds-error")).to_have_text(
        "Please give at most 600 for the hold, in seconds."
    )
    expect(clinician.get_by_label("Hold seconds for Seated hamstring stretch")).to_have_value("900")
    expect(clinician.get_by_label("Why this change?")).to_have_value(
        "Holds are going well; build up."
    )
    snap(clinician, shots / "03-prescription-refused.png")
    clinician.get_by_label("Hold seconds for Seated hamstring stretch").fill("25")
    clinician.get_by_label("Note for Seated hamstring stretch").fill("Keep the knee soft.")
    clinician.get_by_role("button", name="Save as a new version").click()
    expect(clinician.locator("#saved")).to_contain_text("Saved as version")
    expect(clinician.locator("#saved")).to_contain_text("Seated hamstring stretch: hold")
    snap(clinician, shots / "04-prescription-saved.png")

    with clinician.expect_download() as download:
        clinician.get_by_role("link", name="Summary for the chart (PDF)").click()
    pdf = shots / "05-summary.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    patient.goto(server.url + "/plan")
    expect(patient.get_by_text("Keep the knee soft.")).to_have_count(1)
    expect(patient.locator("#clinician-reason")).to_contain_text("Holds are going well")
    snap(patient, shots / "06-patient-plan.png")

    for size in ("phone", "desktop"):
        for scheme in ("light", "dark"):
            page = new_page(browser, size, scheme)
            _log_in(page, server)
            snap(page, shots / f"10-list-{size}-{scheme}.png")
            page.get_by_role("link", name="Rae Moss", exact=True).click()
            expect(page.locator("#plan")).to_be_visible()
            snap(page, shots / f"11-patient-{size}-{scheme}.png")
