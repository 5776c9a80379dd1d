"""What some tests need from the machine: skipped without it locally, failed under CI=true.

CI installs everything the tests use (scripts/test.sh), so there a missing server or
program is a broken setup, never a reason to pass with tests left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import NoReturn

import pytest

# The poppler-utils programs the document tests read PDFs with (marker ``poppler``).
POPPLER = ("pdftotext", "pdfinfo", "pdffonts")


def missing(reason: str) -> NoReturn:
    """Skip the test for ``reason``, or fail it under CI=true, where nothing may be missing."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run these tests")
    pytest.skip(reason)


def require_poppler(programs: tuple[str, ...] = POPPLER) -> None:
    """Skip (fail under CI=true) unless each of these poppler-utils ``programs`` is installed."""
    absent = [name for name in programs if shutil.which(name) is None]
    if absent:
        missing(
            f"{', '.join(absent)} not found: install poppler-utils (apt-get install poppler-utils)"
        )


def poppler(program: str, *args: str) -> str:
    """What a poppler-utils ``program`` (pdftotext, pdfinfo, pdffonts) prints for ``args``."""
    require_poppler((program,))
    return subprocess.run([program, *args], check=True, capture_output=True, text=True).stdout
