"""Tokens: stored as a hash, refused when expired, revoked or unknown, read-only when so scoped, made and revoked
only by the organisation's administrator."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from placements.api import services
from placements.models import ApiToken


def client_with(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_only_a_hash_of_the_secret_is_stored(make_token):
    token, secret = make_token("corporation")
    stored = ApiToken.objects.values_list("prefix", "secret_hash").get(pk=token.pk)
    assert secret.startswith(f"wt_{token.prefix}_") and secret not in "".join(stored)


def test_an_expired_token_is_refused(make_token):
    _token, secret = make_token("corporation", days=1)
    assert client_with(secret).get(reverse("api:home-list")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        response = client_with(secret).get(reverse("api:home-list"))
    assert response.status_code == 401
    assert response.json()["detail"] == "Deze API-sleutel is verlopen."


def test_a_revoked_token_is_refused_from_the_next_call(make_token, party):
    token, secret = make_token("corporation")
    services.revoke_token(token_id=token.pk, by=token.created_by)
    response = client_with(secret).get(reverse("api:home-list"))
    assert response.status_code == 401
    assert response.json()["detail"] == "Deze API-sleutel is ingetrokken."


@pytest.mark.parametrize("secret", ["wt_00000000_nope", "nonsense", "wt_abc"])
def test_an_unknown_token_is_refused(secret, dwelling):
    response = client_with(secret).get(reverse("api:home-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_token_stops_with_its_maker(make_token):
    token, secret = make_token("corporation")
    token.created_by.is_active = False
    token.created_by.save()
    assert client_with(secret).get(reverse("api:home-list")).status_code == 401


def test_a_token_stops_when_its_maker_is_no_longer_the_organisations_administrator(make_token):
    token, secret = make_token("corporation")
    assert client_with(secret).get(reverse("api:home-list")).status_code == 200
    token.created_by.memberships.filter(organisation=token.organisation, role="org_admin").delete()
    assert client_with(secret).get(reverse("api:home-list")).status_code == 401


def test_a_read_only_token_changes_nothing(api, dwelling):
    response = api("corporation", scope="read").post(reverse("api:home-withdraw", args=[dwelling.pk]))
    assert response.status_code == 403
    dwelling.refresh_from_db()
    assert dwelling.status == "reserved"


def test_a_session_is_not_an_api_credential(client, member, dwelling):
    user = member("corporation_staff", "corporation")
    client.force_login(user)
    assert client.get(reverse("api:home-list")).status_code == 401


def test_last_use_is_recorded(make_token, dwelling):
    token, secret = make_token("corporation")
    client_with(secret).get(reverse("api:home-list"))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_the_organisations_administrator_makes_or_revokes_its_tokens(make_token, member):
    token, _secret = make_token("corporation")
    other_admin = member("org_admin", "other_corporation")
    staff = member("corporation_staff", "corporation")
    for person in (other_admin, staff):
        with pytest.raises(services.NotAllowed):
            services.revoke_token(token_id=token.pk, by=person)
        with pytest.raises(services.NotAllowed):
            services.create_token(
                organisation_id=token.organisation_id,
                name="x",
                scope="read",
                expires_at=timezone.now() + timedelta(days=1),
                by=person,
            )
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("days", [0, 367])
def test_a_token_expires_after_today_and_within_a_year(make_token, days):
    with pytest.raises(services.InvalidToken):
        make_token("corporation", days=days)
