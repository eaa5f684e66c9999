"""Changing an agreement: a form opened before someone else saved is refused with what changed (VersionedModelForm),
the split can be changed and emptied, and every change is in the history with who made it."""

import pytest
from django.urls import reverse

from regions.models import MunicipalityQuota
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def as_rendered(client, agreement) -> dict:
    context = client.get(reverse("regions:agreement_update", args=[agreement.pk])).context
    split = context["split"]
    return form_values(context["form"], split.management_form, *split.forms)


def test_an_agreement_changed_meanwhile_is_refused_with_what_changed(client, coordinator, agreement):
    client.force_login(coordinator)
    url = reverse("regions:agreement_update", args=[agreement.pk])
    mine, theirs = as_rendered(client, agreement), as_rendered(client, agreement)
    assert client.post(url, {**theirs, "quota": 35}).status_code == 302

    response = client.post(url, {**mine, "note": "Afgesproken in het regio-overleg"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft deze gegevens opgeslagen" in html
    assert "was 30, nu 35" in html
    agreement.refresh_from_db()
    assert (agreement.quota, agreement.note, agreement.version) == (35, "", 2)
    again = form_values(response.context["form"], response.context["split"].management_form)
    assert client.post(url, again).status_code == 302  # saved again deliberately: both changes kept
    agreement.refresh_from_db()
    assert (agreement.quota, agreement.note) == (35, "Afgesproken in het regio-overleg")


def test_the_history_shows_who_changed_the_quota_and_the_split(client, coordinator, agreement, party):
    client.force_login(coordinator)
    url = reverse("regions:agreement_update", args=[agreement.pk])
    data = as_rendered(client, agreement)
    data.update({"quota": 32, "verdeling-0-municipality": party.region.centre_municipality.pk, "verdeling-0-quota": 8})
    assert client.post(url, data).status_code == 302

    history = client.get(reverse("regions:agreement_detail", args=[agreement.pk])).context["history"]

    changed = [line for line in history if line.label == "changed"]
    assert {(c.field, c.old, c.new) for line in changed for c in line.changes} == {
        ("contingent (woningen)", "30", "32"),
        ("verdeling Zaanstad (GM0479)", "–", "8"),
    }
    assert {line.user for line in changed} == {"regisseur"}


def test_a_municipality_taken_out_of_the_split_is_removed_and_remembered(client, coordinator, agreement, party):
    MunicipalityQuota.objects.create(agreement=agreement, municipality=party.region.centre_municipality, quota=8)
    client.force_login(coordinator)
    data = as_rendered(client, agreement)
    data["verdeling-0-DELETE"] = "on"

    assert client.post(reverse("regions:agreement_update", args=[agreement.pk]), data).status_code == 302

    assert not agreement.municipality_quotas.exists()
    history = client.get(reverse("regions:agreement_detail", args=[agreement.pk])).context["history"]
    assert [(c.field, c.old, c.new) for c in history[-1].changes] == [("verdeling Zaanstad (GM0479)", "8", "–")]


def test_a_split_row_changed_meanwhile_is_refused(client, coordinator, agreement, party):
    MunicipalityQuota.objects.create(agreement=agreement, municipality=party.region.centre_municipality, quota=8)
    client.force_login(coordinator)
    url = reverse("regions:agreement_update", args=[agreement.pk])
    mine, theirs = as_rendered(client, agreement), as_rendered(client, agreement)
    assert client.post(url, {**theirs, "verdeling-0-quota": 10}).status_code == 302

    response = client.post(url, {**mine, "verdeling-0-quota": 12})

    assert response.status_code == 200
    assert "Iemand anders heeft deze gegevens opgeslagen" in response.content.decode()
    assert list(agreement.municipality_quotas.values_list("quota", flat=True)) == [10]
