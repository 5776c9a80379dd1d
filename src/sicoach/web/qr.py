"""A QR code of an address, as SVG to put in the page (dark on light, for any scanner)."""

from __future__ import annotations

import segno
from markupsafe import Markup

__all__ = ["qr_svg"]

# Medium error correction survives a smudged or partly covered screen; scale 4 gives
# a code of about 150 px for an invite link, readable by a phone at arm's length.
_ERROR = "m"
_SCALE = 4


def qr_svg(address: str, title: str) -> Markup:
    """The address as an inline ``<svg>`` QR code titled for screen readers.

    segno draws with ``fill`` and ``stroke`` attributes, never ``style``, so the
    pages' Content-Security-Policy lets it show.
    """
    code = segno.make(address, error=_ERROR)
    svg = code.svg_inline(
        scale=_SCALE, border=2, dark="#000", light="#fff", title=title, svgclass="qr"
    )
    return Markup(svg)
