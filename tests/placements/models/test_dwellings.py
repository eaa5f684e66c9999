"""The home model: what a coordinator reads of a row."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_choice_labels_follow_the_language(dwelling):
    assert dwelling.get_status_display() == "Gereserveerd"
    with translation.override("en"):
        assert dwelling.get_status_display() == "Reserved"
    dwelling.status = "unknown-value"
    assert dwelling.get_status_display() == "unknown-value"
