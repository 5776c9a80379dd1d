"""The API's OpenAPI document as sicoach publishes it: ``sicoach.*`` schema names and the
one error shape (RFC 9457 problem details) on every operation.

FastAPI names a component schema after its Python class; a client generator then makes
types such as ``PatientOut``. Here every schema of the API's own is published as
``sicoach.NAME`` (``sicoach.PatientOut``), and FastAPI's validation-error schemas, which
the app never sends, give way to ``sicoach.Problem``, the shape it does send.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sicoach.web.errors import PROBLEM_MEDIA_TYPE, PROBLEM_NAMES, PROBLEM_PREFIX

__all__ = ["PROBLEM_SCHEMA", "install_openapi", "sicoach_document"]

PREFIX = "sicoach."
# FastAPI's own schemas for a 422 it would send; the app sends problem details instead.
_FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details: what went wrong, named by its type.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {
            "type": "string",
            "enum": [PROBLEM_PREFIX + name for name in PROBLEM_NAMES],
            "description": "the problem's name",
        },
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "what happened, in words"},
        "instance": {"type": "string", "description": "the path asked for"},
        "problems": {
            "type": "array",
            "description": "for bad values: each field and what is wrong with it",
            "items": {
                "type": "object",
                "required": ["field", "problem"],
                "properties": {"field": {"type": "string"}, "problem": {"type": "string"}},
            },
        },
    },
    "example": {
        "type": PROBLEM_PREFIX + "invalid-input",
        "title": PROBLEM_NAMES["invalid-input"],
        "status": 422,
        "detail": "Some values are not valid.",
        "instance": "/api/v1/patients/3f1c/prescription",
        "problems": [{"field": "reason", "problem": "String should have at least 1 character"}],
    },
}
_PROBLEM_REF = {"$ref": f"#/components/schemas/{PREFIX}Problem"}
_PROBLEM_RESPONSE = {
    "description": "A problem (RFC 9457), named by its type",
    "content": {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}},
}


def _renamed(node: Any, names: dict[str, str]) -> Any:
    """The document with every ``$ref`` to a renamed schema pointing at its new name."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in names:
            return {**node, "$ref": f"#/components/schemas/{names[ref.rsplit('/', 1)[-1]]}"}
        return {key: _renamed(value, names) for key, value in node.items()}
    if isinstance(node, list):
        return [_renamed(value, names) for value in node]
    return node


def sicoach_document(document: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's document with ``sicoach.*`` schema names and problem-details errors."""
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    names = {name: PREFIX + name for name in schemas if name not in _FASTAPI_ERRORS}
    renamed: dict[str, Any] = _renamed(document, names)
    kept = {
        names[n]: s
        for n, s in renamed.get("components", {}).get("schemas", {}).items()
        if n in names
    }
    kept[PREFIX + "Problem"] = PROBLEM_SCHEMA
    renamed.setdefault("components", {})["schemas"] = dict(sorted(kept.items()))
    for item in renamed.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            responses["4XX"] = _PROBLEM_RESPONSE
    return renamed


def install_openapi(app: FastAPI) -> None:
    """Serve :func:`sicoach_document` as the app's OpenAPI document (made once)."""

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            made = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            app.openapi_schema = sicoach_document(made)
        made_document: dict[str, Any] = app.openapi_schema
        return made_document

    app.openapi = document  # type: ignore[method-assign]  # FastAPI's documented way
