"""The zero-setup database: the embedded PostgreSQL starts from the pgserver wheel and serves Django."""

import psycopg2

from weerthuis.embedded_db import database_settings


def test_embedded_postgresql_starts_and_creates_the_database(tmp_path):
    config = database_settings(tmp_path / "pgdata", name="weerthuis_probe")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    conn = psycopg2.connect(host=config["HOST"], port=config["PORT"], user=config["USER"], dbname=config["NAME"])
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT current_database(), current_setting('server_version_num')::int")
            name, version = cursor.fetchone()
    finally:
        conn.close()
    assert name == "weerthuis_probe"
    assert version >= 150000
    # Starting again joins the running server and keeps the database.
    assert database_settings(tmp_path / "pgdata", name="weerthuis_probe")["HOST"] == config["HOST"]
