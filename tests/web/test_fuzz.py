"""Fuzzing every door of the web app: no generated input may get a 5xx or a traceback.

Two property-based suites (hypothesis), in local and server mode, on SQLite and on
PostgreSQL (when ``SICOACH_TEST_POSTGRES_URL`` is set):

- every ``/api/v1`` operation the app's own OpenAPI document lists, with JSON bodies
  drawn from its schema (values in and far out of range, wrong types, extra fields),
  arbitrary JSON and raw bytes, as each kind of caller;
- every HTML form the pages show (found by reading the pages, so a new form is fuzzed
  without a change here), with its own fields given known, empty, odd and hostile
  values, some left out, some repeated, some added.

The number of examples per operation and per form is bounded so the whole suite stays
within a few minutes on two cores (``EXAMPLES``). Every 5xx it found has its own
regression test beside the code it broke.
"""

from __future__ import annotations

import json
import os
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from sicoach.services import accounts
from sicoach.settings import Settings
from sicoach.web import create_app
from tests.databases import database_url
from tests.web.conftest import LOCAL, SECRET, csrf, post_intake, typical_answers
from tests.web.test_person_pages import _record

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("SICOACH_FUZZ_EXAMPLES", "30"))
"""Examples per API operation and per form, in each mode and database (set
``SICOACH_FUZZ_EXAMPLES`` higher for a deeper run by hand)."""
SERVER = "https://testserver"
PASSWORD = "correct horse battery"
NOT_FUZZED = {"/logout"}  # it only ends the fuzzing client's own login
TRACEBACK_MARKS = ("Traceback (most recent call last)", 'File "/', "sqlalchemy.exc", "psycopg")

# --- values -----------------------------------------------------------------------------

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "-1",
        "0",
        "1e309",
        "NaN",
        "-0",
        "2147483648",
        "9223372036854775808",
        "9" * 400,
        "9999-12-31",
        "0001-01-01",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "true",
        "null",
        "²",
        "\u202e",
        "\ud7ff",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "{{7*7}}",
        "%00",
        "x" * 5000,
    ]
)
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
FORM_VALUE = st.one_of(TEXT, HOSTILE, st.integers().map(str), st.floats(allow_nan=False).map(repr))
JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
    HOSTILE,
)
ANY_JSON = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
ZONES = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))])


def _strings(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    shaped: st.SearchStrategy[str]
    if schema.get("format") == "date":
        shaped = st.dates(min_value=date(1, 1, 1)).map(date.isoformat)
    elif schema.get("format") == "date-time":
        shaped = st.datetimes(timezones=ZONES).map(datetime.isoformat)
    else:
        low, high = schema.get("minLength", 0), schema.get("maxLength", 60)
        shaped = st.text(
            alphabet=st.characters(exclude_categories=["Cs"]),
            min_size=low,
            max_size=min(high, 300) + 2,
        )
    return shaped | HOSTILE


def _numbers(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    low, high = schema.get("minimum"), schema.get("maximum")
    near = (
        st.integers(min_value=int(low) - 2, max_value=int(high) + 2)
        if low is not None and high is not None
        else st.integers(min_value=-5, max_value=1000)
    )
    wide = st.integers(min_value=-(2**80), max_value=2**80)
    if schema.get("type") == "number":
        return near | wide | st.floats(allow_nan=False, allow_infinity=False)
    return near | wide


def from_schema(
    schema: dict[str, Any], components: dict[str, Any], depth: int = 0
) -> st.SearchStrategy[Any]:
    """JSON values shaped by an OpenAPI schema, mostly valid, sometimes not at all."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if depth > 6:
        return JSON_LEAF
    shaped: st.SearchStrategy[Any]
    if "anyOf" in schema or "oneOf" in schema:
        shaped = st.one_of(
            [
                from_schema(s, components, depth + 1)
                for s in (schema["anyOf"] if "anyOf" in schema else schema["oneOf"])
            ]
        )
    elif "const" in schema:
        shaped = st.just(schema["const"])
    elif "enum" in schema:
        shaped = st.sampled_from(schema["enum"])
    elif schema.get("type") == "object":
        properties = {
            name: from_schema(sub, components, depth + 1)
            for name, sub in schema.get("properties", {}).items()
        }
        required = set(schema.get("required", ()))
        extra = schema.get("additionalProperties")
        shaped = st.fixed_dictionaries(
            {k: v for k, v in properties.items() if k in required},
            optional={k: v for k, v in properties.items() if k not in required},
        )
        if isinstance(extra, dict):
            values = from_schema(extra, components, depth + 1)
            shaped = st.builds(
                lambda fixed, more: {**more, **fixed},
                shaped,
                st.dictionaries(TEXT, values, max_size=4),
            )
    elif schema.get("type") == "array":
        shaped = st.lists(from_schema(schema.get("items", {}), components, depth + 1), max_size=4)
    elif schema.get("type") == "string":
        shaped = _strings(schema)
    elif schema.get("type") in ("integer", "number"):
        shaped = _numbers(schema)
    elif schema.get("type") == "boolean":
        shaped = st.booleans()
    elif schema.get("type") == "null":
        shaped = st.none()
    else:
        shaped = ANY_JSON
    return st.one_of(shaped, shaped, shaped, JSON_LEAF)  # a wrong type now and then


_MISSING = object()


def _mutated(value: Any) -> st.SearchStrategy[Any]:
    """``value`` (a JSON document) with a few leaves replaced by other JSON, a few keys
    left out and a few list items dropped: mostly valid, so the checks behind run too."""
    if isinstance(value, dict):
        parts = {
            key: st.one_of(_mutated(child), _mutated(child), st.just(_MISSING))
            for key, child in value.items()
        }
        return st.fixed_dictionaries(parts).map(
            lambda drawn: {k: v for k, v in drawn.items() if v is not _MISSING}
        )
    if isinstance(value, list):
        whole = st.tuples(*[_mutated(v) for v in value]).map(list)
        return whole | st.lists(st.one_of([_mutated(v) for v in value] or [JSON_LEAF]), max_size=3)
    return st.one_of(st.just(value), st.just(value), st.just(value), JSON_LEAF)


# --- the apps -----------------------------------------------------------------------------


@dataclass
class Door:
    """One way in: a client, what it sends with each request, and its role."""

    name: str
    client: TestClient
    headers: dict[str, str]


@dataclass
class World:
    """A running app in one mode on one database, with the callers that use it."""

    mode: str
    app: Any
    doors: list[Door]
    form_clients: list[TestClient]
    ids: dict[str, list[str]] = field(default_factory=dict)
    examples: dict[str, Any] = field(default_factory=dict)
    """A valid body per API path, for the generator to start from."""


def _with_a_session(world: World, client: TestClient) -> World:
    """Record yesterday's session (so the morning question shows) and keep it as an example."""
    started = datetime.now(UTC) - timedelta(days=1)
    record = _record(client.get("/api/v1/script").json(), started)
    saved = client.post("/api/v1/sessions", json=record, headers={"X-CSRF-Token": csrf(client)})
    assert saved.status_code == 201, saved.text
    world.ids["session_id"] = [record["id"]]
    world.examples["/api/v1/sessions"] = record
    world.examples["/api/v1/intake"] = typical_answers()
    return world


def _client(app: Any, base: str) -> TestClient:
    return TestClient(app, base_url=base, raise_server_exceptions=False)


def _token(client: TestClient, email: str) -> str:
    answer = client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 201, answer.text
    return str(answer.json()["token"])


def _local_world(url: str, folder: Path) -> World:
    app = create_app(Settings(data_dir=folder, database_url=url))
    person = _client(app, LOCAL)
    assert post_intake(person).status_code == 303
    token = csrf(person)
    doors = [
        Door("person", person, {"X-CSRF-Token": token}),
        Door("no CSRF token", _client(app, LOCAL), {}),
    ]
    return _with_a_session(World("local", app, doors, [person]), person)


def _new_invite(clinician: TestClient) -> str:
    """The token of a new one-time invite link."""
    page = clinician.post("/clinic/invites", data={"csrf_token": csrf(clinician, "/clinic")})
    return page.text.split(f'value="{SERVER}/invite/', 1)[1].split('"', 1)[0]


def _server_world(url: str, folder: Path) -> World:
    app = create_app(
        Settings(
            data_dir=folder, mode="server", secret_key=SECRET, base_url=SERVER, database_url=url
        )
    )
    engine = app.state.context.engine
    accounts.create_account(accounts.unit_of_work(engine), "ann@clinic.test", PASSWORD, "clinician")
    clinician, patient = _client(app, SERVER), _client(app, SERVER)
    login = clinician.post(
        "/login",
        data={
            "email": "ann@clinic.test",
            "password": PASSWORD,
            "csrf_token": csrf(clinician, "/login"),
        },
        follow_redirects=False,
    )
    assert login.status_code == 303
    invite = _new_invite(clinician)
    accepted = patient.post(
        f"/invite/{invite}",
        data={
            "email": "pat@home.test",
            "password": PASSWORD,
            "name": "Pat",
            "csrf_token": csrf(patient, f"/invite/{invite}"),
        },
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    assert post_intake(patient).status_code == 303
    person_id = accounts.log_in(accounts.unit_of_work(engine), "pat@home.test", PASSWORD).person_id
    tokens = _client(app, SERVER)
    doors = [
        Door(
            "patient token", tokens, {"Authorization": f"Bearer {_token(tokens, 'pat@home.test')}"}
        ),
        Door(
            "clinician token",
            tokens,
            {"Authorization": f"Bearer {_token(tokens, 'ann@clinic.test')}"},
        ),
        Door("patient cookie", patient, {"X-CSRF-Token": csrf(patient, "/plan")}),
        Door("anonymous", _client(app, SERVER), {}),
        Door("forged token", _client(app, SERVER), {"Authorization": "Bearer " + "x" * 43}),
    ]
    # A new invite left open for the invite form, and the anonymous login form.
    open_invite = _new_invite(clinician)
    world = World("server", app, doors, [clinician, patient, _client(app, SERVER)])
    world.ids = {"person_id": [person_id or ""], "invite": [open_invite]}
    return _with_a_session(world, patient)


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(("local", "sqlite"), id="local-sqlite"),
        pytest.param(("server", "sqlite"), id="server-sqlite"),
        pytest.param(("local", "postgres"), id="local-postgres", marks=pytest.mark.postgres),
        pytest.param(("server", "postgres"), id="server-postgres", marks=pytest.mark.postgres),
    ],
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """An app in one mode on one database, set up with a plan (and, in server mode, a
    clinician and their patient), shared by all examples of the module."""
    mode, database = request.param
    folder = tmp_path_factory.mktemp(f"fuzz-{mode}-{database}")
    url = database_url(database, folder)
    made = _local_world(url, folder) if mode == "local" else _server_world(url, folder)
    yield made
    made.app.state.context.engine.dispose()


def assert_handled(response: httpx.Response) -> None:
    """No 5xx, and nothing of a stack trace in the body."""
    note(f"{response.request.method} {response.request.url} -> {response.status_code}")
    assert response.status_code < 500, response.text[:2000]
    body = response.text
    for mark in TRACEBACK_MARKS:
        assert mark not in body, body[:2000]


# --- the API ------------------------------------------------------------------------------


def _operations(app: Any) -> list[tuple[str, str, dict[str, Any]]]:
    document = app.openapi()
    return [
        (method.upper(), path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if path.startswith("/api/v1/")
    ]


def _body(
    operation: dict[str, Any], path: str, components: dict[str, Any], world: World
) -> st.SearchStrategy[Any]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return st.none() | ANY_JSON
    shaped = from_schema(content["schema"], components)
    if path in world.examples:  # start from a real body too (the intake is free-form)
        shaped = _mutated(world.examples[path]) | shaped
    return st.one_of(shaped, shaped, shaped, ANY_JSON)


def _path_value(name: str, world: World) -> st.SearchStrategy[str]:
    known = world.ids.get(name, [])
    junk = st.text(alphabet=string.printable, min_size=1, max_size=80) | HOSTILE
    return (st.sampled_from(known) | junk) if known else junk


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _fuzz_operation(world: World, method: str, path: str, bodies: st.SearchStrategy[Any]) -> None:
    """Send ``EXAMPLES`` generated requests to one operation."""
    names = re.findall(r"{(\w+)}", path)
    doors = world.doors
    if path == "/api/v1/tokens/current":  # revoking our own tokens would end the fuzz
        doors = [d for d in doors if "forged" in d.name or "Authorization" not in d.headers]

    @FUZZ_SETTINGS
    @given(
        door=st.sampled_from(doors),
        values=st.fixed_dictionaries({n: _path_value(n, world) for n in names}),
        body=bodies,
        as_bytes=st.none() | st.binary(max_size=300),
    )
    def fuzz(door: Door, values: dict[str, str], body: Any, as_bytes: bytes | None) -> None:
        target = path
        for name, value in values.items():
            target = target.replace("{" + name + "}", quote(value, safe=""))
        content = as_bytes if as_bytes is not None else json.dumps(body).encode()
        note(f"{door.name}: {content[:500]!r}")
        headers = {**door.headers, "Content-Type": "application/json"}
        sent = None if method == "GET" else content
        assert_handled(door.client.request(method, target, content=sent, headers=headers))

    fuzz()


def test_every_api_operation_answers_generated_json_without_a_5xx(world: World) -> None:
    components = world.app.openapi().get("components", {}).get("schemas", {})
    operations = _operations(world.app)
    assert len(operations) >= 10  # the document lists them: status, plan, script, ...
    for method, path, operation in operations:
        _fuzz_operation(world, method, path, _body(operation, path, components, world))


# --- the HTML forms -----------------------------------------------------------------------


@dataclass
class Form:
    """A form as a page shows it: where it posts, and each field's offered values."""

    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)


class _FormReader(HTMLParser):
    """Collects every ``<form method="post">`` of a page with its fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag in ("input", "textarea", "button") and name:
            self._form.fields.setdefault(name, []).append(a.get("value", "on"))
        elif tag == "select" and name:
            self._select = name
            self._form.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            self._form.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


# Forms a page shows only in some states (a plan waiting for review, a morning after a
# session): posted by every client whatever the state.
SHOWN_ONLY_SOMETIMES = [
    Form("/plan/review", {"csrf_token": [""], "by": [""], "date": [""], "note": [""]}),
    Form("/pain/morning", {"csrf_token": [""], "value": [str(n) for n in range(11)]}),
]
PAGES = ["/", "/start", "/plan", "/rescreen", "/session", "/progress", "/data", "/clinic"]


def _forms(world: World) -> list[tuple[TestClient, Form]]:
    """Every post form on the pages each client can open (one entry per client and action)."""
    found: dict[tuple[int, str], tuple[TestClient, Form]] = {}
    pages = [*PAGES, "/login"]
    pages += [f"/clinic/patients/{p}" for p in world.ids.get("person_id", [])]
    pages += [f"/invite/{t}" for t in world.ids.get("invite", [])]
    for number, client in enumerate(world.form_clients):
        for page in pages:
            answer = client.get(page)
            if answer.status_code != 200 or "text/html" not in answer.headers["content-type"]:
                continue
            reader = _FormReader()
            reader.feed(answer.text)
            for form in reader.forms:
                if form.action not in NOT_FUZZED:
                    found.setdefault((number, form.action), (client, form))
    for number, client in enumerate(world.form_clients):
        for form in SHOWN_ONLY_SOMETIMES:
            found.setdefault((number, form.action), (client, form))
    # Deleting one's data ends the login that reaches the other forms: fuzz it last.
    return sorted(found.values(), key=lambda pair: pair[1].action == "/data/delete")


@st.composite
def form_fields(draw: st.DrawFn, form: Form, token: str) -> list[tuple[str, str]]:
    """The form's fields with offered, odd or hostile values; some left out or repeated."""
    pairs: list[tuple[str, str]] = []
    for name, offered in form.fields.items():
        if name == "csrf_token":
            pairs.append((name, token if draw(st.integers(0, 9)) else draw(FORM_VALUE)))
            continue
        choices = [v for v in offered if v != "delete"]
        value = st.sampled_from(choices) | FORM_VALUE if choices else FORM_VALUE
        pairs += [(name, v) for v in draw(st.lists(value, max_size=2))]
    pairs += draw(st.lists(st.tuples(TEXT, FORM_VALUE), max_size=2))
    return pairs


def _fuzz_form(client: TestClient, form: Form) -> None:
    """Post ``EXAMPLES`` generated versions of one form."""
    token = csrf(client, "/exercises")

    @FUZZ_SETTINGS
    @given(pairs=form_fields(form, token))
    def fuzz(pairs: list[tuple[str, str]]) -> None:
        note(f"{form.action}: {pairs!r}"[:2000])
        assert_handled(
            client.post(
                form.action,
                content=urlencode(pairs).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                follow_redirects=False,
            )
        )

    fuzz()


def test_every_html_form_answers_generated_fields_without_a_5xx(world: World) -> None:
    forms = _forms(world)
    actions = {form.action for _, form in forms}
    expected = {"/start", "/rescreen", "/pain/morning", "/plan/review"}
    if world.mode == "server":
        expected |= {"/login", "/clinic/invites", *(f"/invite/{t}" for t in world.ids["invite"])}
    assert expected <= actions, actions
    for client, form in forms:
        _fuzz_form(client, form)
