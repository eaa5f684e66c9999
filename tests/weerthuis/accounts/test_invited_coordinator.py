"""An invited coordinator reads client records, so after accepting the invitation they set up a second factor
before anything else opens, and see no client until they have."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from regions.models import Membership
from tests.factories import OutflowCaseFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

Role = Membership.Role


@pytest.mark.django_db(transaction=True)  # allauth announces the new factor after the commit, as in production
def test_invited_coordinator_enrols_a_second_factor_before_seeing_any_client(
    client, party, member, django_capture_on_commit_callbacks
):
    OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0042")
    client.force_login(member(Role.ORG_ADMIN, "municipality", username="beheerder-gemeente"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:invite", args=[party.municipality.pk]),
            {"email": "regisseur@example.invalid", "role": Role.COORDINATOR},
        )
    client.logout()
    link = re.search(r"(/account/uitnodiging/\S+/)", mail.outbox[0].body).group(1)
    password = "lange-zin-met-woorden-2026"
    response = client.post(link, {"username": "nieuwe-regisseur", "password1": password, "password2": password})
    assert response.status_code == 302
    for url in (reverse("home"), reverse("placements:case_list")):
        page = client.get(url)
        assert page.status_code == 302 and page.url == reverse("mfa_activate_totp")
    enrolment = client.get(reverse("mfa_activate_totp"))
    assert "ZAA-2026-0042" not in enrolment.content.decode()
    secret = enrolment.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert "ZAA-2026-0042" in client.get(reverse("placements:case_list")).content.decode()
