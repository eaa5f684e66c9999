"""The login form refuses input that would fail further on (weerthuis/forms.py)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("length", [151, 256, 10_000])
def test_an_over_long_username_is_refused_before_the_throttle_records_it(client, length):
    response = client.post(reverse("login"), {"login": "a" * length, "password": "geheim"})
    assert response.status_code == 200
    assert "150 tekens" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_username_with_a_nul_byte_is_refused(client):
    response = client.post(reverse("login"), {"login": "regisseur\x00", "password": "geheim"})
    assert response.status_code == 200
    assert not AccessAttempt.objects.exists()


def test_a_wrong_password_for_a_username_of_150_characters_is_still_counted(client):
    client.post(reverse("login"), {"login": "a" * 150, "password": "geheim"})
    assert AccessAttempt.objects.count() == 1


@pytest.mark.parametrize("field", ["login", "password"])
@pytest.mark.parametrize("value", ["\x00", "x" * 10_000, "🏠" * 200, "'; DROP TABLE auth_user; --", "a\r\nb"])
def test_an_absurd_login_never_gives_an_error_page(client, field, value):
    data = {"login": "regisseur", "password": "geheim", field: value}
    assert client.post(reverse("login"), data).status_code < 500
