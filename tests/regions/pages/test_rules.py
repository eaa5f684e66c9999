"""Dispersion rules per year: made and changed by the region's coordinators, with Dutch messages and a history."""

import pytest
from django.urls import reverse

from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


def new_rule(party, **fields) -> dict:
    return {
        "region": party.region.pk,
        "year": 2027,
        "max_new_per_neighbourhood": 6,
        "max_per_thousand_stock": "",
        "max_active_per_building": 2,
        "mode": "block",
        **fields,
    }


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_coordinator_sets_next_years_rule(signed_in, party):
    response = signed_in.post(reverse("regions:rule_create"), new_rule(party))

    rule = DispersionRule.objects.get(year=2027)
    assert response.url == reverse("regions:rule_detail", args=[rule.pk])
    assert (rule.mode, rule.max_new_per_neighbourhood, rule.max_active_per_building) == ("block", 6, 2)


def test_a_rule_without_any_limit_is_refused(signed_in, party):
    data = new_rule(party, max_new_per_neighbourhood="", max_active_per_building="")
    response = signed_in.post(reverse("regions:rule_create"), data)

    assert "Vul minstens één grens in." in response.content.decode()
    assert not DispersionRule.objects.exists()


def test_a_second_rule_for_the_same_year_is_refused(signed_in, party, rule):
    response = signed_in.post(reverse("regions:rule_create"), new_rule(party, year=2026))

    assert "Deze regio heeft al een spreidingsregel voor dit jaar." in response.content.decode()
    assert DispersionRule.objects.count() == 1


def test_a_rule_changed_meanwhile_is_refused_and_the_change_is_in_the_history(signed_in, rule):
    url = reverse("regions:rule_update", args=[rule.pk])
    mine = theirs = form_values(signed_in.get(url).context["form"])
    assert signed_in.post(url, {**theirs, "max_new_per_neighbourhood": 5}).status_code == 302

    response = signed_in.post(url, {**mine, "mode": "block"})

    assert "per wijk per jaar: was 10, nu 5" in response.content.decode()
    rule.refresh_from_db()
    assert (rule.mode, rule.max_new_per_neighbourhood) == ("warn", 5)
    history = signed_in.get(reverse("regions:rule_detail", args=[rule.pk])).context["history"]
    assert [(c.field, c.old, c.new) for c in history[-1].changes] == [
        ("max. nieuwe plaatsingen per wijk per jaar", "10", "5")
    ]
    assert history[-1].user == "regisseur"


def test_the_list_shows_this_and_next_years_rules_and_the_standing_one(signed_in, party):
    standing = DispersionRuleFactory(region=party.region, year=None)
    old = DispersionRuleFactory(region=party.region, year=2020)
    rules = list(signed_in.get(reverse("regions:rule_list")).context["rules"])

    assert standing in rules and old not in rules
    assert list(signed_in.get(reverse("regions:rule_list"), {"year": 2020}).context["rules"]) == [old]


def test_a_rule_form_sent_twice_saves_one_rule(signed_in, party):
    first = signed_in.post(reverse("regions:rule_create"), new_rule(party, year=""))
    second = signed_in.post(reverse("regions:rule_create"), new_rule(party, year=""))

    assert second.url == first.url
    assert DispersionRule.objects.count() == 1
