"""A corporation's system keeps its homes in step: create, change with the version it read, withdraw; refused
input comes back as problem details with the pages' Dutch messages (English on request), and nothing is written."""

import pytest
from django.urls import reverse
from pghistory.models import Events

from placements.models import Dwelling

NEW_HOME = {
    "neighbourhood": "WK047901",
    "postcode": "1501ab",
    "house_number": 12,
    "street": "Westzijde",
    "place": "Zaandam",
    "kind": "independent",
    "rooms": 3,
    "rent": "612.50",
    "reserved_on": "2026-11-01",
    "available_from": "2026-12-01",
}


def test_a_corporation_reserves_a_home_for_itself(api, party, neighbourhood):
    response = api("corporation").post(reverse("api:home-list"), NEW_HOME, format="json")
    assert response.status_code == 201, response.json()
    home = Dwelling.objects.get(pk=response.json()["id"])
    assert (home.corporation, home.postcode, home.rent_cents) == (party.corporation, "1501 AB", 61250)
    assert response["Location"] == reverse("api:home-detail", args=[home.pk])


def test_history_names_the_tokens_maker_and_the_token(api, neighbourhood):
    response = api("corporation").post(reverse("api:home-list"), NEW_HOME, format="json")
    event = Events.objects.tracks(Dwelling.objects.get(pk=response.json()["id"])).get()
    assert event.pgh_context["user"] is not None
    assert event.pgh_context["api_token_name"] == "ERP Corporatie A"


def test_refused_input_names_each_field_in_dutch_and_writes_nothing(api, neighbourhood):
    bad = {**NEW_HOME, "postcode": "15", "available_from": "2026-10-01", "neighbourhood": "WK999999"}
    response = api("corporation").post(reverse("api:home-list"), bad, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:weerthuis:problem:invalid" and problem["status"] == 400
    assert problem["errors"]["postcode"] == ["Vul een geldige postcode in, zoals 1234 AB."]
    assert "neighbourhood" in problem["errors"]
    assert not Dwelling.objects.exists()


def test_problems_come_in_english_on_request(api, neighbourhood):
    response = api("corporation").post(
        reverse("api:home-list"), {**NEW_HOME, "postcode": "15"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.json()["errors"]["postcode"] == ["Enter a valid postcode, such as 1234 AB."]


def test_a_value_of_the_wrong_type_is_refused_in_dutch(api, neighbourhood):
    response = api("corporation").post(reverse("api:home-list"), {**NEW_HOME, "rooms": "x"}, format="json")
    assert response.json()["errors"]["rooms"] == ["Geef een geheel getal."]
    response = api("corporation").post(reverse("api:home-list"), ["not", "an", "object"], format="json")
    assert response.json()["errors"]["non_field_errors"] == ["Stuur een JSON-object."]


def test_an_address_already_reserved_is_refused(api, dwelling):
    taken = {**NEW_HOME, "postcode": dwelling.postcode, "house_number": dwelling.house_number}
    response = api("corporation").post(reverse("api:home-list"), taken, format="json")
    assert response.status_code in (400, 409)
    assert Dwelling.objects.count() == 1


def test_a_change_on_a_version_someone_else_changed_is_refused(api, dwelling):
    client = api("corporation")
    url = reverse("api:home-detail", args=[dwelling.pk])
    first = client.patch(url, {"rooms": 4, "version": dwelling.version}, format="json")
    assert first.status_code == 200 and first.json()["version"] == dwelling.version + 1
    stale = client.patch(url, {"street": "Oud", "version": dwelling.version}, format="json")
    assert stale.status_code == 412
    dwelling.refresh_from_db()
    assert (dwelling.rooms, dwelling.street) == (4, "Eigenstraat")


def test_a_change_may_name_the_version_by_the_etag_it_read(api, dwelling):
    client = api("corporation")
    url = reverse("api:home-detail", args=[dwelling.pk])
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"rooms": 4}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = client.patch(url, {"rooms": 5}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["type"] == "urn:weerthuis:problem:stale"
    dwelling.refresh_from_db()
    assert dwelling.rooms == 4


def test_a_change_without_the_version_is_refused(api, dwelling):
    response = api("corporation").patch(reverse("api:home-detail", args=[dwelling.pk]), {"rooms": 4}, format="json")
    assert response.status_code == 400 and "version" in response.json()["errors"]


def test_withdrawing_twice_is_a_conflict(api, dwelling):
    client = api("corporation")
    url = reverse("api:home-withdraw", args=[dwelling.pk])
    assert client.post(url).json()["status"] == "withdrawn"
    second = client.post(url)
    assert second.status_code == 409 and second.json()["type"] == "urn:weerthuis:problem:transition"


def test_a_read_carries_an_etag_and_an_unchanged_one_answers_304(api, dwelling):
    client = api("corporation")
    url = reverse("api:home-detail", args=[dwelling.pk])
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    client.post(reverse("api:home-withdraw", args=[dwelling.pk]))
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("query", ["status=withdrawn", "status=reserved", "q=Eigenstraat", "rooms=3"])
def test_the_list_filters_as_the_page_does(api, dwelling, query):
    response = api("corporation").get(f"{reverse('api:home-list')}?{query}")
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == ([dwelling.pk] if query in ("status=reserved", "q=Eigenstraat") else [])


def test_an_invalid_filter_is_a_problem_not_an_error(api, dwelling):
    response = api("corporation").get(f"{reverse('api:home-list')}?status=nope")
    assert response.status_code == 400 and "status" in response.json()["errors"]


def test_the_list_pages_by_cursor(api, party, neighbourhood):
    from tests.factories import DwellingFactory

    homes = DwellingFactory.create_batch(3, corporation=party.corporation, neighbourhood=neighbourhood)
    client = api("corporation")
    first = client.get(f"{reverse('api:home-list')}?page_size=2").json()
    second = client.get(first["next"]).json()
    assert [row["id"] for row in first["results"] + second["results"]] == [home.pk for home in homes]
    assert second["next"] is None


@pytest.mark.parametrize("position", ["abc", "1.5", "%00"])
def test_a_forged_cursor_is_not_found_with_a_problem_not_a_server_error(api, dwelling, position):
    import base64
    from urllib.parse import quote

    cursor = quote(base64.b64encode(f"p={position}".encode()).decode())
    response = api("corporation").get(f"{reverse('api:home-list')}?cursor={cursor}")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_a_home_is_always_the_tokens_corporations(api, party, neighbourhood):
    response = api("corporation").post(
        reverse("api:home-list"), {**NEW_HOME, "corporation": party.other_corporation.pk}, format="json"
    )
    assert Dwelling.objects.get(pk=response.json()["id"]).corporation == party.corporation


def test_the_lists_queries_do_not_grow_with_its_rows(api, party, neighbourhood, django_assert_max_num_queries):
    from tests.factories import DwellingFactory

    client = api("corporation")
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    client.get(reverse("api:home-list"))  # the token's last use is written once a minute: not in the count
    # Six, whatever the rows: one of them checks that the token's maker is still the organisation's administrator.
    with django_assert_max_num_queries(6):
        client.get(reverse("api:home-list"))
    DwellingFactory.create_batch(20, corporation=party.corporation, neighbourhood=neighbourhood)
    with django_assert_max_num_queries(6):
        assert len(client.get(reverse("api:home-list")).json()["results"]) == 21
