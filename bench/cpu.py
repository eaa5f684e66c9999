"""CPU per request, in-process: the WSGI handler called directly (no server, no network) for the pages of the
load test, logged in as the coordinator of the largest region. Shows what a request costs the application alone,
so a change can be judged before a full load run; with --profile, where that time goes.

Usage: BENCH_DATABASE_URL=… [BENCH_REDIS_URL=…] python bench/cpu.py [--batches 5] [--requests 40]
       [--profile "homes list"]

Each page is asked --requests times per batch, after two warm-up requests (cached parts filled); of the best
batch it reports the CPU time of this process per request (Python's side: PostgreSQL's work is in the wall
time, not in the CPU figure) and the wall time per request. Not written to RESULTS.md.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections.abc import Callable

from common import largest_region, setup_django, signed_in_client

Page = tuple[str, str]  # path, query (with {n} for a page number)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--page", action="append", help="only this page (repeatable); default: all four")
    parser.add_argument("--profile", help="page name to profile with cProfile (top 40 by own time)")
    parser.add_argument("--profile-out", help="with --profile: write the cProfile data to this file")
    parser.add_argument("--callees", help="with --profile: what functions matching this pattern call")
    args = parser.parse_args()
    if os.environ.get("BENCH_REDIS_URL"):
        os.environ.update(REDIS_URL=os.environ["BENCH_REDIS_URL"], CACHE_KEY_PREFIX=f"cpu-{time.time_ns()}")
        os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("SECURE_COOKIES", "false")
    setup_django()
    region, _clients = largest_region()
    pages = _pages(region.pk)
    get = _requester(f"synth-coordinator-{region.pk:02d}")

    def batch(path: str, query: str) -> tuple[float, float]:
        started, wall = time.process_time(), time.perf_counter()
        for n in range(args.requests):
            status = get(path, query.format(n=n % 40 + 1))
            if status != 200:
                sys.exit(f"{path}?{query}: HTTP {status}")
        return (time.process_time() - started) / args.requests, (time.perf_counter() - wall) / args.requests

    for name, (path, query) in pages.items():
        if args.page and name not in args.page:
            continue
        for n in range(2):
            get(path, query.format(n=n + 1))
        cpu, wall = min(batch(path, query) for _ in range(args.batches))
        print(f"{name:15} {cpu * 1000:6.2f} ms CPU, {wall * 1000:6.2f} ms wall per request")
    if args.profile:
        _profile(lambda: batch(*pages[args.profile]), out=args.profile_out, callees=args.callees)


def _pages(region_id: int) -> dict[str, Page]:
    """The pages of the load test (bench/load.py)."""
    year = time.localtime().tm_year
    return {
        "homes list": ("/woningen/", "page={n}"),
        "clients list": ("/clienten/", "page={n}&order=-ready_on"),
        "dashboard": (f"/dashboard/{region_id}/", ""),
        "xlsx download": (
            "/rapportage/",
            f"region={region_id}&year={year}&first_month=1&last_month=12&separator=%3B&format=xlsx",
        ),
    }


def _requester(username: str) -> Callable[[str, str], int]:
    """A function that asks the WSGI handler for a page as `username` and returns the HTTP status."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.handlers.wsgi import WSGIHandler

    client = signed_in_client(get_user_model().objects.get(username=username))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    handler = WSGIHandler()

    def get(path: str, query: str) -> int:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "HTTP_COOKIE": cookie, "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1",
        }  # fmt: skip
        statuses = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: object = None
        ) -> Callable[[bytes], None]:
            statuses.append(status)
            return lambda _data: None  # the write() of old WSGI applications; Django does not use it

        response = handler(environ, start_response)
        for _chunk in response:
            pass
        response.close()
        return int(statuses[0].split()[0])

    return get


def _profile(run: Callable[[], object], *, out: str | None, callees: str | None) -> None:
    """Run once under cProfile and print where the time goes (own time, then cumulative)."""
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    if out:
        profiler.dump_stats(out)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
    if callees:
        pstats.Stats(profiler).sort_stats("cumulative").print_callees(callees)


if __name__ == "__main__":
    main()
