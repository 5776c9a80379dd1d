"""The key that signs the browser cookies: at least 32 random bytes, or the app will not start.

A short or guessable key lets anyone forge a cookie (``SICOACH_SECRET_KEY=x`` was
accepted, issue 13 finding 5). Randomness cannot be measured from one value, so the
check is a floor: the key's length in its apparent alphabet (hex, base64, or any
printable text) must carry at least 256 bits, and it must not repeat a few characters.
"""

from __future__ import annotations

import math
import secrets
import string

__all__ = ["MINIMUM_BITS", "new_secret_key", "secret_key_problem"]

MINIMUM_BITS = 256
_MINIMUM_DISTINCT = 10
_HEX = frozenset(string.hexdigits)
_BASE64 = frozenset(string.ascii_letters + string.digits + "-_+/=")


def new_secret_key() -> str:
    """A good key: 48 random bytes, URL-safe base64 (64 characters)."""
    return secrets.token_urlsafe(48)


def _bits(key: str) -> float:
    characters = set(key)
    if characters <= _HEX:
        alphabet = 16
    elif characters <= _BASE64:
        alphabet = 64
    else:
        alphabet = 95
    return len(key.rstrip("=")) * math.log2(alphabet)


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is too weak to sign cookies, or None when it is good enough."""
    if _bits(key) < MINIMUM_BITS:
        return (
            f"the secret key is too short: it needs at least {MINIMUM_BITS // 8} random bytes "
            "(for example 64 hex digits or 43 base64 characters)"
        )
    if len(set(key)) < _MINIMUM_DISTINCT:
        return "the secret key repeats a few characters: it needs to be random"
    return None
