"""In process: what GET /progress costs with six weeks of sessions, and what its chart costs.

    PYTHONPATH=src python bench/web_progress.py [--repeat N]

One local-mode person answers the typical example's questions 40 days ago and logs a
session every other day (the warning-sign questions answered again after four weeks),
through the same commands a person types. Then, on a fresh app (TestClient, no HTTP
server), it prints the first GET /progress (the chart drawn), the median of N more (the
chart made once per change of data, so taken from the cache), the chart alone, and for
comparison the matplotlib figure that the page used to embed (``sicoach progress
--chart`` still draws it). Goal: the page under 200 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sicoach.catalog import default_catalog
from sicoach.cli.main import app as cli
from sicoach.documents.charts import draw_progress
from sicoach.services import coaching, people
from sicoach.settings import Settings, get_settings
from sicoach.store.db import open_database
from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork
from sicoach.web import charts
from sicoach.web.app import create_app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "intakes" / "typical.yaml"
DAYS = 40


def _history(data_dir: Path) -> None:
    os.environ["SICOACH_DATA_DIR"] = str(data_dir)
    get_settings.cache_clear()
    runner = CliRunner()
    today = date.today()

    def run(*args: str) -> None:
        result = runner.invoke(cli, list(args))
        assert result.exit_code == 0, result.output

    run("start", "--intake", str(EXAMPLE), "--date", str(today - timedelta(days=DAYS)))
    for back in range(DAYS - 1, 0, -2):
        day = today - timedelta(days=back)
        if back == 13:  # four weeks on: the answers again, as the plan asks
            run("start", "--intake", str(EXAMPLE), "--date", str(day))
        pain = 3 + back // 10
        run(
            "log",
            "--date",
            str(day),
            "--pain-before",
            str(pain),
            "--pain-during",
            str(pain + 1),
            "--pain-after",
            str(max(0, pain - 1)),
        )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        _history(data_dir)
        settings = Settings(data_dir=data_dir)
        with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
            client.get("/exercises")  # templates and catalog loaded: not the page's cost
            started = time.perf_counter()
            first = client.get("/progress")
            cold = _ms(started)
            assert first.status_code == 200 and "chart-drawing" in first.text
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                assert client.get("/progress").status_code == 200
                times.append(_ms(started))
        engine = open_database(settings.resolved_database_url)
        uow = SqlAlchemyUnitOfWork(engine)
        pid = people.local_person(uow).id
        summary = coaching.progress_view(SqlAlchemyUnitOfWork(engine), pid, date.today()).summary
        engine.dispose()
        default_catalog()
        draws = []
        for n in range(args.repeat):
            started = time.perf_counter()
            charts.progress_chart(summary, f"Charts {n}")  # a new title: drawn, not cached
            draws.append(_ms(started))
        started = time.perf_counter()
        draw_progress(summary, Path(folder) / "old.svg")
        old = _ms(started)
    print(
        f"sessions logged: {len(summary.adherence)} weeks, {sum(w.done for w in summary.adherence)}"
    )
    print(f"GET /progress, first (chart drawn):   {cold:7.1f} ms")
    print(f"GET /progress, median of {args.repeat} (cached): {statistics.median(times):7.1f} ms")
    print(f"SVG chart drawn alone, median:        {statistics.median(draws):7.2f} ms")
    print(f"matplotlib figure it replaces:        {old:7.1f} ms")


if __name__ == "__main__":
    main()
