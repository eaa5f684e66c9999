"""Shared set-up for the benchmark scripts: Django on the benchmark database, machine facts, RESULTS.md."""

import os
import platform
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from regions.models import Region

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"


def setup_django(*, require_synthetic: bool = True) -> None:
    """Load Django on BENCH_DATABASE_URL (a database filled by generate_dataset), never on the default one."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        sys.exit(
            "Set BENCH_DATABASE_URL to a database filled by `manage.py generate_dataset` (see docs/performance.md)."
        )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerthuis.settings")
    import django

    django.setup()
    from regions.models import Region

    if require_synthetic and Region.objects.filter(synthetic=False).exists():
        sys.exit("BENCH_DATABASE_URL holds real data; benchmarks run on synthetic data only.")


def largest_region() -> tuple["Region", int]:
    """The region with the most clients, which the benchmarks look at as its coordinator, and its number of clients."""
    from django.db.models import Count

    from regions.models import Region

    region = Region.objects.annotate(clients=Count("outflow_cases")).order_by("-clients").first()
    if region is None:
        sys.exit("BENCH_DATABASE_URL holds no regions: fill it with `manage.py generate_dataset` first.")
    return region, region.clients


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    except OSError:
        total = None
    if total:
        memory = f", {int(total.group(1)) / 1024 / 1024:.0f} GiB"
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip() or "psql ?"  # noqa: S607
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}, {pg}"


def dataset_size() -> str:
    from placements.models import Dwelling, OutflowCase, Placement
    from regions.models import Neighbourhood, Region

    return (
        f"{Region.objects.count()} regions, {Neighbourhood.objects.count():,} neighbourhoods, "
        f"{Dwelling.objects.count():,} homes, {OutflowCase.objects.count():,} clients, {Placement.objects.count():,} placements"
    )


def record(section: str, command: str, lines: list[str]) -> None:
    """Print the figures and replace the section of bench/RESULTS.md with them."""
    body = "\n".join(
        [f"## {section}", "", f"- when: {datetime.now().astimezone():%Y-%m-%d %H:%M}", f"- machine: {machine()}",
         f"- data: {dataset_size()}", f"- command: `{command}`", "", *lines, ""]
    )  # fmt: skip
    print(body)
    text = (
        RESULTS.read_text()
        if RESULTS.exists()
        else "# Benchmark results\n\nWritten by the scripts in bench/; each run replaces its own section.\n\n"
    )
    pattern = re.compile(rf"^## {re.escape(section)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(body + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + body + "\n"
    RESULTS.write_text(text)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p
    lower, upper = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (k - lower)


def signed_in_client(user):
    """A test client signed in as `user` as the login page leaves it: after the password and the second factor."""
    from django.test import Client

    from weerthuis.accounts.second_factor import SESSION_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = True
    session.save()
    return client
