"""Responses that download a file: the body, its media type and the name to save it under."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query
from fastapi.responses import Response

from sicoach.services.printouts import Paper

__all__ = ["PaperQuery", "attachment", "handout_download"]

PaperQuery = Annotated[Paper, Query(description="Paper size: a4 or letter.")]


def attachment(body: bytes, media_type: str, filename: str) -> Response:
    """``body`` as a download named ``filename``."""
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def handout_download(pdf: bytes | None, paper: Paper) -> Response:
    """The handout as a PDF download; 404 when there is no plan with stretches to print."""
    if pdf is None:
        raise HTTPException(status_code=404, detail="There is no plan with stretches to print yet.")
    return attachment(pdf, "application/pdf", f"sicoach-handout-{paper.value}.pdf")
