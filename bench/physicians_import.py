"""Import rate of the physician directory on a generated NPPES file of the real width.

Writes a monthly-style ZIP whose CSV is at least 1 GB (330 quoted columns, about 8 % of rows
with a listed taxonomy, as in the real file) to a temporary folder, imports it in a separate
process with ``sicoach physicians import`` into a fresh SQLite file, and prints rows/s, MB/s
(uncompressed CSV) and the import process's peak memory (getrusage maxrss). Deletes its files.

    python bench/physicians_import.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from sicoach.physicians.synthetic import random_specs, write_nppes
from sicoach.physicians.zip_centres import default_zip_index

FULL_FILE_ROWS = 9_000_000
FULL_FILE_GB = 8.7


def _import(path: Path, env: dict[str, str], rows: int, csv_bytes: int, label: str) -> None:
    """Run ``sicoach physicians import`` in a child process and print its figures."""
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-c", "from sicoach.cli.main import run; run()"]
        + ["physicians", "import", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime
    print(f"{label}: {' '.join(result.stdout.split())}")
    rate = rows / seconds
    print(
        f"  {seconds:.1f} s wall ({cpu:.1f} s CPU), {rate:,.0f} rows/s, "
        f"{csv_bytes / 1e6 / seconds:.0f} MB/s; peak memory of the import processes so far "
        f"(maxrss): {usage.ru_maxrss / 1024:.0f} MB; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"  extrapolated to the full monthly file ({FULL_FILE_ROWS:,} rows, {FULL_FILE_GB} GB): "
        f"{FULL_FILE_ROWS / rate / 60:.1f} min by rows, "
        f"{FULL_FILE_GB * 1e9 / (csv_bytes / seconds) / 60:.1f} min by bytes (goal: under 5 min)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sicoach-bench-nppes-", dir="/tmp"))
    try:
        path = folder / "NPPES_Data_Dissemination_November_2026.zip"
        started = time.perf_counter()
        write_nppes(path, random_specs(args.rows, default_zip_index(), seed=1))
        made = time.perf_counter() - started
        with zipfile.ZipFile(path) as archive:
            csv_bytes = max(i.file_size for i in archive.infolist())
        print(
            f"generated {args.rows:,} rows in {made:.0f} s: "
            f"ZIP {path.stat().st_size / 1e6:,.0f} MB,"
        )
        print(f"  CSV inside {csv_bytes / 1e9:.2f} GB ({csv_bytes / args.rows:.0f} bytes a row)")
        env = {
            **os.environ,
            "SICOACH_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "PYTHONPATH": os.pathsep.join(sys.path),
        }
        for label in ("first import, empty database", "re-import, replaces that directory"):
            _import(path, env, args.rows, csv_bytes, label)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
