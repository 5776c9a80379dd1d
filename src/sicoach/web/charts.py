"""The progress charts as SVG pictures: the same figure ``sicoach progress --chart`` draws.

The SVG is given as a ``data:`` address in an ``<img>``, not inlined in the page:
matplotlib styles its drawing with inline ``style`` attributes, which the pages'
Content-Security-Policy refuses, while a picture keeps its own styles.
"""

from __future__ import annotations

import base64
import html
import re
import tempfile
import threading
from pathlib import Path

from markupsafe import Markup

from sicoach.documents.charts import draw_progress
from sicoach.outcomes.summary import ProgressSummary

__all__ = ["progress_chart"]

# pyplot keeps global state, so one figure at a time per process.
_drawing = threading.Lock()


def progress_chart(summary: ProgressSummary, title: str) -> Markup:
    """The progress figure as an ``<img>`` of its SVG, scaling to its box, titled for all."""
    with _drawing, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.svg"
        draw_progress(summary, path)
        svg = path.read_text(encoding="utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r"<svg\1", svg, count=1)
    address = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return Markup(f'<img src="{address}" alt="{html.escape(title)}">')
