"""The CSV downloads of the homes and clients lists."""

import pytest
from django.urls import reverse

from tests.factories import DwellingFactory

pytestmark = pytest.mark.django_db


def test_export_neutralises_a_malicious_street(client, users, party, neighbourhood):
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street='=HYPERLINK("http://x")')
    client.force_login(users["corporation_a"])
    body = b"".join(client.get(reverse("placements:dwelling_list"), {"export": "csv"}).streaming_content)
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "'=HYPERLINK" in text
    assert ';"=HYPERLINK' not in text and ";=HYPERLINK" not in text
