"""The example files of docs/examples/ import into the demo region as docs/imports.md says: every row new, then
unchanged when uploaded again."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from placements.models import ImportBatch

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.mark.parametrize(
    ("file", "user", "kind"),
    [("woningen-import.csv", "corporatie", "dwellings"), ("clienten-import.csv", "begeleider", "cases")],
)
def test_an_example_file_imports_into_the_demo_and_again_changes_nothing(settings, imported, checked, file, user, kind):
    settings.DEMO_MODE = True
    call_command("seed_demo")
    person = get_user_model().objects.get(username=user)
    data = (EXAMPLES / file).read_bytes()
    batch = imported(person, data, kind=kind, name=file)
    assert batch.status == ImportBatch.Status.DONE, (batch.error, batch.file_errors, batch.outcomes)
    assert batch.counts == {"new": 3, "update": 0, "unchanged": 0, "error": 0}
    again = checked(person, data, kind=kind, name=file)
    assert again.counts == {"new": 0, "update": 0, "unchanged": 3, "error": 0}, again.outcomes
