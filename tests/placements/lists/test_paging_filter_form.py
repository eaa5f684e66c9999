"""The filter form of a list, rendered once per scope, language and query and then cached: it offers what the user's
regions hold now and keeps what was asked."""

import re

import pytest
from django.urls import reverse

from regions.models import Organisation
from tests.factories import DwellingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def filter_options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r">([^<]+)</option>", select)


def test_filter_form_offers_a_new_corporation_at_once(client, users, party, django_capture_on_commit_callbacks):
    """The filter form is cached; a corporation added to the region (or leaving it) shows once that commits."""
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    assert filter_options(client.get(url).content.decode(), "corporation") == [
        "---------",
        "Corporatie A",
        "Corporatie B",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(name="Corporatie Nieuw", kind=Organisation.Kind.CORPORATION, regions=[party.region])
    assert "Corporatie Nieuw" in filter_options(client.get(url).content.decode(), "corporation")
    with django_capture_on_commit_callbacks(execute=True):
        party.other_corporation.regions.remove(party.region)
    assert "Corporatie B" not in filter_options(client.get(url).content.decode(), "corporation")


def test_cached_filter_form_is_not_shared_between_regions(client, users, party):
    """Two coordinators of different regions ask for the same page and query: each sees their own options."""
    foreign_region = users["foreign_coordinator"].memberships.get().organisation.regions.get()
    OrganisationFactory(name="Zorg Elders", kind=Organisation.Kind.CARE_PROVIDER, regions=[foreign_region])
    url = reverse("placements:case_list") + "?status=waiting"
    client.force_login(users["coordinator"])
    assert filter_options(client.get(url).content.decode(), "care_provider") == ["---------", "Zorg C", "Zorg D"]
    client.force_login(users["foreign_coordinator"])
    assert filter_options(client.get(url).content.decode(), "care_provider") == ["---------", "Zorg Elders"]


def test_filter_form_keeps_what_was_asked_across_pages(client, users, party, neighbourhood):
    for _ in range(30):
        DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, rooms=3)
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    client.get(url, {"rooms": 2, "page": 1})
    html = client.get(url, {"rooms": 2, "page": 2}).content.decode()
    assert 'name="rooms" value="2"' in html
    html = client.get(url, {"rooms": 3}).content.decode()
    assert 'name="rooms" value="3"' in html


def test_filter_form_keeps_the_sort_order_of_this_request_not_of_the_one_before(client, users, dwelling):
    """The form carries the sort order in a hidden field: a cached form made for `?order=-rent` must not come back
    on the unsorted list, where pressing "Filteren" would sort it again."""
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    assert 'name="order" value="-rent"' in client.get(url, {"order": "-rent"}).content.decode()
    assert 'name="order"' not in client.get(url).content.decode().split('class="filters"')[1].split("</form>")[0]
