"""gunicorn reads this file from the working directory (Dockerfile, docker-compose.yml, bench/load.py); the bind
address stays on their command lines.

Workers: two per core plus one, gunicorn's own rule of thumb; `WEB_CONCURRENCY` sets another number, as gunicorn
documents. The work is CPU-bound (a list page is ≈ 8 ms of Python and 2 ms of PostgreSQL), so more workers than
that only take turns on the same cores: on 2 cores, 16 users back to back, 5 workers gave the lists a lower p95
than 8 in each of three alternated pairs of 30-second runs, throughput within 10 % (bench/load.py; docs/performance.md).

Garbage collection: Python's full collections scan every object the process holds, and a web worker holds a few
hundred thousand that live as long as it does (Django, the URL patterns, compiled templates). Measured in
process (bench/cpu.py under a gc callback, 800 requests): 0.84 ms of collection per request, of which six full
collections of ≈ 65 ms each, each one stalling the requests queued behind it. `gc.freeze()` moves the objects
that exist at that moment out of the collector's sight (Python's documentation recommends it for forking
servers): once when the application is loaded, and once more after the first requests have compiled the
templates and filled the caches.
"""

import gc
import os

FREEZE_AFTER_REQUESTS = 100

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1))


def post_worker_init(worker):
    gc.freeze()


def post_request(worker, req, environ, resp):
    if worker.nr == FREEZE_AFTER_REQUESTS:
        gc.freeze()
