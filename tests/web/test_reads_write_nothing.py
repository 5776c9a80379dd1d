"""Reading writes nothing: every GET route, for a person and for a clinician, in both modes.

Each GET is sent with the SQL statements of the app's engine counted (SQLAlchemy's
``before_cursor_execute`` event); an INSERT, UPDATE or DELETE fails the test and names the
route. A login's last-seen time is refreshed at most once a minute (the idle limit,
``services.accounts``); the accounts here have just logged in, so no GET is due one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from sicoach.catalog import default_catalog
from sicoach.services import accounts, calendar_links, people
from sicoach.web.app import EVERY_MODE_ROUTES, SERVER_MODE_ROUTES
from tests.web.conftest import make_client, post_intake
from tests.web.test_server_mode import _invite, _make_clinic

ROUTERS = EVERY_MODE_ROUTES + SERVER_MODE_ROUTES
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class Writes:
    """The write statements an engine runs while it is watched."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.seen: list[str] = []

    def _statement(self, conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if WRITE.match(sql):
            self.seen.append(sql.split("\n")[0][:80])

    def __enter__(self) -> Writes:
        self.seen.clear()
        event.listen(self.engine, "before_cursor_execute", self._statement)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)


def _get_paths(client: TestClient, values: dict[str, str]) -> list[str]:
    """Every GET route of the app, its path parameters filled from ``values`` (by the
    route's whole path first, then by the parameter's name)."""
    paths = []
    for route in (r for module in ROUTERS for r in module.router.routes):
        if isinstance(route, APIRoute) and "GET" in (route.methods or set()):
            path = route.path
            for name in re.findall(r"{(\w+)}", path):
                value = values.get(f"{route.path}:{name}", values.get(name, ""))
                path = path.replace(f"{{{name}}}", value)
            paths.append(path)
    assert len(paths) > 20, "the app's GET routes were found"
    return paths


def _reads_write_nothing(client: TestClient, engine: Engine, values: dict[str, str]) -> None:
    problems = []
    with Writes(engine) as writes:
        for path in _get_paths(client, values):
            answer = client.get(path, follow_redirects=False)
            assert answer.status_code < 500, (path, answer.text)
            if writes.seen:
                problems.append(f"GET {path} ({answer.status_code}): {writes.seen}")
                writes.seen.clear()
    assert not problems, "\n".join(problems)


@pytest.fixture
def local(tmp_path: Path) -> Iterator[TestClient]:
    """Local mode with the one person's plan made (the first visit made the person)."""
    with make_client(tmp_path) as client:
        assert post_intake(client).status_code == 303
        yield client


def test_no_get_route_of_local_mode_writes(local: TestClient) -> None:
    context = local.app.state.context  # type: ignore[attr-defined]
    person_id = people.local_person(context.uow()).id
    token = calendar_links.existing_calendar_token(accounts.unit_of_work(context.engine), person_id)
    assert token is not None, "the calendar address is made with the plan"
    values = {"exercise_id": default_catalog().exercises[0].id, "token": token}
    _reads_write_nothing(local, context.engine, values)


@pytest.mark.slow
def test_no_get_route_of_a_person_or_a_clinician_writes(tmp_path: Path) -> None:
    clinic = _make_clinic(tmp_path)
    engine = clinic.app_client.app.state.context.engine  # type: ignore[attr-defined]
    pat = clinic.patients["pat"]
    pending = _invite(clinic.clients["ann"])  # an invite not yet taken, for its own page
    calendar = calendar_links.existing_calendar_token(accounts.unit_of_work(engine), pat)
    assert calendar is not None
    values = {
        "exercise_id": default_catalog().exercises[0].id,
        "person_id": pat,
        "/invite/{token}:token": pending,
        "/calendar/{token}.ics:token": calendar,
    }
    for name in ("pat", "ann", "bob", "root"):
        _reads_write_nothing(clinic.clients[name], engine, values)
