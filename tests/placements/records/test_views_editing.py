"""Editing a home or a client: a save never undoes what a service did meanwhile (a proposal's status), and a
form based on data someone else changed since is refused with what changed, keeping what the person typed."""

import pytest
from django.urls import reverse

from placements.models import Dwelling, OutflowCase
from placements.records.forms import DwellingForm
from tests.helpers import case_post, dwelling_post, form_values, submitted

pytestmark = pytest.mark.django_db


def shown(client, url) -> dict:
    """The edit form as the browser got it, sent back with a token of its own."""
    return submitted(form_values(client.get(url).context["form"]))


def test_a_home_saved_meanwhile_refuses_the_stale_edit_and_keeps_the_input(client, users, dwelling):
    url = reverse("placements:dwelling_update", args=[dwelling.pk])
    client.force_login(users["corporation_a"])
    mine, theirs = shown(client, url), shown(client, url)
    assert client.post(url, {**theirs, "rent": "700.00"}).status_code == 302

    response = client.post(url, {**mine, "rooms": 4})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft deze gegevens opgeslagen" in html
    assert "Kale huur per maand (€): was 600,00, nu 700,00 (overgenomen in het formulier)" in html
    form = response.context["form"]
    assert (form["rooms"].value(), form["rent"].value()) == ("4", "700")  # mine, and theirs taken over
    dwelling.refresh_from_db()
    assert (dwelling.rooms, dwelling.rent_cents, dwelling.version) == (2, 70000, 2)
    # Saved again after reading the message: both changes are kept.
    assert client.post(url, submitted(form_values(form))).status_code == 302
    dwelling.refresh_from_db()
    assert (dwelling.rooms, dwelling.rent_cents, dwelling.version) == (4, 70000, 3)


def test_when_both_changed_the_same_field_the_form_keeps_mine_and_names_theirs(client, users, dwelling):
    url = reverse("placements:dwelling_update", args=[dwelling.pk])
    client.force_login(users["corporation_a"])
    mine, theirs = shown(client, url), shown(client, url)
    assert client.post(url, {**theirs, "rooms": 3}).status_code == 302

    response = client.post(url, {**mine, "rooms": 4})

    assert "Kamers: was 2, nu 3; u vulde 4 in, dat staat in het formulier" in response.content.decode()
    assert response.context["form"]["rooms"].value() == "4"


def test_a_client_saved_meanwhile_refuses_the_stale_edit(client, users, case):
    url = reverse("placements:case_update", args=[case.pk])
    client.force_login(users["care_worker_c"])
    mine, theirs = shown(client, url), shown(client, url)
    assert client.post(url, {**theirs, "min_rooms": 2}).status_code == 302

    response = client.post(url, {**mine, "household_size": 3})

    assert response.status_code == 200
    assert "Minimaal aantal kamers: was 1, nu 2" in response.content.decode()
    case.refresh_from_db()
    assert (case.household_size, case.min_rooms) == (1, 2)


def test_an_edit_form_writes_the_fields_it_changed_and_never_the_status(users, dwelling):
    form = DwellingForm(dwelling_post(dwelling), instance=dwelling, user=users["corporation_a"])
    # Between reading the home and saving it, a proposal offers it (the service writes the status).
    Dwelling.objects.filter(pk=dwelling.pk).update(status=Dwelling.Status.OFFERED)

    assert form.is_valid(), form.errors
    form.save()

    dwelling.refresh_from_db()
    assert (dwelling.status, dwelling.street, dwelling.version) == ("offered", "Nieuwe straat", 2)


def test_an_edit_sent_twice_is_saved_once_and_the_second_shows_the_result(client, users, case):
    url = reverse("placements:case_update", args=[case.pk])
    client.force_login(users["care_worker_c"])
    data = case_post(case)
    assert client.post(url, data).status_code == 302

    again = client.post(url, data, follow=True)

    assert again.redirect_chain[-1][0] == reverse("placements:case_detail", args=[case.pk])
    assert "Dit formulier was al verstuurd" in again.content.decode()
    assert OutflowCase.objects.get(pk=case.pk).version == 2


def test_a_home_deleted_while_its_form_was_open_is_not_saved_again(users, dwelling):
    form = DwellingForm(dwelling_post(dwelling), instance=dwelling, user=users["corporation_a"])
    Dwelling.objects.filter(pk=dwelling.pk).delete()  # e.g. by an administrator

    assert not form.is_valid()
    assert "Dit is intussen verwijderd" in str(form.non_field_errors())
    assert not Dwelling.objects.exists()


def test_saving_without_a_change_leaves_the_version_so_nobody_else_is_refused(client, users, dwelling):
    url = reverse("placements:dwelling_update", args=[dwelling.pk])
    client.force_login(users["corporation_a"])
    mine, theirs = shown(client, url), shown(client, url)
    assert client.post(url, theirs).status_code == 302  # "Opslaan" pressed without changing anything

    assert client.post(url, {**mine, "rooms": 4}).status_code == 302
    dwelling.refresh_from_db()
    assert (dwelling.rooms, dwelling.version) == (4, 2)


def test_a_stale_edit_with_a_wrong_value_names_what_was_typed(client, users, dwelling):
    url = reverse("placements:dwelling_update", args=[dwelling.pk])
    client.force_login(users["corporation_a"])
    mine, theirs = shown(client, url), shown(client, url)
    assert client.post(url, {**theirs, "rooms": 3}).status_code == 302

    response = client.post(url, {**mine, "rooms": "veel"})

    assert "Kamers: was 2, nu 3; u vulde veel in" in response.content.decode()
    assert response.context["form"].errors["rooms"]  # and the field says what is wrong with it


def test_the_history_does_not_list_the_version(client, users, dwelling):
    url = reverse("placements:dwelling_update", args=[dwelling.pk])
    client.force_login(users["corporation_a"])
    client.post(url, {**shown(client, url), "rooms": 4})
    html = client.get(reverse("placements:dwelling_detail", args=[dwelling.pk])).content.decode()
    assert "2 → 4" in html and "versie" not in html


def test_a_home_moved_out_of_reach_while_its_form_was_open_shows_nothing_of_it(users, party, dwelling):
    form = DwellingForm(dwelling_post(dwelling), instance=dwelling, user=users["corporation_a"])
    # Meanwhile the coordinator gives the home to the other corporation, with a street of its own.
    Dwelling.objects.filter(pk=dwelling.pk).update(
        corporation=party.other_corporation, street="Geheime straat", version=2
    )

    assert not form.is_valid()
    errors = str(form.non_field_errors())
    assert "valt niet meer onder uw organisatie" in errors and "Geheime straat" not in errors
