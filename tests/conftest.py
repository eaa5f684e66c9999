"""Shared fixtures: a region with its parties and one user per role, in the healthchecks manner (a member of
the owning organisation, a member of another organisation in the same region, and an outsider)."""

import os
import socket
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import translation

from regions.models import Membership, Organisation, Region
from tests.factories import MembershipFactory, MunicipalityFactory, OrganisationFactory, RegionFactory, UserFactory
from weerthuis.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    if IN_CI and not os.environ.get("DATABASE_URL"):
        raise pytest.UsageError(
            "CI=true needs DATABASE_URL: CI tests on the machine's PostgreSQL, not the embedded one."
        )


def pytest_report_header(config):
    database = os.environ.get("DATABASE_URL")
    redis_url = os.environ.get("REDIS_URL")
    return [
        f"database: {'PostgreSQL at DATABASE_URL' if database else 'embedded PostgreSQL (pgserver, var/pgdata)'}",
        f"redis: {'REDIS_URL is set: the Redis tests run' if redis_url else 'no REDIS_URL: the Redis tests are skipped'}",
        f"CI: {IN_CI}",
    ]


def service_missing(reason: str):
    """Under CI a missing service is a failure; on a developer's machine the test is skipped and says why."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: services are required)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch: a request in English (language switch) leaves its language on the thread."""
    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def celery_join_flag_cleared():
    """Celery marks "inside an eager task" in one process-wide flag (celery._state), set and restored around each
    eager task; two threads running eager tasks at once (the browser tests' live server and the test itself)
    can leave it set, and then any later `result.get()` in the process refuses ("Never call result.get() within a
    task!": the Redis worker test failed so, once in four runs). The application never waits on a result; the
    tests that do start from the flag as a fresh process has it."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test reads and writes the cache under a key prefix of its own: cached pages and fragments of an
    earlier test (or, on Redis, of an earlier run) cannot leak in, and nothing is flushed from a Redis database
    that the Celery broker may share."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"} for name, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Production hashes with PBKDF2 (slow on purpose); tests create many users and only need a valid hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def production_sign_in(settings, monkeypatch):
    """Tests sign in as production does: the demo users' exemption from the second factor is off (the fixtures'
    users share their names), and `force_login` stands for the whole sign-in, second factor included. The tests
    of the sign-in itself (tests/weerthuis/accounts) go through allauth's pages instead."""
    from django.test import Client

    from weerthuis.accounts.second_factor import SESSION_KEY

    settings.DEMO_MODE = False
    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        session = self.session
        session[SESSION_KEY] = True
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture(scope="session")
def redis_url() -> str:
    import redis

    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_missing("REDIS_URL is not set: no Redis (broker or cache) for this test")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing(f"Redis at {url} is not reachable: {error}")
    return url


def redis_cache(url: str) -> dict:
    """The shared cache as settings.py makes it for REDIS_URL=`url`, under a key prefix of its own."""
    from django.conf import settings as django_settings

    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "OPTIONS": django_settings.REDIS_CACHE_OPTIONS,
    }


@pytest.fixture
def redis_down(settings):
    """The shared cache (and sessions in front of the database) on a Redis nobody listens on, as in production
    when Redis is down. Changing CACHES makes Django drop its cache connections (setting_changed)."""
    from weerthuis import cache as short_circuit

    settings.CACHES = {**settings.CACHES, "default": redis_cache("redis://127.0.0.1:1/0")}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    short_circuit.reset()
    yield
    short_circuit.reset()


@pytest.fixture
def frozen_redis_url():
    """A Redis that accepts connections and never answers (a frozen server): a socket server on a free port."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()
    for connection_ in accepted:
        connection_.close()


@pytest.fixture
def not_redis_url():
    """Something that is not Redis at the cache's address (a wrong URL, a proxy): it answers every command with an
    HTTP error."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)

    def answer():
        while True:
            try:
                peer = server.accept()[0]
            except OSError:
                return
            with peer:
                peer.recv(4096)
                peer.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


@dataclass
class Party:
    region: Region
    municipality: Organisation
    corporation: Organisation
    other_corporation: Organisation
    care_provider: Organisation
    other_care_provider: Organisation


@pytest.fixture
def party(db) -> Party:
    region = RegionFactory(name="Zaanstreek", code="ZAA")
    gm = MunicipalityFactory(region=region, cbs_code="GM0479", name="Zaanstad")
    region.centre_municipality = gm
    region.save()
    return Party(
        region=region,
        municipality=OrganisationFactory(
            name="Gemeente Zaanstad", kind=Organisation.Kind.MUNICIPALITY, municipality=gm, regions=[region]
        ),
        corporation=OrganisationFactory(name="Corporatie A", kind=Organisation.Kind.CORPORATION, regions=[region]),
        other_corporation=OrganisationFactory(
            name="Corporatie B", kind=Organisation.Kind.CORPORATION, regions=[region]
        ),
        care_provider=OrganisationFactory(name="Zorg C", kind=Organisation.Kind.CARE_PROVIDER, regions=[region]),
        other_care_provider=OrganisationFactory(name="Zorg D", kind=Organisation.Kind.CARE_PROVIDER, regions=[region]),
    )


@pytest.fixture
def member(party):
    """Factory fixture: a user with `role` in the named organisation of `party`."""

    def make(role: str, organisation: str, **user_fields):
        membership = MembershipFactory(
            organisation=getattr(party, organisation), role=role, user=UserFactory(**user_fields)
        )
        return membership.user

    return make


@pytest.fixture
def coordinator(member):
    return member(Membership.Role.COORDINATOR, "municipality", username="regisseur")


@pytest.fixture
def outsider(db):
    """A signed-up user without any membership."""
    return UserFactory(username="buitenstaander")


def database_url_for(settings_dict: dict) -> str:
    """A DATABASE_URL for the test database, also when its host is a Unix-socket directory (embedded server)."""
    host = quote(settings_dict["HOST"] or "", safe="")
    return (
        f"postgres://{settings_dict['USER']}:{quote(settings_dict['PASSWORD'] or '', safe='')}@{host}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )


@pytest.fixture
def worker(redis_url, settings):
    """A real `celery worker` process on the Redis broker and the test database, on a queue of its own."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": database_url_for(connection.settings_dict),
        "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],  # this test's cache, shared with the worker
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "weerthuis", "worker", "--pool=solo", "--queues", queue,
         "--hostname", f"{queue}@%h", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url, celery_app.conf.result_backend
    celery_app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    try:
        yield queue
    finally:
        celery_app.conf.update(task_always_eager=previous[0], broker_url=previous[1], result_backend=previous[2])
        process.terminate()
        output, _ = process.communicate(timeout=30)
        if output.strip():
            print("worker output:\n" + output)
