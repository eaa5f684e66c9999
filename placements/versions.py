"""Version counters in the cache. A cached part of a page is stored under the version of what it was made from;
a change moves the version, so the next request makes it anew (and the old entry expires unread).

- CHOICES: regions, municipalities, organisations and their regions (the lists' filter forms);
- RECORDS: homes, clients and placements (the lists' counts of results);
- FIGURES: figure runs (the dashboard's run status, the report's run and years).

Keys of entries that depend on what a user may see are made by `regions.access.cache_key`; the version is one of
their parts.

An entry stored under a version never changes, so a process may also keep it in its own memory for a few seconds
(`cached`, Django's LocMemCache behind the alias "local"): the version is still read from the shared cache on
every request, so a change is seen at once, and a page viewed again asks Redis for the versions only. Measured on
the national dataset: without it a list request made two more round trips to Redis, and the code before the rooms
served 11-15 % more requests in two of three alternated 60-s pairs (docs/performance.md, "What makes the
pages fast").
"""

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache, caches
from django.db import transaction

CHOICES = "filters:choices-version"
RECORDS = "lists:records-version"
FIGURES = "figures:version"


# Versions this process could not move or read while the shared cache did not answer: a change made meanwhile may
# not have moved them, so each is moved on as soon as the cache answers again (by `read` or `bump`).
_unsure: set[str] = set()


def bump(key: str) -> None:
    """Move the version on; a counter the shared cache lost starts again at the clock (see `read`). A move the
    shared cache did not take is made again when it answers."""
    # A cache that did not answer returns None (django-redis with IGNORE_EXCEPTIONS); Django's incr never does.
    try:
        moved = cache.incr(key) is not None
    except ValueError:
        moved = cache.add(key, time.time_ns(), timeout=None) is not None
    if moved:
        _unsure.discard(key)
    else:
        _unsure.add(key)


def bump_on_commit(key: str) -> None:
    """Move the version when the current transaction commits (at once outside one): a part made between the
    change and its commit would otherwise be kept under the new version with the old data."""
    transaction.on_commit(lambda: bump(key), robust=True)  # work saved is never reported as unsaved


def bump_now_and_on_commit(key: str) -> None:
    """For a change that readers inside the same transaction (or a test without commits) must see at once: the
    version moves now, and again at commit for what other requests cached in between."""
    bump(key)
    bump_on_commit(key)


def read(*keys: str) -> dict[str, int]:
    """The versions of `keys`, in one cache round trip. One not set yet (a new or emptied cache) starts at the
    clock in nanoseconds, so it never meets a number that a process still holds entries of.

    When the shared cache does not answer, a version is a one-off number below zero: no counter ever holds it and
    no later call returns it again, so what is made under it is never served to anyone (in this process's memory
    or in the shared cache), however long the cache stays away."""
    for key in list(_unsure):
        bump(key)
    # A copy: django-redis answers a failed get_many with one dict it shares between calls.
    found = dict(cache.get_many(keys))
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            version = cache.get(key)
            if version is None:
                version = -time.time_ns()
                _unsure.add(key)
            found[key] = version
    return found


# How long a process keeps an entry in its own memory, on top of the entry's own time in the shared cache.
LOCAL_SECONDS = 10


def cached(key: str, default: Callable[[], Any], timeout: int) -> Any:
    """`cache.get_or_set` for an entry whose key holds the versions it was made under: from this process's memory
    if it took it from the shared cache less than LOCAL_SECONDS ago, else from the shared cache, else `default()`
    stored in both. Under a one-off version (the shared cache down, see `read`) the entry is made anew each time;
    what is stored under it is never read again and leaves with the local cache's cull (MAX_ENTRIES)."""
    local = caches["local"]
    value = local.get(key)
    if value is None:
        value = cache.get_or_set(key, default, timeout)
        local.set(key, value, min(timeout, LOCAL_SECONDS))
    return value
