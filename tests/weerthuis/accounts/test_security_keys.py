"""A security key's answer of the wrong shape is a wrong answer, not an error page; allauth's pages for managing
e-mail addresses and signing up are not offered."""

import json

import pytest
from django.urls import reverse

from tests.helpers import enrol_totp

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("credential", [{"id": 1}, {"id": "x", "rawId": 5, "response": []}, {"response": {}}, [], 1])
def test_a_malformed_key_answer_at_the_second_step_is_refused_without_an_error(client, coordinator, credential):
    enrol_totp(coordinator)
    client.post(reverse("login"), {"login": "regisseur", "password": "een-sterk-testwachtwoord"})
    response = client.post(reverse("mfa_authenticate"), {"credential": json.dumps(credential)})
    assert response.status_code == 200
    assert client.get(reverse("placements:case_list")).status_code == 302  # not signed in


@pytest.mark.parametrize("path", ["/account/email/", "/account/signup/"])
def test_no_one_manages_addresses_or_signs_up_through_allauth(client, coordinator, path):
    client.force_login(coordinator)
    assert client.get(path).status_code == 404
    assert client.post(path, {"email": "iemand@elders.example", "action_add": ""}).status_code == 404
