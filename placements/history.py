"""Reading the change history of homes and clients for the detail pages."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import models
from pghistory.models import MiddlewareEvents

# Bookkeeping fields that change on every save and say nothing to a reader.
HIDDEN_FIELDS = {"updated_at", "created_at", "id"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryLine:
    at: datetime
    user: str
    label: str
    changes: list[Change]


def _display(field: models.Field, value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    choices = dict(field.flatchoices) if field.choices else None
    if choices is None and getattr(field, "base_field", None) is not None and field.base_field.choices:
        labels = dict(field.base_field.flatchoices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if choices:
        return str(choices.get(value, value))
    if isinstance(field, models.ForeignKey):
        return f"#{value}"
    return str(value)


def history_of(obj: models.Model) -> list[HistoryLine]:
    """Every recorded change to `obj`, oldest first: who, when, and each field's old → new value.

    Two queries whatever the length: the events (with their diffs) and the users named in them."""
    events = list(MiddlewareEvents.objects.tracks(obj).order_by("pgh_created_at", "pgh_id"))
    user_ids = {e.pgh_context.get("user") for e in events if e.pgh_context and e.pgh_context.get("user")}
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids)}
    fields = {f.attname: f for f in obj._meta.concrete_fields}
    lines = []
    for event in events:
        user = users.get((event.pgh_context or {}).get("user"))
        changes = [
            Change(str(fields[name].verbose_name), _display(fields[name], old), _display(fields[name], new))
            for name, (old, new) in (event.pgh_diff or {}).items()
            if name in fields and name not in HIDDEN_FIELDS
        ]
        if event.pgh_label == "changed" and not changes:
            continue
        lines.append(
            HistoryLine(
                at=event.pgh_created_at,
                user=(user.get_full_name() or user.get_username()) if user else "systeem",
                label=event.pgh_label,
                changes=changes,
            )
        )
    return lines
