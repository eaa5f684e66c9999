"""The organisation administrator's token pages: make a token (its secret shown once, only a hash kept), list and
revoke them; nobody else, and not another organisation's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import ApiToken
from regions.models import Membership
from tests.helpers import submitted

Role = Membership.Role


@pytest.fixture
def admin_client(client, member):
    admin = member(Role.ORG_ADMIN, "corporation", username="beheerder-a")
    client.force_login(admin)
    return client


def test_the_administrator_makes_a_token_and_sees_its_secret_once(admin_client, party):
    url = reverse("accounts:api_tokens", args=[party.corporation.pk])
    expires_on = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = admin_client.post(url, {"name": "ERP", "scope": "write", "expires_on": expires_on})
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith(f"wt_{token.prefix}_") and secret in response.content.decode()
    assert (token.organisation, token.scope) == (party.corporation, "write")
    assert secret not in admin_client.get(url).content.decode()


def test_a_reload_or_double_click_of_the_form_makes_one_token(admin_client, party):
    """Seen by a newcomer: reloading the answer that shows the secret sent the form again and made a second live
    token whose secret nobody saw."""
    url = reverse("accounts:api_tokens", args=[party.corporation.pk])
    expires_on = (timezone.localdate() + timedelta(days=30)).isoformat()
    form = submitted({"name": "ERP", "scope": "write", "expires_on": expires_on})
    first = admin_client.post(url, form)
    again = admin_client.post(url, form, follow=True)
    assert first.context["secret"] and ApiToken.objects.count() == 1
    assert "Dit formulier was al verstuurd" in again.content.decode()
    assert first.context["secret"] not in again.content.decode()


def test_a_token_beyond_a_year_is_refused_with_a_message(admin_client, party):
    url = reverse("accounts:api_tokens", args=[party.corporation.pk])
    expires_on = (timezone.localdate() + timedelta(days=400)).isoformat()
    response = admin_client.post(url, {"name": "ERP", "scope": "read", "expires_on": expires_on})
    assert "Kies een datum vanaf vandaag en binnen een jaar." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_administrator_revokes_a_token(admin_client, party, make_token):
    token, _secret = make_token("corporation")
    admin_client.post(reverse("accounts:api_token_revoke", args=[party.corporation.pk, token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize(
    ("role", "organisation", "status"),
    [
        (Role.ORG_ADMIN, "other_corporation", 404),
        (Role.CORPORATION_STAFF, "corporation", 403),
        (Role.COORDINATOR, "municipality", 403),
    ],
)
def test_nobody_else_sees_or_revokes_the_tokens(client, member, party, make_token, role, organisation, status):
    token, _secret = make_token("corporation")
    client.force_login(member(role, organisation, username="iemand"))
    assert client.get(reverse("accounts:api_tokens", args=[party.corporation.pk])).status_code == status
    revoke = client.post(reverse("accounts:api_token_revoke", args=[party.corporation.pk, token.pk]))
    assert revoke.status_code == status
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_administrator_lists_and_revokes_tokens_in_the_admin_never_seeing_the_hash(client, make_token):
    from tests.factories import UserFactory

    token, _secret = make_token("corporation")
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    listed = client.get(reverse("admin:placements_apitoken_changelist")).content.decode()
    assert token.prefix in listed
    assert (
        token.secret_hash
        not in client.get(reverse("admin:placements_apitoken_change", args=[token.pk])).content.decode()
    )
    client.post(
        reverse("admin:placements_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
