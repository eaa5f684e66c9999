"""With Redis down, signing in, browsing and signing out work: sessions live in the database and the cache in
front of them only misses. Signing out still ends the session (its database row is gone)."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_in_browse_and_sign_out_while_redis_is_down(client, redis_down, coordinator):
    response = client.post(reverse("login"), {"username": "regisseur", "password": "een-sterk-testwachtwoord"})
    assert response.status_code == 302
    assert Session.objects.count() == 1
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.exists()
    assert client.get(reverse("home")).status_code == 302
