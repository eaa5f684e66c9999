"""API latency under load: gunicorn on loopback with the benchmark database, 16 clients each holding a corporation's
token, asking back to back for a page of that corporation's homes (`GET /api/v1/homes/`, 50 per page, as a
corporation's system reads them to keep in step), the first page and a filtered one. Standard library only;
traffic goes to 127.0.0.1 and stops by itself after --seconds.

Usage: BENCH_DATABASE_URL=… [BENCH_REDIS_URL=…] python bench/api.py [--users 16] [--seconds 60] [--workers N]

The tokens are made as an organisation administrator makes them (placements.api.services.create_token) for a
synthetic administrator of the corporation with the most homes in the largest region; the rate per token is set
far above what the run asks, so the limit's bookkeeping is measured but never refuses.
"""

import argparse
import http.client
import os
import random
import runpy
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta

from common import ROOT, largest_region, percentile, record, setup_django
from load import Traffic

PORT = 8766


class TokenSession:
    """One API client: a token in every request, no cookies."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def request(self, method: str, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"Authorization": f"Bearer {self.secret}", "Host": "127.0.0.1", "Accept": "application/json"}
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        return response.status, content


def tokens(count: int) -> tuple[str, int, list[str]]:
    """`count` write tokens of the corporation with the most homes in the largest region: its name, homes, secrets."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.utils import timezone

    from placements.api.services import create_token
    from regions.models import Membership, Organisation

    region, _clients = largest_region()
    corporation = (
        Organisation.objects.filter(kind=Organisation.Kind.CORPORATION, dwellings__region=region)
        .annotate(homes=Count("dwellings"))
        .order_by("-homes")
        .first()
    )
    if corporation is None:
        sys.exit("The largest region has no corporation with homes.")
    admin, _ = get_user_model().objects.get_or_create(username="bench-api-beheerder")
    Membership.objects.get_or_create(user=admin, organisation=corporation, role=Membership.Role.ORG_ADMIN)
    expires_at = timezone.now() + timedelta(days=1)
    secrets = [
        create_token(organisation_id=corporation.pk, name=f"bench {i}", scope="read", expires_at=expires_at, by=admin)[
            1
        ]
        for i in range(count)
    ]
    return corporation.name, corporation.homes, secrets


def main() -> None:
    args = _arguments()
    setup_django()
    name, homes, secrets = tokens(args.users)
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "API_RATE": "1000000/min"}
    cache = "memory of each gunicorn process"
    if os.environ.get("BENCH_REDIS_URL"):
        env.update(REDIS_URL=os.environ["BENCH_REDIS_URL"], CACHE_KEY_PREFIX=f"bench-{time.time_ns()}")
        cache = "Redis (BENCH_REDIS_URL), shared"
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn, fixed arguments
        [sys.executable, "-m", "gunicorn", "weerthuis.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers",
         str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait_until_up()
        traffic = Traffic(_pages(), think=0)
        traffic.run([TokenSession(secret) for secret in secrets], seconds=args.seconds)  # type: ignore[misc]
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [
        f"- {args.users} clients, each its own read token of {name} ({homes:,} homes), {args.seconds} s back to back, "
        f"gunicorn {args.workers} workers on 127.0.0.1, DEBUG off, cache: {cache}",
        "",
        "| request | requests | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for page in traffic.pages:
        values = traffic.latencies[page]
        lines.append(
            f"| {page} | {len(values)} | {percentile(values, 0.5) * 1000:.0f} | {percentile(values, 0.95) * 1000:.0f} "
            f"| {percentile(values, 0.99) * 1000:.0f} | {traffic.errors[page]} |"
        )
    command = f"BENCH_DATABASE_URL=… python bench/api.py --users {args.users} --seconds {args.seconds} --workers {args.workers}"
    record("API latency under load (homes page)", command, lines)
    print("\n".join(lines))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's (WEB_CONCURRENCY or 2 × cores + 1)")
    args = parser.parse_args()
    if args.workers is None:
        args.workers = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
    return args


def _wait_until_up() -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            TokenSession("").request("GET", "/gezondheid/")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _pages() -> dict[str, Callable[[random.Random], str]]:
    return {
        "GET /api/v1/homes/ (first 50)": lambda rng: "/api/v1/homes/",
        "GET /api/v1/homes/?status=reserved (50)": lambda rng: "/api/v1/homes/?status=reserved",
    }


if __name__ == "__main__":
    main()
