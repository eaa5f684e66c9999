"""gunicorn reads this file from the working directory (Dockerfile, docker-compose.yml, bench/load.py); bind
address and worker count stay on their command lines.

Garbage collection: Python's full collections scan every object the process holds, and a web worker holds a few
hundred thousand that live as long as it does (Django, the URL patterns, compiled templates). Measured in
process (bench/cpu.py under a gc callback, 800 requests): 0.84 ms of collection per request, of which six full
collections of ≈ 65 ms each, each one stalling the requests queued behind it. `gc.freeze()` moves the objects
that exist at that moment out of the collector's sight (Python's documentation recommends it for forking
servers): once when the application is loaded, and once more after the first requests have compiled the
templates and filled the caches.
"""

import gc

FREEZE_AFTER_REQUESTS = 100


def post_worker_init(worker):
    gc.freeze()


def post_request(worker, req, environ, resp):
    if worker.nr == FREEZE_AFTER_REQUESTS:
        gc.freeze()
