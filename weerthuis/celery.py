"""The Celery app. Broker, eager mode, time limits and the beat schedule are in settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerthuis.settings")

app = Celery("weerthuis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The rooms of placements keep their own tasks (placements/<room>/tasks.py); the installed apps' are found above.
app.autodiscover_tasks(
    [
        "placements.audit",
        "placements.figures",
        "placements.imports",
        "placements.matching",
        "placements.notifications",
        "placements.submitting",
    ]
)
