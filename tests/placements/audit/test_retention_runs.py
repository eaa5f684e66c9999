"""Running the retention: the nightly task twice is the same as once, `manage.py apply_retention --dry-run` shows
what would go and changes nothing, without it does what the task does, and an access-log period under five years
stops the application from starting."""

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from placements.audit.tasks import apply_retention
from placements.models import AccessLogEntry, OutflowCase, Placement, RetentionRun

pytestmark = pytest.mark.django_db
TODAY = "2024-03-01"


def everything() -> list:
    """Every row the retention may change or delete."""
    models = [
        OutflowCase,
        Placement,
        AccessLogEntry,
        *(apps.get_model("placements", m) for m in ("OutflowCaseEvent", "PlacementEvent")),
    ]
    return [list(model._default_manager.order_by("pk").values()) for model in models]


@pytest.fixture
def due(closed_client, logged):
    """A client and two access-log lines past their periods, and a client and a line inside them."""
    closed_client(date(2021, 11, 30))
    closed_client(date(2023, 1, 1))
    logged(datetime(2018, 5, 1, tzinfo=UTC))
    logged(datetime(2018, 12, 24, tzinfo=UTC))
    logged(datetime(2023, 1, 1, tzinfo=UTC))


def test_the_task_twice_is_the_same_as_once(due):
    first = apply_retention(TODAY)
    after_once = everything()

    second = apply_retention(TODAY)

    assert everything() == after_once
    assert (first["cases_reduced"], first["access_log_deleted"], first["complete"]) == (1, 2, True)
    assert (second["cases_reduced"], second["history_deleted"], second["access_log_deleted"]) == (0, 0, 0)
    assert RetentionRun.objects.count() == 2


def test_the_dry_run_shows_what_would_go_and_changes_nothing(due):
    before = everything()
    out = StringIO()

    call_command("apply_retention", "--dry-run", "--today", TODAY, stdout=out)

    assert everything() == before and not RetentionRun.objects.exists()
    text = out.getvalue()
    assert "1 te anonimiseren (oudste afgesloten op 30 november 2021), met 1 plaatsingen" in text
    assert "2 te verwijderen (oudste van 1 mei 2018)" in text


def test_the_command_without_dry_run_does_what_the_task_does(due):
    out = StringIO()

    call_command("apply_retention", "--today", TODAY, stdout=out)

    assert "1 cliënten geanonimiseerd" in out.getvalue() and "2 inzagelogregels verwijderd" in out.getvalue()
    assert OutflowCase.objects.filter(anonymised_at__isnull=False).count() == 1
    assert AccessLogEntry.objects.count() == 1
    assert apply_retention(TODAY)["cases_reduced"] == 0


def test_the_nightly_task_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["placements-apply-retention"]
    assert entry["task"] == apply_retention.name == "placements.tasks.apply_retention"


@pytest.mark.parametrize(("variable", "value"), [("ACCESS_LOG_RETENTION_YEARS", "4"), ("CLIENT_RETENTION_YEARS", "0")])
def test_a_period_below_the_minimum_stops_the_application_from_starting(variable, value):
    environment = {**os.environ, "DEBUG": "true", variable: value}
    started = subprocess.run(
        [sys.executable, "-c", "import weerthuis.settings"],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr and variable in started.stderr
