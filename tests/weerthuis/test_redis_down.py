"""With Redis down, signing in, browsing and signing out work: sessions live in the database and the cache in
front of them only misses. Signing out still ends the session (its database row is gone)."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.conftest import redis_cache
from tests.helpers import enrol_totp, sign_in
from weerthuis import cache as short_circuit

pytestmark = pytest.mark.django_db


def test_sign_in_browse_and_sign_out_while_redis_is_down(client, redis_down, coordinator):
    response = sign_in(client, "regisseur", secret=enrol_totp(coordinator))
    assert response.status_code == 302 and response.url == reverse("home")
    assert Session.objects.count() == 1
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.exists()
    assert client.get(reverse("home")).status_code == 302


def test_sign_in_and_the_container_check_work_when_the_cache_address_is_not_redis(
    client, settings, not_redis_url, coordinator
):
    settings.CACHES = {**settings.CACHES, "default": redis_cache(not_redis_url)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    short_circuit.reset()
    response = sign_in(client, "regisseur", secret=enrol_totp(coordinator))
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("health"), {"alleen": "database"}).status_code == 200
    short_circuit.reset()
