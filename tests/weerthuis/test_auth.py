"""Logging in and out, the idle timeout, login throttling and the security headers."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from regions.models import Membership
from tests.helpers import enrol_totp, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "een-sterk-testwachtwoord"


def login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"login": username, "password": password}, **extra)


@pytest.fixture(params=["database", pytest.param("redis", marks=pytest.mark.redis)])
def session_store(request, settings):
    """Sessions in the database (no REDIS_URL), or in the database and read from Redis (REDIS_URL set)."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": request.getfixturevalue("redis_url"),
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    else:
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    return request.param


def test_login_page_is_dutch_and_has_labelled_fields(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen" in html
    assert '<label for="id_login">' in html and '<label for="id_password">' in html


def test_coordinator_logs_in_and_lands_on_home(client, coordinator):
    response = sign_in(client, "regisseur", secret=enrol_totp(coordinator))
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == coordinator


def test_wrong_password_says_so_in_dutch_and_keeps_the_username(client, coordinator):
    response = login(client, "regisseur", "verkeerd-wachtwoord")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uw gebruikersnaam of wachtwoord is niet juist" in html
    assert 'value="regisseur"' in html


def test_pages_need_a_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logout_is_a_post_and_ends_the_session(client, coordinator, session_store):
    client.force_login(coordinator)
    assert client.get(reverse("logout")).status_code == 200  # a page that asks; a link cannot sign anyone out
    assert client.get(reverse("home")).status_code == 200
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
    # The old session cookie (copied before logging out, say) no longer opens anything.
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert client.get(reverse("home")).status_code == 302


def test_a_deactivated_account_is_signed_out_at_its_next_request(client, coordinator, session_store):
    client.force_login(coordinator)
    assert client.get(reverse("home")).status_code == 200
    coordinator.is_active = False
    coordinator.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_repeated_failures_lock_that_username_on_that_address(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "regisseur", "fout", REMOTE_ADDR="10.0.0.7")
    response = login(client, "regisseur", REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()


def test_a_locked_username_does_not_lock_out_colleagues_at_the_same_office(client, coordinator, member):
    member(Membership.Role.MANAGER, "municipality", username="collega")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        login(client, "regisseur", "fout", REMOTE_ADDR="10.0.0.7")
    response = login(client, "collega", REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_session_ends_after_thirty_idle_minutes_and_renews_on_activity(client, coordinator, session_store):
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as clock:
        client.force_login(coordinator)
        assert client.get(reverse("home")).status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200  # activity renews the half hour
        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200
        clock.shift(timedelta(minutes=32))
        response = client.get(reverse("home"))
        assert response.status_code == 302 and reverse("login") in response.url


def test_production_cookies_are_secure_httponly_and_samesite(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("home"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_every_page_sends_a_csp_without_third_party_origins(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy  # no origin other than our own is named
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
