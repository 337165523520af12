"""Benchmark: 1,000 badges in one PDF (seconds, file size, peak memory).

Run: .venv/bin/python bench/bench_badges.py [--badges 1000] [--runs 3]
On a throw-away SQLite database, then, when FORUM_BENCH_DATABASE_URL or
FORUM_TEST_DATABASE_URL is set (make bench runs it under .ci/with-postgres),
on PostgreSQL; prints medians. Target: under 2 s and 10 MB
for 1,000 badges (pretix: 11-13 s and 29.5 MB on this kind of machine).
"""

import argparse
import os
import resource
import statistics
import tempfile
import time
import tracemalloc
from io import BytesIO

from common import add_event, each_database, fresh_app
from PIL import Image, ImageDraw, ImageFilter

from forum.badges import runs, services
from forum.badges.models import PrintRun, RunState
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    BadgeCategory,
    OrganisationType,
    Photo,
    Registration,
    RegistrationState,
)

GIVEN = ["Sébastien", "Олена", "Jürgen", "Agnieszka", "Тарас", "Zoë", "Mikołaj", "Іванна"]
FAMILY = ["Dubois-Lefèvre", "Ковальчук", "Müller", "Wiśniewska", "Шевченко", "Ó Briain"]
ORGANISATIONS = [
    "Ardennes Munitions SA",
    "Укроборонпром",
    "Rheinmetall Waffe Munition GmbH",
    "European Defence Agency",
    "Міністерство з питань стратегічних галузей промисловості України",
]


def photo_of(n: int) -> bytes:
    """A 600 x 800 JPEG like a re-encoded upload (a portrait-like gradient with texture)."""
    image = Image.effect_noise((600, 800), 40 + n % 20).convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, 0, 600, 800), fill=(90 + n % 60, 110, 150, 170))
    draw.ellipse((170, 140, 430, 440), fill=(225, 190, 160, 230))
    draw.rectangle((110, 500, 490, 800), fill=(40, 60, 100, 230))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def build_app(url: str, badges: int, photos: int):
    """The app on `url` with one event of `badges` approved delegates, `photos` with a photo."""
    app = fresh_app(url)
    with app.app_context():
        event = add_event()
        categories = list(BadgeCategory)
        for n in range(badges):
            registration = Registration(
                event_id=event.id,
                given_name=GIVEN[n % len(GIVEN)],
                family_name=f"{FAMILY[n % len(FAMILY)]} {n}",
                email=f"delegate{n}@example.org",
                organisation=ORGANISATIONS[n % len(ORGANISATIONS)],
                organisation_type=OrganisationType.EU_INDUSTRY,
                country=["BE", "UA", "DE", "PL", "FR"][n % 5],
                category=categories[n % len(categories)],
                state=RegistrationState.APPROVED,
            )
            registration.refresh_keys()
            if n < photos:
                registration.photo = Photo(data=photo_of(n), width=600, height=800)
            db.session.add(registration)
        db.session.commit()
        event_id = event.id
    return app, event_id


def one_run(app, event_id: int, layout: str, trace: bool) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, bytes, peak traced bytes) for one run read from the database.

    CPU time is given too because this machine is shared: it shows the work
    done, whatever else is running.
    """
    with app.app_context():
        event = db.session.get(Event, event_id)
        out = tempfile.TemporaryFile()
        if trace:
            tracemalloc.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        ids = services.printable_ids(event)
        services.write_badges(event, services.iter_registrations(ids), out, layout)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
        size = out.tell()
        out.close()
        db.session.remove()
    return seconds, cpu, size, peak


def one_print_run(app, event_id: int, layout: str, mark: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of the same badges as a print run the worker draws: claim, draw
    with its progress commits, store the PDF (in the database), mark printed if `mark`."""
    with app.app_context():
        event = db.session.get(Event, event_id)
        ids = services.printable_ids(event)
        run = runs.create_run(event, ids, layout, None, services.BadgeFilter(), mark)
        db.session.commit()
        run_id = run.id
        started, cpu_started = time.perf_counter(), time.process_time()
        runs.draw(run_id, runs.claim(run_id))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        db.session.remove()
        assert db.session.get(PrintRun, run_id).state is RunState.DONE
        db.session.remove()
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--layouts", default="a6,a4-a6,id1,a4-id1")
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {args.badges} badges; median of {args.runs} runs")
    for url in each_database():
        sets = ((0, "no photos"), (args.badges // 10, "10 % with a photo"))
        for photos, label in sets if args.photos else sets[:1]:
            app, event_id = build_app(url, args.badges, photos)
            one_run(app, event_id, "a6", trace=False)  # warm-up: fonts, imports
            for layout in args.layouts.split(","):
                times, cpus = [], []
                for _ in range(args.runs):
                    seconds, cpu, size, _peak = one_run(app, event_id, layout, trace=False)
                    times.append(seconds)
                    cpus.append(cpu)
                *_, peak = one_run(app, event_id, layout, trace=True)
                print(
                    f"{layout:7} {label:18} {statistics.median(times):6.2f} s "
                    f"(CPU {statistics.median(cpus):5.2f} s)  {size / 1e6:6.2f} MB  "
                    f"peak Python memory {peak / 1e6:6.1f} MB"
                )
            if photos == 0:  # the same badges through the worker's print-run path
                for mark in (False, True):
                    results = [one_print_run(app, event_id, "a6", mark) for _ in range(args.runs)]
                    wall = statistics.median(r[0] for r in results)
                    cpu = statistics.median(r[1] for r in results)
                    what = "print run, marked" if mark else "print run"
                    print(f"a6      {label:18} {wall:6.2f} s (CPU {cpu:5.2f} s)  {what}")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS (whole benchmark, incl. building the data): {maxrss:.0f} MB")


if __name__ == "__main__":
    main()
