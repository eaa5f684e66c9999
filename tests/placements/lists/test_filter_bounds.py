"""Day counts and numbers in the list filters are bounded (placements/lists/filters.py, DaysFilter): a value out of
range is a message on the filter form, never an error page, and a download with one is not made."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DAYS = [("placements:case_list", "waiting_days"), ("placements:placement_list", "older_than")]


@pytest.mark.parametrize(("list_name", "parameter"), DAYS)
@pytest.mark.parametrize("days", ["740000", "3651", "-1", "1.5", "9" * 5000])
def test_a_day_count_out_of_range_is_refused_on_the_filter_form(client, users, case, list_name, parameter, days):
    client.force_login(users["coordinator"])
    response = client.get(reverse(list_name), {parameter: days})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    html = response.content.decode()
    assert "Vul een aantal dagen in van 0 tot en met 3650." in html or "Voer een geheel getal in." in html


@pytest.mark.parametrize(("list_name", "parameter"), DAYS)
def test_a_day_count_in_range_filters(client, users, case, list_name, parameter):
    client.force_login(users["coordinator"])
    assert client.get(reverse(list_name), {parameter: "3650"}).status_code == 200
    assert client.get(reverse(list_name), {parameter: "0"}).status_code == 200


def test_a_clients_download_with_a_day_count_out_of_range_goes_back_to_the_list(client, users, case):
    client.force_login(users["coordinator"])
    response = client.get(reverse("placements:case_list"), {"waiting_days": "740000", "export": "csv"})
    assert response.status_code == 302
    assert response.url == "?waiting_days=740000"
    assert "Vul een aantal dagen" in client.get(reverse("placements:case_list") + response.url).content.decode()


def test_a_homes_download_with_a_refused_filter_is_not_made_unfiltered(client, users, dwelling):
    client.force_login(users["coordinator"])
    response = client.get(reverse("placements:dwelling_list"), {"rooms": "1e400", "export": "csv"})
    assert response.status_code == 302


def test_a_page_number_out_of_range_shows_a_page(client, users, case):
    client.force_login(users["coordinator"])
    for page in ("999999999999999999999", "-5", "9" * 5000, "0"):
        assert client.get(reverse("placements:case_list"), {"page": page}).status_code == 200
