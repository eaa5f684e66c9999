"""Page latency under load: gunicorn on loopback with the benchmark database, 16 concurrent logged-in users for
60 seconds on the homes list, clients list, a dashboard and an XLSX download. Standard library only; traffic
goes to 127.0.0.1 and stops by itself after --seconds.

Usage: BENCH_DATABASE_URL=… [BENCH_REDIS_URL=…] python bench/load.py [--users 16] [--seconds 60] [--think 0]
       [--workers N --threads 1]

With BENCH_REDIS_URL the gunicorn processes share one Redis cache, as deployed with docker-compose.yml; without
it each process has its own memory cache and builds every cached page and report itself. The worker count is
gunicorn.conf.py's, as deployed (two per core plus one), unless --workers gives another.
"""

import argparse
import http.client
import os
import random
import re
import runpy
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from urllib.parse import urlencode

from common import ROOT, largest_region, percentile, record, setup_django

PORT = 8765


class Session:
    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, content

    def login(self, username: str, password: str) -> None:
        _status, page = self.request("GET", "/inloggen/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError("no CSRF token on the login page")
        status, _ = self.request(
            "POST",
            "/inloggen/",
            {"csrfmiddlewaretoken": token.group(1).decode(), "login": username, "password": password},
        )
        if status != 302:
            raise RuntimeError(f"login failed for {username}: {status}")

    def signed_in_as(self, username: str) -> None:
        """A session as the login page leaves it after the password and the second factor, made in the database
        (the synthetic coordinator must use a second factor, and an app's code is accepted once, not 16 times)."""
        from importlib import import_module

        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

        from weerthuis.accounts.second_factor import SESSION_KEY as SECOND_FACTOR

        user = get_user_model().objects.get(username=username)
        store = import_module("django.contrib.sessions.backends.db").SessionStore()
        store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY], store[SECOND_FACTOR] = user.get_session_auth_hash(), True
        store.create()
        self.cookies[settings.SESSION_COOKIE_NAME] = store.session_key


class Traffic:
    """Logged-in users asking for the pages in turn, back to back or with a pause, until the time is up; the
    latencies and errors per page."""

    def __init__(self, pages: dict[str, Callable[[random.Random], str]], *, think: float) -> None:
        self.pages, self.think = pages, think
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()
        self.stop_at = 0.0

    def run(self, sessions: list[Session], *, seconds: int) -> None:
        self.stop_at = time.monotonic() + seconds
        threads = [threading.Thread(target=self.user, args=(i, s)) for i, s in enumerate(sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def user(self, index: int, session: Session) -> None:
        rng = random.Random(index)
        names = list(self.pages)
        i = index
        while time.monotonic() < self.stop_at:
            name = names[i % len(names)]
            i += 1
            started = time.monotonic()
            try:
                status, _ = session.request("GET", self.pages[name](rng))
                ok = status == 200
            except OSError:
                ok = False
            elapsed = time.monotonic() - started
            with self.lock:
                self.latencies[name].append(elapsed)
                if not ok:
                    self.errors[name] += 1
            if self.think:
                time.sleep(min(rng.uniform(0, 2 * self.think), max(0.0, self.stop_at - time.monotonic())))


def main() -> None:
    args = _arguments()
    setup_django()
    from placements.figures.services import queue_run, run_figures
    from placements.models import FigureRun

    if not FigureRun.objects.filter(status="succeeded").exists():
        run_figures(run_id=queue_run(region_id=None).pk)
    region, clients = largest_region()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "false", "AXES_FAILURE_LIMIT": "1000"}
    cache = "memory of each gunicorn process"
    if os.environ.get("BENCH_REDIS_URL"):
        # As deployed (docker-compose.yml): one Redis cache shared by all processes; a key prefix of this run's
        # own, so the run starts cold and builds each cached page and report once.
        env.update(REDIS_URL=os.environ["BENCH_REDIS_URL"], CACHE_KEY_PREFIX=f"bench-{time.time_ns()}",
                   CELERY_TASK_ALWAYS_EAGER="true")  # fmt: skip
        cache = "Redis (BENCH_REDIS_URL), shared"
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn, fixed arguments
        [sys.executable, "-m", "gunicorn", "weerthuis.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", str(args.workers),
         "--threads", str(args.threads), "--worker-class", "gthread" if args.threads > 1 else "sync",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait_until_up()
        traffic = Traffic(_pages(region.pk), think=args.think)
        sessions = []
        for _ in range(args.users):
            session = Session()
            session.signed_in_as(f"synth-coordinator-{region.pk:02d}")
            sessions.append(session)
        traffic.run(sessions, seconds=args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _record(args, traffic, f"127.0.0.1, logged in as the coordinator of {region.name} ({clients:,} clients), "
            f"DEBUG off, cache: {cache}")  # fmt: skip


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's (WEB_CONCURRENCY or 2 × cores + 1)")
    parser.add_argument("--threads", type=int, default=1, help="1 = gunicorn's sync worker, more = gthread")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause in seconds between a user's requests (uniform 0..2×think); 0 = back to back (stress)",
    )
    args = parser.parse_args()
    if args.workers is None:
        args.workers = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
    return args


def _wait_until_up() -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            Session().request("GET", "/gezondheid/")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _pages(region_id: int) -> dict[str, Callable[[random.Random], str]]:
    return {
        "homes list": lambda rng: f"/woningen/?page={rng.randint(1, 40)}",
        "clients list": lambda rng: f"/clienten/?page={rng.randint(1, 40)}&order=-ready_on",
        "dashboard": lambda rng: f"/dashboard/{region_id}/",
        "xlsx download": lambda rng: f"/rapportage/?region={region_id}&year={time.localtime().tm_year}&first_month=1&last_month=12&separator=%3B&format=xlsx",
    }  # fmt: skip


def _record(args: argparse.Namespace, traffic: Traffic, setting: str) -> None:
    """The latencies per page in RESULTS.md, under a section per kind of run (back to back, or with pauses)."""
    lines = [
        f"- {args.users} users, {args.seconds} s, "
        f"{'back to back (no pause between requests)' if not args.think else f'a pause of 0–{2 * args.think:g} s between requests'}, gunicorn {args.workers} workers × {args.threads} threads on "
        f"{setting}",
        "",
        "| page | requests | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for name in traffic.pages:
        values = traffic.latencies[name]
        lines.append(
            f"| {name} | {len(values)} | {percentile(values, 0.5) * 1000:.0f} | {percentile(values, 0.95) * 1000:.0f} | "
            f"{percentile(values, 0.99) * 1000:.0f} | {traffic.errors[name]} |"
        )
    lines += ["", "- target: list and dashboard p95 ≤ 150 ms with 16 users, 0 errors"]
    section = (
        "Page latency under load" if not args.think else f"Page latency, users pausing {args.think:g} s on average"
    )
    command = (
        f"BENCH_DATABASE_URL=… {'BENCH_REDIS_URL=… ' if os.environ.get('BENCH_REDIS_URL') else ''}python bench/load.py "
        f"--users {args.users} --seconds {args.seconds} --think {args.think:g} --workers {args.workers} --threads {args.threads}"
    )
    record(section, command, lines)


if __name__ == "__main__":
    main()
