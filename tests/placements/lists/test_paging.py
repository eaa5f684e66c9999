"""List pages: filters, sorting, pagination, query counts that do not grow with the rows, and safe CSV."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse

from placements import versions
from placements.lists.csv import neutralise
from placements.models import Dwelling
from regions.models import Organisation
from tests.factories import DwellingFactory, NeighbourhoodFactory, OrganisationFactory, OutflowCaseFactory
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


def test_dwelling_filters(client, users, party, neighbourhood):
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street="Kerkstraat", rooms=1)
    DwellingFactory(
        corporation=party.corporation, neighbourhood=neighbourhood, street="Dijk", rooms=4, postcode="1521 XY"
    )
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")

    def streets(**params):
        return [d.street for d in client.get(url, params).context["object_list"]]

    assert streets(rooms=3) == ["Dijk"]
    assert streets(q="kerk") == ["Kerkstraat"]
    assert streets(q="1521xy") == ["Dijk"]
    assert streets(order="-rooms") == ["Dijk", "Kerkstraat"]
    assert streets(status="withdrawn") == []
    # A range is named by its parts; each filter applies alone and together with others.
    soon = (date.today() + timedelta(days=14)).isoformat()
    assert sorted(streets(available_from_after="2000-01-01")) == ["Dijk", "Kerkstraat"]
    assert streets(available_from_before="2000-01-01") == []
    assert streets(available_from_before=soon, rooms=3, order="-rooms") == ["Dijk"]


def test_a_filter_value_that_does_not_validate_is_refused_in_dutch(client, users, dwelling):
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    for params in ({"rooms": "veel"}, {"rooms": "veel", "q": "straat"}, {"status": "verhuurd-ofzo"}, {"order": "x"}):
        response = client.get(url, params)
        assert response.status_code == 200
        assert list(response.context["object_list"]) == [], params
    html = client.get(url, {"rooms": "veel"}).content.decode()
    assert "Voer een getal in." in html
    html = client.get(url, {"status": "verhuurd-ofzo"}).content.decode()
    assert "Selecteer een geldige keuze" in html


def test_case_filters_waiting_longer_than(client, users, party):
    OutflowCaseFactory(
        care_provider=party.care_provider,
        region=party.region,
        reference="OLD-1",
        ready_on=date.today() - timedelta(days=200),
    )
    OutflowCaseFactory(
        care_provider=party.care_provider,
        region=party.region,
        reference="NEW-1",
        ready_on=date.today() - timedelta(days=5),
    )
    client.force_login(users["care_worker_c"])
    response = client.get(reverse("placements:case_list"), {"waiting_days": 90})
    assert [c.reference for c in response.context["object_list"]] == ["OLD-1"]


def test_lists_page_by_25_with_a_count(client, users, party, neighbourhood):
    for _ in range(30):
        DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["corporation_a"])
    response = client.get(reverse("placements:dwelling_list"))
    assert len(response.context["object_list"]) == 25
    assert "30 resultaten" in response.content.decode()
    assert len(client.get(reverse("placements:dwelling_list"), {"page": 2}).context["object_list"]) == 5


@pytest.mark.parametrize("value", ["=1+1", "+31", "-2", "@SUM(A1)", "\t=x"])
def test_formula_cells_are_neutralised(value):
    assert neutralise(value).startswith("'")


def test_export_neutralises_a_malicious_street(client, users, party, neighbourhood):
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street='=HYPERLINK("http://x")')
    client.force_login(users["corporation_a"])
    body = b"".join(client.get(reverse("placements:dwelling_list"), {"export": "csv"}).streaming_content)
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "'=HYPERLINK" in text
    assert ';"=HYPERLINK' not in text and ";=HYPERLINK" not in text


def test_the_homes_list_reads_in_english_too(client, users, dwelling):
    client.force_login(users["coordinator"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("placements:dwelling_list")).content.decode()
    assert "Reserved homes" in html and "Record home" in html and "Reserved</span>" in html


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


def test_choice_labels_follow_the_language(dwelling):
    from django.utils import translation

    assert dwelling.get_status_display() == "Gereserveerd"
    with translation.override("en"):
        assert dwelling.get_status_display() == "Reserved"
    dwelling.status = "unknown-value"
    assert dwelling.get_status_display() == "unknown-value"


def result_count(client, url, **params) -> int:
    html = client.get(url, params).content.decode()
    return int(re.search(r"(\d+) resulta", html).group(1))


def test_the_count_follows_a_new_home_as_soon_as_it_is_committed(
    client, users, party, neighbourhood, django_capture_on_commit_callbacks
):
    """The count of results is cached; a saved home moves it once its transaction commits."""
    DwellingFactory.create_batch(3, corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    assert result_count(client, url) == 3
    assert result_count(client, url, page=1, order="rooms") == 3
    with django_capture_on_commit_callbacks(execute=True):
        DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    assert result_count(client, url) == 4


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


def test_a_list_viewed_again_takes_its_count_and_filter_form_from_the_process(client, users, dwelling, monkeypatch):
    """Entries stored under a version never change, so each process keeps them (placements.versions.cached):
    viewed again, the page asks the shared cache (Redis) for the versions, not for the count or the form."""
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    first = client.get(url).content.decode()
    shared, asked = caches["default"], []
    get = shared.get
    monkeypatch.setattr(shared, "get", lambda key, *args, **kwargs: asked.append(key) or get(key, *args, **kwargs))
    again = client.get(url).content.decode()
    assert "1 resultaat" in again and again.count('name="rooms"') == first.count('name="rooms"') == 1
    assert not [key for key in asked if key.startswith(("count:", "filter-form:"))]
    caches["local"].clear()
    client.get(url)
    assert [key for key in asked if key.startswith("count:")] and [
        key for key in asked if key.startswith("filter-form:")
    ]


def test_a_count_is_made_anew_when_the_shared_cache_lost_its_versions(client, users, party, neighbourhood):
    """A restarted Redis has no version counters; they start again at a number that no process holds entries
    under, so a process's own copy of a count made before is not taken for the new one."""
    DwellingFactory.create_batch(2, corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    assert result_count(client, url) == 2
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)  # not committed: no new version
    assert result_count(client, url) == 2
    caches["default"].delete_many([versions.RECORDS, versions.CHOICES])
    assert result_count(client, url) == 3


def test_a_lost_version_counter_starts_again_above_the_numbers_it_had():
    """Whether the first call after Redis lost a counter reads it or moves it (a save), the number is new."""
    for first_call in (versions.read, versions.bump):
        before = versions.read(versions.RECORDS)[versions.RECORDS]
        caches["default"].delete(versions.RECORDS)
        first_call(versions.RECORDS)
        assert versions.read(versions.RECORDS)[versions.RECORDS] > before


def test_counts_are_not_shared_between_organisations(client, users, dwelling, other_dwelling, party, neighbourhood):
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    url = reverse("placements:dwelling_list")
    client.force_login(users["corporation_a"])
    assert result_count(client, url) == 2
    client.force_login(users["corporation_b"])
    assert result_count(client, url) == 1
    client.force_login(users["coordinator"])
    assert result_count(client, url) == 3
    assert result_count(client, url, status="withdrawn") == 0


def shown_keys(client, url, **query) -> list[int]:
    response = client.get(url, query)
    assert response.status_code == 200
    return [row["pk"] for row in response.context["rows"].values]


@pytest.mark.parametrize("order", ["", "-rent", "neighbourhood"])
def test_every_home_is_on_exactly_one_page_in_the_lists_order(client, users, party, neighbourhood, order):
    """Pages after the first take their rows by key (placements/rows.py): same rows, same order, and still
    only the corporation's own homes."""
    other = NeighbourhoodFactory(municipality=party.region.centre_municipality, cbs_code="WK047902", name="Noord")
    own = [
        DwellingFactory(
            corporation=party.corporation,
            neighbourhood=(neighbourhood, other)[n % 2],
            rent_cents=50_000 + n,
            available_from=date(2026, 1, 1) + timedelta(days=n % 7),
        )
        for n in range(60)
    ]
    for _ in range(10):
        DwellingFactory(corporation=party.other_corporation, neighbourhood=neighbourhood)
    client.force_login(users["corporation_a"])
    url = reverse("placements:dwelling_list")
    query = {"order": order} if order else {}
    pages = [shown_keys(client, url, page=page, **query) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [25, 25, 10]
    shown = [key for page in pages for key in page]
    assert sorted(shown) == sorted(d.pk for d in own)
    if order == "-rent":  # a unique order: the exact sequence
        assert shown == [d.pk for d in sorted(own, key=lambda d: -d.rent_cents)]
    else:  # ties may fall either way, but never across the sort key
        sort_key = {"": "available_from", "neighbourhood": "neighbourhood__name"}[order]
        values = dict(Dwelling.objects.filter(pk__in=shown).values_list("pk", sort_key))
        assert [values[key] for key in shown] == sorted(values[key] for key in shown)


def test_later_pages_of_clients_keep_the_order_and_the_scope(client, users, party):
    own = [
        OutflowCaseFactory(
            care_provider=party.care_provider, region=party.region, ready_on=date(2025, 1, 1) + timedelta(days=n)
        )
        for n in range(30)
    ]
    OutflowCaseFactory(care_provider=party.other_care_provider, region=party.region)
    client.force_login(users["care_worker_c"])
    url = reverse("placements:case_list")
    shown = shown_keys(client, url, order="-ready_on") + shown_keys(client, url, order="-ready_on", page=2)
    assert shown == [case.pk for case in reversed(own)]


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


def test_filter_choices_belong_to_the_user_they_were_built_for(users, party):
    """Each list request copies the filters (placements.filters.ListFilterSet); a choice list filled for one user
    must not show up in another's, nor in the class's own filters."""
    from django.test import RequestFactory

    from placements.records.filters import DwellingFilter

    def corporations_offered(user):
        request = RequestFactory().get("/woningen/")
        request.user = user
        filterset = DwellingFilter({"corporation": ""}, queryset=Dwelling.objects.all(), request=request)
        return filterset, filterset.form.fields["corporation"]

    ours, our_field = corporations_offered(users["coordinator"])
    theirs, their_field = corporations_offered(users["foreign_coordinator"])
    assert set(our_field.queryset) == {party.corporation, party.other_corporation}
    assert set(their_field.queryset) == set()
    assert set(ours.form.fields["corporation"].queryset) == {party.corporation, party.other_corporation}
    assert "queryset" not in DwellingFilter.base_filters["corporation"].extra or callable(
        DwellingFilter.base_filters["corporation"].extra["queryset"]
    )
    assert ours.filters["q"].filter.f is ours.filters["q"] and theirs.filters["q"].filter.f is theirs.filters["q"]
