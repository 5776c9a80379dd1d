"""What the web benchmarks send: the intake as its form posts it, a session as recorded."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

__all__ = ["intake_form_fields", "session_record"]


def intake_form_fields(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """An intake mapping as the form's fields: dotted names, 'true'/'false', lists repeated."""
    fields: list[tuple[str, str]] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(f"{prefix}.{key}" if prefix else key, child)
        elif isinstance(value, list):
            fields.extend((prefix, str(v)) for v in value)
        elif isinstance(value, bool):
            fields.append((prefix, "true" if value else "false"))
        elif value is not None:
            fields.append((prefix, str(value)))

    walk("", {k: v for k, v in answers.items() if k != "schema"})
    return fields


def session_record(
    script: dict[str, Any], session_id: str, started: datetime, pain: tuple[int, int, int]
) -> dict[str, Any]:
    """Today's script played to the end from ``started``, with the pain before, during, after."""
    before, during, after = pain
    return {
        "schema": "sicoach.session/1",
        "id": session_id,
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(seconds=script["total_seconds"])).isoformat(),
        "completed": True,
        "steps": [
            {
                "index": n,
                "exercise": s["exercise"],
                "side": s["side"],
                "rep": s["rep"],
                "phase": s["phase"],
                "planned_seconds": s["seconds"],
                "actual_seconds": s["seconds"],
                "outcome": "completed",
            }
            for n, s in enumerate(script["steps"])
        ],
        "pain_before": before,
        "pain_during": during,
        "pain_after": after,
    }
