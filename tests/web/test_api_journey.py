"""The clinic's whole journey through the API alone, with tokens: the invite is emailed
through a real SMTP server, the patient joins from the link in the mail, answers, does a
session and rates their activities; the clinician sees the answers, flags and adherence,
changes the prescription and downloads the summary."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.smtp_server import smtp_server
from tests.web.conftest import typical_answers
from tests.web.test_api import Api, _hamstring_holds, _prescription, make_api
from tests.web.test_person_pages import _record
from tests.web.test_server_mode import PASSWORD


def _clinic(tmp_path: Path, smtp_url: str) -> Api:
    return make_api(tmp_path, smtp_url=smtp_url, clinic_name="Hill Street Physio")


def test_the_clinic_journey_runs_through_the_api_alone(tmp_path: Path) -> None:
    with smtp_server() as inbox:
        api = _clinic(tmp_path, inbox.url)
        sent = api.call("ann", "POST", "/api/v1/invites", {"name": "Wes", "email": "wes@h.test"})
    assert sent.status_code == 201 and sent.json()["emailed_to"] == "wes@h.test"
    mail = inbox.messages[-1]  # the clinic's first patients were invited by email too
    assert len(inbox.messages) == 5 and mail["To"] == "Wes <wes@h.test>"
    assert mail["Subject"] == "ann@clinic.test at Hill Street Physio invites you to sicoach"
    link = re.search(r"https://testserver/invite/(\S+)", mail.get_content())
    assert link and link.group(0) == sent.json()["url"]

    joined = api.client.post(
        f"/api/v1/invites/{link.group(1)}/accept",
        json={"email": "wes@h.test", "password": PASSWORD},
    )
    assert joined.status_code == 201
    api.tokens["wes"] = joined.json()["token"]
    assert api.call("wes", "PUT", "/api/v1/intake", typical_answers()).status_code == 200
    wes = api.call("wes", "GET", "/api/v1/export").json()["person"]["id"]
    script = api.call("wes", "GET", "/api/v1/script").json()
    record = _record(script, datetime.now(UTC) - timedelta(minutes=20))
    assert api.call("wes", "POST", "/api/v1/sessions", record).status_code == 201
    pain = {"during": 3, "after": 2}
    assert api.call("wes", "POST", f"/api/v1/sessions/{record['id']}/pain", pain).status_code == 201
    activities = {"activities": ["putting on socks", "driving", "sitting an hour"]}
    assert api.call("wes", "PUT", "/api/v1/psfs/activities", activities).status_code == 200
    rated = api.call("wes", "POST", "/api/v1/psfs", {"ratings": [4, 6, 5]})
    assert rated.status_code == 201 and rated.json()["psfs"][-1]["mean"] == 5.0
    assert api.call("wes", "POST", "/api/v1/odi", {"answers": {}}).status_code == 409

    listed = api.call("ann", "GET", "/api/v1/patients?order=activity").json()
    assert listed["patients"][0]["id"] == wes  # the latest activity first
    row = listed["patients"][0]
    assert row["this_week"]["done"] == 1 and row["flags"] == []
    seen = api.call("ann", "GET", f"/api/v1/patients/{wes}").json()
    assert seen["answers"][0]["answers"]["pain"]["sides"] == ["left"]
    assert seen["status"]["state"] == "active"
    changed = api.call("ann", "PUT", f"/api/v1/patients/{wes}/prescription", _prescription(22))
    assert changed.status_code == 200 and _hamstring_holds(api, "wes") == {22}
    versions = api.call("ann", "GET", f"/api/v1/patients/{wes}").json()["versions"]
    assert versions[-1]["changed_by"] == "clinician ann@clinic.test"
    summary = api.call("ann", "GET", f"/api/v1/patients/{wes}/summary.pdf")
    assert summary.status_code == 200 and summary.content.startswith(b"%PDF")
