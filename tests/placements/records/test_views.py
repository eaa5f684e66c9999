"""The pages of homes and clients, in the reader's language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_homes_list_reads_in_english_too(client, users, dwelling):
    client.force_login(users["coordinator"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("placements:dwelling_list")).content.decode()
    assert "Reserved homes" in html and "Record home" in html and "Reserved</span>" in html
