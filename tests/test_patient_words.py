"""Patient words everywhere: every page of a person's journey, the terminal screens they
read, the handout and the spoken cues, scanned for the internal words of tests/patient_words.py.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sicoach.catalog import default_catalog
from sicoach.cli.main import app as cli
from tests.needs import poppler
from tests.patient_words import internal_words, visible_text
from tests.web.conftest import csrf, make_client, post_intake, typical_answers
from tests.web.test_person_pages import _play_session

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "intakes"
CATALOG = default_catalog()
LIBRARY = [
    "/",
    "/start",
    "/exercises",
    "/exercises/slideshow",
    *(f"/exercises/{e.id}" for e in CATALOG.exercises),
    "/physicians",
    "/physicians?zip=60611",  # no provider list yet: the page says so
    "/data",
]


def _answers(**changes: Any) -> dict[str, Any]:
    answers = copy.deepcopy(typical_answers())
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        place = answers
        for key in parents:
            place = place[key]
        place[last] = value
    return answers


def _post_start(client: TestClient, fields: list[tuple[str, str]]) -> str:
    body = urlencode([("csrf_token", csrf(client)), *fields])
    response = client.post(
        "/start",
        content=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    return response.text


def _session(client: TestClient, during: int) -> None:
    session_id = _play_session(client)
    pain = {"during": during, "after": min(during, 4)}
    headers = {"X-CSRF-Token": csrf(client)}
    url = f"/api/v1/sessions/{session_id}/pain"
    assert client.post(url, json=pain, headers=headers).status_code in (200, 201)


def _spoken(page: str) -> list[str]:
    found = re.search(r'id="session-data">(.*?)</script>', page, re.DOTALL)
    assert found, "the session page carries its script"
    return [step["cue"] for step in json.loads(found.group(1))["script"]["steps"]]


def _handout_text(client: TestClient, folder: Path) -> str:
    pdf = client.get("/plan/handout.pdf")
    assert pdf.status_code == 200
    path = folder / "handout.pdf"
    path.write_bytes(pdf.content)
    return re.sub(r"\s+", " ", poppler("pdftotext", "-layout", str(path), "-"))


def _journey(tmp_path: Path) -> dict[str, str]:
    """Every page a person reads, from newcomer to a flare, as 'where' → its text."""
    seen: dict[str, str] = {}

    def page(client: TestClient, where: str, path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        seen[where] = visible_text(response.text)
        return response.text

    with make_client(tmp_path / "newcomer") as client:
        for path in LIBRARY:
            page(client, f"newcomer {path}", path)
        seen["intake problems"] = visible_text(_post_start(client, [("age", "4"), ("_next", "1")]))
        _post_start(client, [("red_flags.saddle_numbness", "true"), ("_next", "2")])
        page(client, "emergency: my plan", "/plan")
        page(client, "emergency: session", "/session")
    with make_client(tmp_path / "doctor-first") as client:
        post_intake(client, _answers(red_flags__cancer_history=True))
        page(client, "doctor first: my plan", "/plan")
    with make_client(tmp_path / "review") as client:
        post_intake(client, _answers(precautions__osteoporosis=True))
        page(client, "needs review: my plan", "/plan")
    with make_client(tmp_path / "active") as client:
        post_intake(client, _answers(joint_stiff=True, pelvic_rotation_ok=True))
        for path in ("/plan", "/rescreen", "/progress"):
            page(client, f"active {path}", path)
        session = page(client, "active /session", "/session")
        for n, cue in enumerate(_spoken(session)):
            seen[f"spoken cue {n}"] = cue
        seen["handout"] = _handout_text(client, tmp_path)
        seen["status advice"] = client.get("/api/v1/status").json()["advice"]
        _session(client, during=3)
        page(client, "after a session: my plan", "/plan")
        page(client, "after a session: progress", "/progress")
        _session(client, during=9)  # a flare pauses the plan
        assert client.get("/api/v1/status").json()["state"] == "paused"
        page(client, "after a flare: my plan", "/plan")
    return seen


@pytest.mark.poppler
def test_no_page_handout_or_spoken_cue_shows_an_internal_word(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is needed (poppler-utils) to read the handout")
    seen = _journey(tmp_path)
    assert len(seen) > 30 and "handout" in seen
    found = [f"{where}: {word}" for where, text in seen.items() for word in internal_words(text)]
    assert found == [], "\n".join(found)


def _terminal(args: list[str], answers: str | None = None) -> str:
    result = CliRunner().invoke(cli, args, input=answers, env={"COLUMNS": "100"})
    assert result.exit_code == 0, (args, result.output)
    return result.output


def test_no_terminal_screen_a_person_reads_shows_an_internal_word(tmp_path: Path) -> None:
    intake = tmp_path / "intake.yaml"
    intake.write_text(yaml.safe_dump(_answers(joint_stiff=True, pelvic_rotation_ok=True)))
    yesterday = str((datetime.now() - timedelta(days=1)).date())
    screens = {
        "start": _terminal(["start", "--intake", str(intake), "--date", yesterday]),
        "plan": _terminal(["plan"]),
        "status": _terminal(["status"]),
        "dose": _terminal(["dose"]),
        "exercises list": _terminal(["exercises", "list"]),
        **{f"show {e.id}": _terminal(["exercises", "show", e.id]) for e in CATALOG.exercises},
        "log": _terminal(["log", "--pain-before", "4", "--pain-during", "3", "--pain-after", "2"]),
        "pain": _terminal(["pain", "--kind", "next-morning", "2"]),
        "progress": _terminal(["progress"]),
        "session script": _terminal(["session", "--script"]),
        "emergency at start": _terminal(["start"], "42\n5\nleft\nbuttock\n3\nn\nn\nn\ny\n"),
    }
    found = []
    for where, text in screens.items():
        if where.startswith("show "):  # the id is what the command was given: it names it
            text = text.replace(f"({where.removeprefix('show ')})", "")
        if where == "exercises list":  # its id column lists what show and figure take
            text = re.sub(r"│ [a-z-]+ +│", "│", text)
        found += [f"{where}: {word}" for word in internal_words(text, terminal=True)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hold 5 s–5 s", "a range written as a table"),
        ("start with 15-30 s", "a range written as a table"),
        ("hold 15 s", "a time in seconds written short"),
        ("seed starts at 15 to 30 seconds", "the seed"),
        ("Hold in the source", "the source"),
        ("see si-joint-stretches.txt", "a file name"),
        ("(pelvic_rotation_ok)", "a field name"),
        ("do the hamstring-stretch", "a stretch id"),
        ("about 18.5 minutes", "minutes with decimals"),
    ],
)
def test_the_scan_finds_each_kind_of_internal_word(text: str, kind: str) -> None:
    assert any(found.startswith(kind) for found in internal_words(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hold 15 to 30 seconds, 5 times each side.",
        "About 11 minutes a day.",
        "Seated hamstring stretch",
        "Source: CMS NPPES, November 2026 file.",
    ],
)
def test_the_scan_passes_a_persons_words(text: str) -> None:
    assert internal_words(text) == []


def test_only_the_terminal_may_name_a_command_and_its_file() -> None:
    command = "Picture: sicoach exercises figure x --out picture.svg"
    assert internal_words(command, terminal=True) == []
    assert internal_words(command) != []
