"""Catalog load, figure rendering and CLI start-up times (medians; see docs/benchmarks.md)."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sicoach.catalog import default_catalog, load_catalog
from sicoach.figures import render_animated_svg, render_svg

SICOACH = Path(sys.executable).with_name("sicoach")


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, env=os.environ.copy())


def main() -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {load:.1f}"
    )
    python_start = median_ms(lambda: run([sys.executable, "-c", "pass"]), 7)
    print(f"bare Python start to exit, median of 7: {python_start:.0f} ms")

    cold_import = [
        sys.executable,
        "-c",
        "from sicoach.catalog import load_catalog; load_catalog()",
    ]
    cold = median_ms(lambda: run(cold_import), 7)
    print(f"catalog, new process (import + load), median of 7: {cold:.0f} ms")
    uncached = median_ms(load_catalog, 20)
    print(f"catalog load, uncached (read + validate 8 files), median of 20: {uncached:.1f} ms")
    default_catalog()
    cached = median_ms(default_catalog, 1000) * 1000
    print(f"catalog load, cached, median of 1000: {cached:.2f} µs")

    catalog = default_catalog()
    still_total = animated_total = 0.0
    for exercise in catalog.exercises:
        held = next(p.name for p in exercise.poses if p.held)
        still = median_ms(partial(render_svg, exercise, held), 20)
        animated = median_ms(partial(render_animated_svg, exercise), 5)
        size = len(render_animated_svg(exercise)) / 1024
        still_total += still
        animated_total += animated
        print(
            f"figure {exercise.id:26s} still {still:6.1f} ms   animated {animated:6.1f} ms"
            f"   ({size:.0f} KiB animated)"
        )
    print(f"figure all seven: still {still_total:.0f} ms, animated {animated_total:.0f} ms")

    for args in (["--help"], ["exercises", "list"]):
        ms = median_ms(partial(run, [str(SICOACH), *args]), 7)
        print(f"sicoach {' '.join(args):16s} start to exit, median of 7: {ms:.0f} ms")


if __name__ == "__main__":
    main()
