"""Types Typer checks prompt answers against; it asks again on a bad answer.

Kept apart from the commands so pydantic loads only when a question is asked,
not for ``sicoach --help``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

Age = Annotated[int, Field(ge=12, le=120)]
PainScore = Annotated[int, Field(ge=0, le=10)]
Weeks = Annotated[float, Field(ge=0, le=5200)]
Minutes = Annotated[int, Field(ge=1, le=240)]
