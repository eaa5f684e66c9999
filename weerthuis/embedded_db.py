"""The zero-setup database: an embedded PostgreSQL server from the `pgserver` wheel.

Used when `DATABASE_URL` is not set, so `make run` and `make test` work on a machine with nothing but Python.
The server listens on a Unix socket inside its data folder only (no TCP port), and is stopped when the last
process that uses it exits. It is the same engine as production: there is no SQLite code path.
"""

import warnings
from pathlib import Path


def database_settings(data_dir: Path, *, name: str = "weerthuis") -> dict:
    """Start (or join) the embedded server under `data_dir` and return a Django DATABASES entry for it."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; pgserver then uses /tmp, which is fine.
        warnings.simplefilter("ignore")
        import pgserver  # imported here: only the zero-setup path needs it

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    info = server.get_postmaster_info()
    _create_database_once(host=str(info.socket_dir), port=info.port, name=name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }


def _create_database_once(*, host: str, port: int | None, name: str) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(host=host, port=port, user="postgres", dbname="postgres")
    connection.autocommit = True  # CREATE DATABASE cannot run inside a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()
