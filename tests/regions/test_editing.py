"""Agreements and dispersion rules in the admin: a change saved by someone else meanwhile is never silently
overwritten; the second person sees what changed, keeps their input and can save again deliberately."""

import pytest
from django.urls import reverse

from regions.models import DispersionRule
from tests.factories import AgreementFactory, DispersionRuleFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:regions_{obj._meta.model_name}_change", args=[obj.pk])


def as_rendered(admin_client, obj) -> dict:
    """The admin's change form for `obj` as a browser sends it back, inline rows included."""
    context = admin_client.get(change_url(obj)).context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    return form_values(*forms)


def test_a_rule_changed_meanwhile_is_refused_with_what_changed(admin_client, party):
    rule = DispersionRuleFactory(region=party.region, max_new_per_neighbourhood=10, mode=DispersionRule.Mode.WARN)
    mine, theirs = as_rendered(admin_client, rule), as_rendered(admin_client, rule)
    assert admin_client.post(change_url(rule), {**theirs, "max_new_per_neighbourhood": 5}).status_code == 302

    response = admin_client.post(change_url(rule), {**mine, "mode": "block"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft deze gegevens opgeslagen" in html
    assert "per wijk per jaar: was 10, nu 5" in html
    rule.refresh_from_db()
    assert (rule.mode, rule.max_new_per_neighbourhood, rule.version) == ("warn", 5, 2)
    again = form_values(response.context["adminform"].form)
    assert again["mode"] == "block"  # what the person chose is still there
    assert admin_client.post(change_url(rule), again).status_code == 302
    rule.refresh_from_db()
    assert (rule.mode, rule.max_new_per_neighbourhood, rule.version) == ("block", 5, 3)  # both changes kept


def test_an_agreement_changed_meanwhile_is_refused_and_nothing_is_saved(admin_client, party):
    agreement = AgreementFactory(region=party.region, corporation=party.corporation, quota=20)
    mine, theirs = as_rendered(admin_client, agreement), as_rendered(admin_client, agreement)
    assert admin_client.post(change_url(agreement), {**theirs, "quota": 25}).status_code == 302

    response = admin_client.post(change_url(agreement), {**mine, "note": "Afgesproken in het regio-overleg"})

    assert response.status_code == 200
    assert "was 20, nu 25" in response.content.decode()
    agreement.refresh_from_db()
    assert (agreement.quota, agreement.note, agreement.version) == (25, "", 2)


def test_what_was_seen_of_one_rule_is_not_taken_for_another(admin_client, party):
    rule = DispersionRuleFactory(region=party.region, max_new_per_neighbourhood=10)
    other = DispersionRuleFactory(region=party.region, year=2027, max_new_per_neighbourhood=4)
    seen_of_other = as_rendered(admin_client, other)["seen_values"]
    mine = as_rendered(admin_client, rule)
    DispersionRule.objects.filter(pk=rule.pk).update(max_new_per_neighbourhood=5, version=2)

    response = admin_client.post(change_url(rule), {**mine, "seen_values": seen_of_other})

    html = response.content.decode()
    assert "Wat er veranderde, kunnen we niet tonen" in html and "was 4" not in html
