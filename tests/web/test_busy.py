"""A write that waits too long for SQLite's one write lock is refused (503), not failed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.web.conftest import csrf, make_client, post_intake


@pytest.mark.slow  # waits out SQLite's 5 s busy timeout
def test_a_write_blocked_by_another_writer_is_a_503_to_send_again(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        post_intake(client)
        engine = client.app.state.context.engine  # type: ignore[attr-defined]
        holder = sqlite3.connect(engine.url.database, timeout=0)
        holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            headers = {"X-CSRF-Token": csrf(client)}
            refused = client.post(
                "/api/v1/pain", json={"value": 3, "when": "next-morning"}, headers=headers
            )
        finally:
            holder.rollback()
            holder.close()
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["type"] == "urn:sicoach:problem:busy"
        again = client.post(
            "/api/v1/pain", json={"value": 3, "when": "next-morning"}, headers=headers
        )
        assert again.status_code == 201, again.text
