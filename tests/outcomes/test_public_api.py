from __future__ import annotations

import sicoach.outcomes as outcomes


def _kind(name: str) -> int:
    """Constants first, then classes, then functions (isort's order)."""
    return 0 if name.isupper() else 1 if name[0].isupper() else 2


def test_the_public_names_are_listed_and_sorted() -> None:
    assert outcomes.__all__ == sorted(outcomes.__all__, key=lambda n: (_kind(n), n))
    assert all(hasattr(outcomes, name) for name in outcomes.__all__)
