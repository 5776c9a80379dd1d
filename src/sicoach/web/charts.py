"""The progress charts inline as SVG: the same figure ``sicoach progress --chart`` draws."""

from __future__ import annotations

import html
import re
import tempfile
import threading
from pathlib import Path

from markupsafe import Markup

from sicoach.documents.charts import draw_progress
from sicoach.services.progress import ProgressSummary

__all__ = ["progress_chart"]

# pyplot keeps global state, so one figure at a time per process.
_drawing = threading.Lock()


def progress_chart(summary: ProgressSummary, title: str) -> Markup:
    """The progress figure as inline SVG, scaling to its box, with an accessible title."""
    with _drawing, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.svg"
        draw_progress(summary, path)
        svg = path.read_text(encoding="utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r"<svg\1", svg, count=1)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(title)}"', 1)
    return Markup(svg)  # drawn by matplotlib from numbers and our own labels
