"""The accessibility statement: public, linked from every page's footer, in the model statement's structure."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_statement_is_public_and_linked_from_the_footer(client):
    login = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("accessibility")}"' in login
    html = client.get(reverse("accessibility")).content.decode()
    assert "voldoet gedeeltelijk" in html
    for section in ('id="status"', 'id="onderzoek"', 'id="bekende-problemen"', 'id="contact"'):
        assert section in html
