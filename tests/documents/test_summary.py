"""The one-page summary for the chart: who, prescription, adherence, pain, PSFS and ODI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sicoach.outcomes.oswestry import SECTIONS
from sicoach.services import outcomes
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
from tests.needs import poppler
from tests.web.test_api import Api, make_api


@pytest.fixture
def api(tmp_path: Path) -> Api:
    """A clinic a test may change."""
    return make_api(tmp_path)


def _text(pdf: bytes, tmp_path: Path) -> str:
    file = tmp_path / "summary.pdf"
    file.write_bytes(pdf)
    assert "Pages:           1" in poppler("pdfinfo", str(file))
    return " ".join(poppler("pdftotext", str(file), "-").split())


@pytest.mark.poppler
def test_the_summary_is_one_page_with_scores_and_their_minimal_important_changes(
    api: Api, tmp_path: Path
) -> None:
    engine = api.client.app.state.context.engine  # type: ignore[attr-defined]
    pat = api.patients["pat"]
    earlier = datetime.now(UTC) - timedelta(days=10)
    names = ["putting on socks", "getting in the car", "sitting an hour"]
    outcomes.set_psfs_activities(SqlAlchemyUnitOfWork(engine), pat, names)
    outcomes.record_psfs(SqlAlchemyUnitOfWork(engine), pat, [3, 4, 5], at=earlier)
    outcomes.record_psfs(SqlAlchemyUnitOfWork(engine), pat, [6, 6, 7])
    outcomes.record_odi(SqlAlchemyUnitOfWork(engine), pat, dict.fromkeys(SECTIONS, 3), at=earlier)
    outcomes.record_odi(SqlAlchemyUnitOfWork(engine), pat, dict.fromkeys(SECTIONS, 2))
    response = api.call("ann", "GET", f"/api/v1/patients/{pat}/summary.pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = _text(response.content, tmp_path)
    assert "Patient summary: Pat" in text and "by ann@clinic.test" in text
    assert "Which side hurts? left" in text and "How many weeks have you had this pain? 3 " in text
    assert "Seated hamstring stretch" in text and "the patient has 15 minutes" in text
    # PSFS 4.0 -> 6.3 is +2.3, over the 2-point change; ODI 60 % -> 40 % is 20 points.
    assert "mean +2.3: a detectable change (2 points in the mean)" in text
    assert "60 % → 40 %: an important change (10 points or 30 %)" in text
    assert "Flags None." in text


@pytest.mark.poppler
def test_another_clinicians_patient_has_no_summary(api: Api) -> None:
    response = api.call("bob", "GET", f"/api/v1/patients/{api.patients['pat']}/summary.pdf")
    assert response.status_code == 404
    page = api.browsers["bob"].get(f"/clinic/patients/{api.patients['pat']}/summary.pdf")
    assert page.status_code == 404
