"""A query string with a control character is refused with a Dutch page (weerthuis.middleware)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["%00", "a%00b", "%1b[31m", "%7f", "%08"])
def test_an_admin_filter_with_a_control_character_is_refused_in_dutch(admin_client, value):
    response = admin_client.get(f"{reverse('admin:placements_dwelling_changelist')}?status__exact={value}")
    assert response.status_code == 400
    assert "Ongeldige aanvraag" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_control_character_in_a_parameter_name_is_refused(admin_client):
    assert admin_client.get(f"{reverse('admin:index')}?st%00atus=1").status_code == 400


def test_tab_and_line_breaks_pasted_into_a_search_are_let_through(admin_client):
    response = admin_client.get(reverse("admin:placements_dwelling_changelist"), {"q": "Eigenstraat\t1\r\n"})
    assert response.status_code == 200


def test_an_anonymous_visitor_gets_the_same_page(client):
    response = client.get(f"{reverse('login')}?next=%00")
    assert response.status_code == 400
    assert "Ongeldige aanvraag" in response.content.decode()
