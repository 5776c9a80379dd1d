"""The words a person must never read: one list, used by every scan of what people see.

A person reads the pages, the terminal, the handout and the spoken cues. None of them
may show how sicoach is built: the clinical document it grew from ("the seed", "the
source"), file names, stretch ids, the answers' field names, ranges written like a
table ("15–30 s"), or minutes with decimals.
"""

from __future__ import annotations

import re
from html import unescape

from sicoach.catalog import default_catalog

__all__ = ["INTERNAL", "internal_words", "visible_text"]

INTERNAL: dict[str, re.Pattern[str]] = {
    "the seed": re.compile(r"\bseeds?\b", re.IGNORECASE),
    "the source": re.compile(r"\bsource\b", re.IGNORECASE),
    "a file name": re.compile(
        r"\b[\w-]+\.(?:ya?ml|txt|json|csv|py|svg|pdf|ics|zip|jsonl)\b", re.IGNORECASE
    ),
    "a stretch id": re.compile(
        r"\b(?:" + "|".join(re.escape(e.id) for e in default_catalog().exercises) + r")\b"
    ),
    "a field name": re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-z_]+_[a-z_]+\b"),
    "a range written as a table": re.compile(r"\d\s*s?\s*[–-]\s*\d+(?:\.\d+)?\s*s\b"),
    "a time in seconds written short": re.compile(r"\b\d+(?:\.\d+)?\s?s\b"),
    "minutes with decimals": re.compile(r"\b\d+\.\d+\s*(?:min|minutes?)\b"),
}
"""Each kind of internal word, and how to find it in a person's text."""

# Allowed on purpose: the physician finder must name its data ("Source: CMS NPPES, ...
# file", physician-finder.md §3), and the page for whoever runs sicoach names the command
# that adds it. The terminal may also name the commands a person types, with their
# arguments; paper and speech may not.
ALLOWED = (
    re.compile(r"Source: CMS NPPES[^.]*\.(?: \([^)]*\))?"),
    re.compile(r"sicoach physicians import FILE"),
)
ALLOWED_IN_TERMINAL = (re.compile(r"`?sicoach(?: [-\w.]+)+`?"),)


def visible_text(html: str) -> str:
    """What a page shows: the text outside tags, scripts and styles, entities decoded."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    html = re.sub(r"<title>.*?</title>", " ", html, count=1, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(text))


def internal_words(text: str, *, terminal: bool = False) -> list[str]:
    """Every internal word in ``text``, each as 'kind: «the words around it»' (empty: none).

    ``terminal``: the text is a terminal screen, where naming a command is right.
    """
    for allowed in (*ALLOWED, *(ALLOWED_IN_TERMINAL if terminal else ())):
        text = allowed.sub(" ", text)
    found = []
    for kind, pattern in INTERNAL.items():
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 40), match.end() + 40
            found.append(f"{kind}: «{text[start:end]}»")
    return found
