"""The "find a physician near you" page, on a small generated NPPES directory."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sicoach.physicians.notices import EMERGENCY_SIGNS, LIMITS
from sicoach.physicians.synthetic import monthly_member_name
from sicoach.services.physicians import import_nppes_file
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
from tests.physicians.fixtures import organization, person, write
from tests.web.conftest import make_client, post_intake, typical_answers

CHICAGO = [
    person(1, "60622", first="ZOE", last="FARTHER"),
    person(2, "60611", first="AMY", last="NEAR", taxonomies=[("111N00000X", True)]),
    organization(3, "60622", "WICKER PARK CHIROPRACTIC, INC"),
    person(4, "61820", first="FAR", last="AWAY"),
]


def _import(client: TestClient, folder: Path, **file: str) -> None:
    path = write(folder, CHICAGO, **file)  # type: ignore[arg-type]
    import_nppes_file(SqlAlchemyUnitOfWork(client.app.state.context.engine), path)  # type: ignore[attr-defined]


@pytest.fixture
def imported(client: TestClient, tmp_path: Path) -> TestClient:
    _import(client, tmp_path)
    return client


def _names(html: str) -> list[str]:
    return re.findall(r'<li class="card provider">\s*<h3>(.*?)(?:, <span|</h3>)', html)


def test_the_red_flags_come_before_the_form_and_the_results(imported: TestClient) -> None:
    html = imported.get("/physicians?zip=60611&radius=10").text
    flags = html.index(EMERGENCY_SIGNS[0])
    assert flags < html.index('<form method="get" action="/physicians#results"')
    assert flags < html.index('class="card provider"')


def test_results_are_cards_nearest_first_with_a_phone_to_tap_and_an_honest_distance(
    imported: TestClient,
) -> None:
    response = imported.get("/physicians?zip=60611&radius=10")
    html = response.text
    assert response.status_code == 200
    assert _names(html) == ["AMY NEAR", "WICKER PARK CHIROPRACTIC, INC", "ZOE FARTHER"]
    assert '<a href="tel:+13125550100">(312) 555-0100</a>' in html
    distances = [float(d) for d in re.findall(r"≈ (\d+\.\d) mi \(between ZIP code centres\)", html)]
    assert distances == sorted(distances) and len(distances) == 3
    assert "Chiropractic" in html and "Physical therapy" in html


def test_the_limits_and_the_files_month_follow_the_list(imported: TestClient) -> None:
    html = imported.get("/physicians?zip=60611").text
    last_card = html.rindex('class="card provider"')
    assert last_card < html.index(LIMITS[0]) and last_card < html.index("November 2026 file")


def test_the_page_never_calls_anyone_best_or_recommended(imported: TestClient) -> None:
    text = re.sub(r"<[^>]+>", " ", imported.get("/physicians?zip=60611").text).lower()
    assert not re.search(r"\b(best|top|recommended)\b", text)


def test_specialty_and_kind_narrow_the_list(imported: TestClient) -> None:
    html = imported.get("/physicians?zip=60611&specialty=chiropractic&kind=person").text
    assert _names(html) == ["AMY NEAR"]
    assert "Specialties: Chiropractic. Who: a person (one clinician)." in html


def test_an_old_file_carries_the_stale_warning(client: TestClient, tmp_path: Path) -> None:
    _import(
        client,
        tmp_path,
        name="NPPES_Data_Dissemination_June_2020.zip",
        member=monthly_member_name(date(2020, 6, 8)),
    )
    html = client.get("/physicians?zip=60611").text
    assert 'class="notice stale"' in html and "June 2020 file" in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("zip=6061", "zip"),
        ("zip=00000", "zip"),
        ("zip=", "zip"),
        ("zip=60611&radius=30", "radius"),
        ("zip=60611&specialty=astrology", "specialty"),
        ("zip=60611&kind=robot", "kind"),
    ],
)
def test_a_bad_field_shows_the_form_again_with_the_problem_beside_it(
    imported: TestClient, query: str, field: str
) -> None:
    response = imported.get(f"/physicians?{query}")
    assert response.status_code == 422
    assert re.findall(r'class="error" id="([a-z]+)-error"', response.text) == [field]
    assert 'class="card provider"' not in response.text


def test_every_problem_is_named_at_once(imported: TestClient) -> None:
    response = imported.get("/physicians?zip=1&radius=7&specialty=x&kind=y")
    errors = re.findall(r'class="error" id="([a-z]+)-error"', response.text)
    assert errors == ["zip", "radius", "specialty", "kind"]


def test_without_a_directory_the_page_explains_and_still_shows_the_red_flags(
    client: TestClient,
) -> None:
    for page in ("/physicians", "/physicians?zip=60611"):
        html = client.get(page).text
        assert "sicoach physicians import FILE" in html and EMERGENCY_SIGNS[0] in html


def test_the_page_offers_no_online_search(imported: TestClient) -> None:
    html = imported.get("/physicians").text
    assert "online" not in html.lower()


def test_the_footer_the_plan_and_the_referral_link_to_the_finder(client: TestClient) -> None:
    assert 'href="/physicians"' in client.get("/exercises").text
    post_intake(client)
    assert 'href="/physicians">Find a physician near you' in client.get("/plan").text
    answers = copy.deepcopy(typical_answers())
    answers["red_flags"]["saddle_numbness"] = True
    post_intake(client, answers)
    assert 'href="/physicians">Find a physician near you' in client.get("/plan").text


def test_in_server_mode_the_page_asks_for_a_login(tmp_path: Path) -> None:
    with make_client(tmp_path, mode="server") as server:
        response = server.get("/physicians", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/physicians"


def test_a_search_without_a_directory_says_it_was_not_run_and_what_to_do(
    client: TestClient,
) -> None:
    first = client.get("/physicians").text
    assert "Your search was not run" not in first
    searched = client.get("/physicians?zip=60611").text
    assert "Your search was not run" in searched
    assert searched.index("Your search was not run") < searched.index('<form method="get"')


def test_the_results_come_before_the_search_form_and_the_form_leads_back_to_them(
    imported: TestClient,
) -> None:
    html = imported.get("/physicians?zip=60611&radius=10").text
    assert html.index('class="card provider"') < html.index('<form method="get"')
    assert 'action="/physicians#results"' in html
    assert "<details><summary><strong>See a doctor before" in html  # the long list folds away
