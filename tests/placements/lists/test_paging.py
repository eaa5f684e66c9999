"""What the list pages share (placements/lists/paging.py): 25 rows a page with a count, a page past the end that
shows the last one, sort headers and page links that keep the query, and a query count that does not grow with the
rows."""

import re

import pytest
from django.urls import reverse

from tests.factories import DwellingFactory, OutflowCaseFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["dwelling", "case"])
def test_list_query_count_is_the_same_for_5_and_50_rows(client, users, party, neighbourhood, kind):
    user = users["coordinator"]
    client.force_login(user)

    def add(n):
        for _ in range(n):
            if kind == "dwelling":
                DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
            else:
                OutflowCaseFactory(care_provider=party.care_provider, region=party.region)

    url = reverse(f"placements:{kind}_list") + "?order=-" + ("rooms" if kind == "dwelling" else "ready_on")
    add(5)
    client.get(url)  # warm the session
    five = count_queries(client, url)
    add(45)
    fifty = count_queries(client, url)
    assert five == fifty
    print(f"{kind} list: {fifty} queries")


def test_lists_page_by_25_with_a_count(client, users, party, neighbourhood):
    for _ in range(30):
        DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["corporation_a"])
    response = client.get(reverse("placements:dwelling_list"))
    assert len(response.context["object_list"]) == 25
    assert "30 resultaten" in response.content.decode()
    assert len(client.get(reverse("placements:dwelling_list"), {"page": 2}).context["object_list"]) == 5


def test_sort_headers_toggle_direction_and_keep_the_filters(client, users, dwelling):
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    html = client.get(url, {"status": "reserved", "page": 1}).content.decode()
    assert '<a href="?status=reserved&amp;order=rooms">Kamers</a>' in html
    html = client.get(url, {"status": "reserved", "order": "rooms"}).content.decode()
    assert 'aria-sort="ascending"><a href="?status=reserved&amp;order=-rooms">Kamers ▲</a>' in html
    html = client.get(url, {"order": "-rooms"}).content.decode()
    assert 'aria-sort="descending"><a href="?order=rooms">Kamers ▼</a>' in html
    assert '<th scope="col">Adres</th>' in html


@pytest.mark.parametrize(
    ("page", "shown"), [("3", "pagina 2 van 2"), ("99", "pagina 2 van 2"), ("twee", "pagina 1 van 2")]
)
def test_a_page_past_the_end_shows_the_last_page(client, users, party, neighbourhood, page, shown):
    """A link made when the list was longer (or an old bookmark) still leads to the list, not to "not found"."""
    DwellingFactory.create_batch(30, corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["coordinator"])
    response = client.get(reverse("placements:dwelling_list"), {"page": page})
    assert response.status_code == 200
    assert shown in response.content.decode()
    assert len(response.context["rows"].values) == (5 if shown.startswith("pagina 2") else 25)


def test_the_next_page_and_csv_links_work_as_clicked(client, users, party, neighbourhood):
    for _ in range(30):
        DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    html = client.get(url, {"rooms": "1", "order": "-rent"}).content.decode()
    following = re.search(r'<a href="([^"]*)">Volgende</a>', html).group(1).replace("&amp;", "&")
    response = client.get(url + following)
    assert response.context["page_obj"].number == 2
    assert response.context["filter"].data["order"] == "-rent" and response.context["filter"].data["rooms"] == "1"
    back = re.search(r'<a href="([^"]*)">Vorige</a>', response.content.decode()).group(1).replace("&amp;", "&")
    assert client.get(url + back).context["page_obj"].number == 1
    csv_link = re.search(r'<a class="button" href="([^"]*)">Download CSV</a>', html).group(1).replace("&amp;", "&")
    download = client.get(url + csv_link)
    assert download["Content-Type"].startswith("text/csv")
