"""gunicorn reads this file from the working directory (Dockerfile, docker-compose.yml, bench/load.py); the bind
address stays on their command lines.

Workers: two per core plus one, gunicorn's own rule of thumb; `WEB_CONCURRENCY` sets another number, as gunicorn
documents. The work is CPU-bound (a list page is ≈ 8 ms of Python and 2 ms of PostgreSQL), so more workers than
that only take turns on the same cores: on 2 cores, 16 users back to back, 5 workers gave the lists a lower p95
than 8 in each of three alternated pairs of 30-second runs, throughput within 10 % (bench/load.py; docs/performance.md).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1))
