"""The CSRF check: a missing or wrong token is a 403, whatever characters it holds."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf


@pytest.mark.parametrize("token", ["é", "\u202e", "x" * 43 + "ß", ""])
def test_a_form_token_with_any_characters_is_refused_with_403(
    client: TestClient, token: str
) -> None:
    csrf(client)  # the session has a token to compare with
    answer = client.post("/pain/morning", data={"csrf_token": token, "value": "3"})
    assert answer.status_code == 403
    assert "This form has expired" in answer.text


def test_a_header_token_with_non_ascii_characters_is_refused_with_403(client: TestClient) -> None:
    csrf(client)
    answer = client.post(
        "/api/v1/pain",
        json={"value": 3, "when": "before"},
        headers={"X-CSRF-Token": "ÿ".encode("latin-1") * 10},
    )
    assert answer.status_code == 403
