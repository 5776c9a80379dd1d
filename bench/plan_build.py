"""Plan build time: median microseconds of build_plan for several intakes.

Run: PYTHONPATH=src python bench/plan_build.py [runs]
Parsing the intake is timed apart from building the plan; the catalog is loaded once.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from sicoach.catalog import default_catalog
from sicoach.program.intake import parse_intake
from sicoach.program.plan import build_plan

ROOT = Path(__file__).resolve().parents[1]
TYPICAL = yaml.safe_load((ROOT / "examples" / "intakes" / "typical.yaml").read_text())


def _changed(changes: dict[str, object]) -> dict[str, object]:
    data: dict[str, Any] = yaml.safe_load(yaml.safe_dump(TYPICAL))
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        target = data
        for key in parents:
            target = target[key]
        target[last] = value
    return data


INTAKES = {
    "typical (5 stretches, fits)": _changed({}),
    "stiff joint, yes to pelvic rotation": _changed(
        {"joint_stiff": True, "pelvic_rotation_ok": True, "minutes_per_day": 30}
    ),
    "stiff joint, 10 min (trims reps, drops)": _changed(
        {"joint_stiff": True, "pelvic_rotation_ok": True, "minutes_per_day": 10}
    ),
    "hip replacement + osteoporosis": _changed(
        {"precautions.hip_replacement_weeks_ago": 6, "precautions.osteoporosis": True}
    ),
    "red flag (no plan)": _changed({"red_flags.saddle_numbness": True}),
}


def median_us(work: Callable[[], object], runs: int) -> float:
    for _ in range(min(200, runs)):
        work()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        work()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    catalog = default_catalog()
    print(f"runs per figure: {runs}; Python {sys.version.split()[0]}")
    print(f"{'intake':42} {'parse µs':>10} {'build µs':>10} {'stretches':>9}")
    for name, data in INTAKES.items():
        intake = parse_intake(data)
        parse = median_us(partial(parse_intake, data), runs)
        build = median_us(partial(build_plan, intake, catalog), runs)
        count = len(build_plan(intake, catalog).exercises)
        print(f"{name:42} {parse:10.1f} {build:10.1f} {count:9d}")


if __name__ == "__main__":
    main()
