"""The clinician's patient page: the answers as given, with their date, and what changed."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from tests.web.conftest import typical_answers
from tests.web.test_api import Api, make_api, red_flag_answers


@pytest.fixture
def api(tmp_path: Path) -> Api:
    """A clinic a test may change."""
    return make_api(tmp_path)


def _page(api: Api, patient: str) -> str:
    response = api.browsers["ann"].get(f"/clinic/patients/{api.patients[patient]}")
    assert response.status_code == 200
    return html.unescape(response.text)


def test_the_patient_page_shows_the_answers_as_given_with_their_date(api: Api) -> None:
    page = _page(api, "pat")
    answers = page[page.index('id="answers"') :]
    assert "As given on " in answers
    for question, answer in (
        ("Do you have osteoporosis (thin bones), or have you broken a bone in your spine?", "no"),
        ("Which side hurts?", "left"),
        ("Where is the pain?", "buttock, low-back"),
        ("How many weeks have you had this pain?", "3"),
    ):
        assert f"<dt>{question}</dt><dd>{answer}</dd>" in answers
    assert "Warning signs" in answers and "<strong>yes</strong>" not in answers


def test_a_red_flag_answer_is_marked_on_the_patient_page(api: Api) -> None:
    page = _page(api, "sue")
    assert '<li class="flag">' in page and "<strong>yes</strong>" in page


def test_the_patient_page_says_what_changed_since_the_last_review(api: Api) -> None:
    path = f"/api/v1/patients/{api.patients['pat']}/review"
    assert api.call("ann", "POST", path, {"note": "fine"}).status_code == 200
    assert "No change since the last review" in _page(api, "pat")
    answers = typical_answers()
    answers["pain"]["sides"] = ["left", "right"]
    assert api.call("pat", "PUT", "/api/v1/intake", answers).status_code == 200
    page = _page(api, "pat")
    assert "Changed since the last review" in page
    assert "Which side hurts?: left → <strong>left, right</strong>" in page
    record = api.call("ann", "GET", f"/api/v1/patients/{api.patients['pat']}").json()
    assert record["changed"] == [
        {"field": "pain.sides", "before": ["left"], "now": ["left", "right"]}
    ]


def test_a_patient_who_changed_no_answer_since_the_first_shows_no_change(api: Api) -> None:
    assert api.call("sue", "PUT", "/api/v1/intake", red_flag_answers()).status_code == 200
    assert "Changed since" not in _page(api, "sue")
