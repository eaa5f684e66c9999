"""What every list filter does (placements/lists/filters.py): refuse a value that does not validate, in Dutch, and
keep the choices filled for one user to that user."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from placements.models import Dwelling
from placements.records.filters import DwellingFilter

pytestmark = pytest.mark.django_db


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


def test_filter_choices_belong_to_the_user_they_were_built_for(users, party):
    """Each list request copies the filters (placements.lists.filters.ListFilterSet); a choice list filled for one user
    must not show up in another's, nor in the class's own filters."""

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
