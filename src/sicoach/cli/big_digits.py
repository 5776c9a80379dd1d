"""Digits five rows tall, so the countdown reads from a mat across the room."""

from __future__ import annotations

__all__ = ["big_text", "countdown_text"]

_GLYPHS = {
    "0": ["█████", "█   █", "█   █", "█   █", "█████"],
    "1": ["  █  ", " ██  ", "  █  ", "  █  ", " ███ "],
    "2": ["█████", "    █", "█████", "█    ", "█████"],
    "3": ["█████", "    █", " ████", "    █", "█████"],
    "4": ["█   █", "█   █", "█████", "    █", "    █"],
    "5": ["█████", "█    ", "█████", "    █", "█████"],
    "6": ["█████", "█    ", "█████", "█   █", "█████"],
    "7": ["█████", "    █", "   █ ", "  █  ", "  █  "],
    "8": ["█████", "█   █", "█████", "█   █", "█████"],
    "9": ["█████", "█   █", "█████", "    █", "█████"],
    ":": ["     ", "  █  ", "     ", "  █  ", "     "],
}


def big_text(text: str) -> str:
    """``text`` (digits and colons) drawn five rows tall, glyphs two spaces apart."""
    rows = ["  ".join(_GLYPHS[ch][row] for ch in text) for row in range(5)]
    return "\n".join(rows)


def countdown_text(seconds: int) -> str:
    """Seconds as the countdown shows them: '45' under a minute, '1:05' from a minute up."""
    if seconds < 60:
        return str(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"
