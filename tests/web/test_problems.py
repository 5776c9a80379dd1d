"""Every API error has one JSON shape: RFC 9457 problem details, each problem named."""

from __future__ import annotations

import pytest

from sicoach.web.errors import PROBLEM_NAMES, PROBLEM_PREFIX
from tests.web.test_api import Api, _prescription, make_api


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    """One clinic for the module: these calls change nothing."""
    return make_api(tmp_path_factory.mktemp("problems"))


@pytest.mark.parametrize(
    ("who", "method", "path", "body", "status", "name"),
    [
        (None, "GET", "/api/v1/patients", None, 401, "login-needed"),
        ("pat", "GET", "/api/v1/patients", None, 403, "not-allowed"),
        ("ann", "GET", "/api/v1/patients/{quinn}", None, 404, "not-found"),
        ("ann", "GET", "/api/v1/no-such-route", None, 404, "not-found"),
        ("ann", "PATCH", "/api/v1/patients", None, 405, "method-not-allowed"),
        ("ann", "GET", "/api/v1/patients?limit=0", None, 422, "invalid-input"),
        ("ann", "PUT", "/api/v1/patients/{sue}/prescription", "dose", 409, "not-now"),
        ("pat", "PUT", "/api/v1/intake", {"schema": "sicoach.intake/3"}, 422, "invalid-input"),
    ],
)
def test_an_api_error_is_problem_details_with_a_name(
    api: Api,
    who: str | None,
    method: str,
    path: str,
    body: object,
    status: int,
    name: str,
) -> None:
    url = path.format(**api.patients)
    payload = _prescription(25) if body == "dose" else body
    if who is None:
        response = api.client.request(method, url, json=payload)
    else:
        response = api.call(who, method, url, payload)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == PROBLEM_PREFIX + name
    assert problem["title"] == PROBLEM_NAMES[name] and problem["status"] == status
    assert problem["instance"] == url.split("?")[0] and problem["detail"]
    if status == 422:
        assert all(set(p) == {"field", "problem"} for p in problem["problems"])


def test_the_openapi_document_names_its_schemas_and_its_one_error_shape(api: Api) -> None:
    document = api.client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert all(name.startswith("sicoach.") for name in schemas)
    assert schemas["sicoach.Problem"]["example"]["type"] == PROBLEM_PREFIX + "invalid-input"
    for path, item in document["paths"].items():
        for method, operation in item.items():
            problem = operation["responses"]["4XX"]["content"]["application/problem+json"]
            assert problem["schema"]["$ref"] == "#/components/schemas/sicoach.Problem"
            assert "422" not in operation["responses"], (method, path)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body and "$ref" in body["schema"] and "examples" not in body:
                named = schemas[body["schema"]["$ref"].rsplit("/", 1)[1]]
                assert named.get("examples") or all(
                    "examples" in p or "$ref" in p for p in named["properties"].values()
                ), (method, path)


def test_a_nul_in_the_address_is_refused_as_a_problem_before_any_route(api: Api) -> None:
    # The fuzz suite found this: a NUL in a patient id reached PostgreSQL, which refuses it.
    response = api.call("ann", "GET", "/api/v1/patients/%2500/summary.pdf")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == PROBLEM_PREFIX + "invalid-input"
