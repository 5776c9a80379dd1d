"""The PSFS and the Oswestry questionnaire on the web: the person answers, the clinician sees.

The ODI form is shown only with a licensed wording loaded (made up here, as the CLI
tests do: sicoach ships none).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from sicoach.outcomes.oswestry import ODI_WORDING_SCHEMA, SECTIONS
from sicoach.services import outcomes
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
from tests.web.conftest import csrf
from tests.web.test_api import Api, make_api

WORDING = {
    "schema": ODI_WORDING_SCHEMA,
    "source": "Clinic licence 42",
    "sections": {
        s: {"title": f"About {s}", "options": [f"statement {n}" for n in range(6)]}
        for s in SECTIONS
    },
}


@pytest.fixture
def api(tmp_path: Path) -> Api:
    """A clinic a test may change."""
    return make_api(tmp_path)


def _post(api: Api, path: str, data: dict[str, str]) -> str:
    pat = api.browsers["pat"]
    response = pat.post(path, data={**data, "csrf_token": csrf(pat, "/measures")})
    return html.unescape(response.text) + f"\n<!-- status {response.status_code} -->"


def _clinician_sees(api: Api) -> str:
    page = api.browsers["ann"].get(f"/clinic/patients/{api.patients['pat']}").text
    page = html.unescape(page)
    return page[page.index('id="outcomes"') :]


def test_the_person_names_activities_then_rates_them_and_the_clinician_sees_it(api: Api) -> None:
    first = _post(api, "/measures/psfs/activities", {"activity.0": "socks", "activity.1": "car"})
    assert "status 422" in first and "Please name 3 to 5 different activities" in first
    assert 'value="socks"' in first
    names = {"activity.0": "putting on socks", "activity.1": "getting in the car"}
    saved = _post(api, "/measures/psfs/activities", {**names, "activity.2": "sitting"})
    assert "status 200" in saved and "How well can you do each of these today?" in saved
    bad = _post(api, "/measures/psfs", {"rating.0": "4", "rating.1": "11", "rating.2": "6"})
    assert "status 422" in bad and "Please choose a number from 0 to 10." in bad
    rated = _post(api, "/measures/psfs", {"rating.0": "4", "rating.1": "5", "rating.2": "6"})
    assert "Saved. Thank you." in rated and "5.0 out of 10 on average" in rated
    seen = _clinician_sees(api)
    assert "mean <strong>5.0</strong>" in seen and "putting on socks 4" in seen


def test_without_a_licensed_wording_there_is_no_odi_form(api: Api) -> None:
    page = html.unescape(api.browsers["pat"].get("/measures").text)
    assert "your clinic has not set it up here" in page and 'action="/measures/odi"' not in page
    answered = _post(api, "/measures/odi", {f"odi.{s}": "2" for s in SECTIONS})
    assert "status 409" in answered
    assert "Not answered yet." in _clinician_sees(api)


def test_with_a_licensed_wording_the_odi_is_answered_and_scored(api: Api) -> None:
    engine = api.client.app.state.context.engine  # type: ignore[attr-defined]
    outcomes.load_odi_wording(SqlAlchemyUnitOfWork(engine), WORDING)
    page = html.unescape(api.browsers["pat"].get("/measures").text)
    assert "<legend>3. About lifting</legend>" in page and "statement 5" in page
    answers = {f"odi.{s}": "2" for s in SECTIONS}
    answers["odi.sex-life"] = ""  # a section may stay blank
    saved = _post(api, "/measures/odi", answers)
    assert "your score is 40 out of 100" in saved  # 18 of 45 points: 40 %
    assert "<strong>40 %</strong> (moderate)" in _clinician_sees(api)
