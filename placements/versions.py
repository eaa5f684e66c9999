"""Version counters in the cache. A cached part of a page is stored under the version of what it was made from;
a change moves the version, so the next request makes it anew (and the old entry expires unread).

- CHOICES: regions, municipalities, organisations and their regions (the lists' filter forms);
- RECORDS: homes, clients and placements (the lists' counts of results);
- FIGURES: figure runs (the dashboard's run status, the report's run and years).

Keys of entries that depend on what a user may see are made by `regions.access.cache_key`; the version is one of
their parts.
"""

import time

from django.core.cache import cache
from django.db import transaction

CHOICES = "filters:choices-version"
RECORDS = "lists:records-version"
FIGURES = "figures:version"


def bump(key: str) -> None:
    """Move the version on; a counter the shared cache lost starts again at the clock (see `read`)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


def bump_on_commit(key: str) -> None:
    """Move the version when the current transaction commits (at once outside one): a part made between the
    change and its commit would otherwise be kept under the new version with the old data."""
    transaction.on_commit(lambda: bump(key))


def bump_now_and_on_commit(key: str) -> None:
    """For a change that readers inside the same transaction (or a test without commits) must see at once: the
    version moves now, and again at commit for what other requests cached in between."""
    bump(key)
    bump_on_commit(key)


def read(*keys: str) -> dict[str, int]:
    """The versions of `keys`, in one cache round trip. One not set yet (a new or emptied cache) starts at the
    clock in nanoseconds, so it never meets a number that a process still holds entries of."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key, 0)
    return found
