"""ZIP centres from the ``zipcodes`` package: built in, no network (physician-finder.md §4)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

import zipcodes

from sicoach.physicians.search import ZipCentre, ZipIndex

__all__ = ["default_zip_index"]

_list_all = cast(Callable[[], list[dict[str, Any]]], zipcodes.list_all)


@lru_cache(maxsize=1)
def default_zip_index() -> ZipIndex:
    """Every ZIP the package knows (about 42,800), read once per process (about 0.6 s)."""
    return ZipIndex(
        ZipCentre(
            zip5=z["zip_code"],
            lat=float(z["lat"]),
            lon=float(z["long"]),
            city=z["city"],
            state=z["state"],
        )
        for z in _list_all()
        if z["lat"] and z["long"]
    )
