"""The clinician's patient page: the answers as given and what changed, the prescription form."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sicoach import rules
from sicoach.program.plan_model import Plan, PlannedExercise
from tests.web.conftest import typical_answers
from tests.web.test_api import Api, make_api, red_flag_answers
from tests.web.test_server_mode import _login, prescription_form


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


def _post_plan(api: Api, patient: str, form: dict[str, str]) -> httpx.Response:
    return api.browsers["ann"].post(f"/clinic/patients/{api.patients[patient]}/plan", data=form)


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        ("hold_seconds", "700", "Please give at most 600 for the hold, in seconds."),
        ("hold_seconds", "0", "Please give more than 0 for the hold, in seconds."),
        ("hold_seconds", "half", "Please give the hold, in seconds: a number such as 30."),
        ("hold_seconds", "", "Please give the hold, in seconds."),
        ("repetitions", "2.5", "Please give the repetitions, as a whole number: a number such"),
        ("repetitions", "101", "Please give at most 100 for the repetitions, as a whole number."),
        ("hold_min_seconds", "40", "Please check the holds: the hold must lie between"),
    ],
)
def test_a_bad_dose_is_said_in_plain_words_beside_its_field_and_kept(
    api: Api, field: str, typed: str, words: str
) -> None:
    before = api.call("pat", "GET", "/api/v1/plan").json()
    form = prescription_form(api.browsers["ann"], api.patients["pat"], "try a longer hold")
    form[f"hamstring-stretch.{field}"] = typed
    response = _post_plan(api, "pat", form)
    assert response.status_code == 422
    page = html.unescape(response.text)
    error = re.search(r'<span class="error" id="hamstring-stretch-([a-z_]+)-error">([^<]*)', page)
    assert error is not None and error.groups()[0] == field
    assert error.groups()[1].startswith(words)
    assert "Input should" not in page
    assert f'name="hamstring-stretch.{field}" value="{typed}"' in page
    assert ">try a longer hold</textarea>" in page
    assert api.call("pat", "GET", "/api/v1/plan").json() == before


def test_a_saved_change_is_confirmed_with_what_changed(api: Api) -> None:
    form = prescription_form(api.browsers["ann"], api.patients["pat"], "holds going well")
    old_hold = form["hamstring-stretch.hold_seconds"]
    form["hamstring-stretch.hold_seconds"] = "25"
    form["hamstring-stretch.note"] = "keep the knee soft"
    form.pop("press-up-stretch.include")
    response = _post_plan(api, "pat", form)
    assert response.status_code == 200 and "?saved=2" in str(response.url)
    page = html.unescape(response.text)
    saved = page[page.index('id="saved"') : page.index('id="plan-time"')]
    assert "Saved as version 2." in saved
    assert f"Seated hamstring stretch: hold {old_hold} seconds → 25 seconds" in saved
    assert "Press-up stretch: left out" in saved
    versions = page[page.index('id="versions"') :]
    assert "by clinician ann@clinic.test: holds going well" in versions
    assert f"Seated hamstring stretch: hold {old_hold} seconds → 25 seconds" in versions


def test_the_clinicians_reason_is_shown_once_and_a_note_beside_its_stretch(api: Api) -> None:
    form = prescription_form(api.browsers["ann"], api.patients["pat"], "holds going well")
    for exercise in ("hamstring-stretch", "quadriceps-stretch", "knee-to-chest-isometric"):
        form[f"{exercise}.repetitions"] = "4"
    form["hamstring-stretch.note"] = "keep the knee soft"
    assert _post_plan(api, "pat", form).status_code == 200
    pat = TestClient(api.client.app, base_url="https://testserver")
    assert _login(pat, "pat@home.test") == 303
    plan = html.unescape(pat.get("/plan").text)
    assert plan.count("holds going well") == 1
    assert "From your clinician:</strong> holds going well" in plan
    assert plan.count("keep the knee soft") == 1


def test_a_plan_longer_than_the_patients_time_is_warned_about(api: Api) -> None:
    page = _page(api, "pat")
    assert "the patient said they have 15 minutes" in page
    assert "more than their time" not in page
    form = prescription_form(api.browsers["ann"], api.patients["pat"], "more reps")
    for name in [k for k in form if k.endswith(".repetitions")]:
        form[name] = "40"
    page = html.unescape(_post_plan(api, "pat", form).text)
    assert "<strong>That is more than their time:</strong>" in page


def test_a_precaution_note_on_every_stretch_is_said_once_on_the_plan() -> None:
    planned = [
        PlannedExercise(
            id=i, hold_seconds=10, repetitions=3, sides=["both"], reason="r", notes=["same", i]
        )
        for i in ("a", "b")
    ]
    plan = Plan(eligible=True, referral=None, exercises=planned, excluded=[], minutes=3)
    assert plan.shared_notes == ["same"]
    assert [plan.own_notes(p) for p in planned] == [["a"], ["b"]]


def _listed(api: Api, query: str) -> list[str]:
    page = api.browsers["ann"].get(f"/clinic{query}").text
    return re.findall(r'<th scope="row"><a href="/clinic/patients/[^"]+">([^<]+)</a>', page)


def test_the_patient_list_sorts_and_comes_a_page_at_a_time(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _listed(api, "") == ["Sue", "Pat", "Ray"]  # sue is referred: attention first
    assert _listed(api, "?order=name") == ["Pat", "Ray", "Sue"]
    assert api.browsers["ann"].get("/clinic?order=shoe-size").status_code == 422
    monkeypatch.setattr(rules, "PATIENT_PAGE_SIZE", replace(rules.PATIENT_PAGE_SIZE, value=2))
    first = api.browsers["ann"].get("/clinic?order=name").text
    assert _listed(api, "?order=name") == ["Pat", "Ray"] and "Page 1 of 2" in first
    assert 'href="/clinic?order=name&amp;page=2#patients" rel="next"' in first
    assert _listed(api, "?order=name&page=2") == ["Sue"]
    assert "Last activity" in first


def test_the_patient_page_shows_adherence_pain_and_outcomes(api: Api) -> None:
    page = _page(api, "pat")
    for section in ('id="adherence"', 'id="pain-trend"', 'id="outcomes"', 'id="versions"'):
        assert section in page
    adherence = page[page.index('id="adherence"') : page.index('id="pain-trend"')]
    assert re.search(r'<td data-label="Done">0 <span class="muted">\(0 %\)</span>', adherence)
