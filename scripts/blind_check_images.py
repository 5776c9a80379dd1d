"""Draw the pictures for the blind recognition check: each stretch's held pose, alone.

Each stretch's first held pose is drawn as a still with no title, for the side the
catalog writes it for, and saved as a PNG under a letter (A to G) in a fixed shuffled
order, so a reviewer who has read nothing sees only the picture. The key (letter to
stretch) is written to standard output as JSON; keep it away from the reviewer.

    PYTHONPATH=src .venv/bin/python scripts/blind_check_images.py docs/img/blind-check

Needs Chromium (``/usr/bin/chromium``) through Playwright, as the browser tests do.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from sicoach.catalog import default_catalog
from sicoach.figures.render import render_svg

SHUFFLE_SEED = 16  # the number: the same letters every time


def main(folder: Path) -> dict[str, str]:
    """Write A.png ... G.png into ``folder`` and return which stretch each letter shows."""
    folder.mkdir(parents=True, exist_ok=True)
    exercises = list(default_catalog().exercises)
    random.Random(SHUFFLE_SEED).shuffle(exercises)
    key: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1200, "height": 900}, device_scale_factor=1.5)
        for letter, exercise in zip("ABCDEFG", exercises, strict=True):
            held = next(p.name for p in exercise.poses if p.held)
            svg = re.sub(r"<title>.*?</title>", "", render_svg(exercise, held), flags=re.S)
            page.set_content(f"<html><body style='margin:0;background:#fff'>{svg}</body></html>")
            page.locator("svg").first.screenshot(path=str(folder / f"{letter}.png"))
            key[letter] = f"{exercise.id} ({held})"
        browser.close()
    return key


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(Path(sys.argv[1])), indent=1) + "\n")
