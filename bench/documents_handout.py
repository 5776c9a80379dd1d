"""Handout generation time and file size for the full seven-stretch plan.

Goals (issue 8): under 1 s and under 1 MB. Prints the first (cold: imports, font
parsing) and the median of the following runs, on a 2-core shared VM.
Run: PYTHONPATH=src python bench/documents_handout.py
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date

from _plans import full_plan
from sicoach.catalog import default_catalog
from sicoach.documents.handout import HandoutDetails, handout_pdf
from sicoach.documents.pictures import pose_pictures

RUNS = 7


def main() -> None:
    catalog = default_catalog()
    plan = full_plan()
    details = HandoutDetails(made_on=date(2026, 11, 25), person_name="Bench Person")
    wall, cpu = [], []
    for _ in range(RUNS):
        began, began_cpu = time.perf_counter(), time.process_time()
        pdf = handout_pdf(plan, catalog, details, pose_pictures)
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    print(f"Handout, {len(plan.exercises)} stretches, {len(pdf) / 1024:.0f} KB")
    print(f"  first run (imports, fonts): {wall[0]:.2f} s wall")
    print(
        f"  median of the next {RUNS - 1}: {statistics.median(wall[1:]):.2f} s wall, "
        f"{statistics.median(cpu[1:]):.2f} s CPU"
    )
    print(f"  load average while running: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
