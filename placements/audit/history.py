"""The change history of homes, clients and placements: who changed what (`attributed`, for services) and the
history as the detail pages show it (`history_of`). The history itself is written by database triggers
(django-pghistory, declared on the models)."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pghistory
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from pghistory.models import MiddlewareEvents

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def attributed(by: "User | None") -> pghistory.context:
    """History context for a service's writes: the acting user is recorded with every change the triggers copy.
    Outside a web request (tasks, commands) it is the only context; inside one it adds to the request's."""
    return pghistory.context(user=by.pk if by else None)


# Bookkeeping fields that change on every save and say nothing to a reader.
HIDDEN_FIELDS = {"updated_at", "created_at", "id", "dispersion_snapshot", "version"}


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


def _name(obj: object) -> str:
    if isinstance(obj, get_user_model()):
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def _display(field: models.Field, value: Any, related: dict) -> str:  # a value as the history stored it
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(field, models.ForeignKey):
        obj = related.get((field.related_model, value))
        return _name(obj) if obj is not None else f"#{value}"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(datetime.fromisoformat(value)), "j b Y H:i")
    if isinstance(field, models.DateField):
        return formats.date_format(date.fromisoformat(value), "j b Y")
    base = getattr(field, "base_field", None)
    if base is not None and base.choices:
        labels = dict(base.flatchoices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def history_of(obj: models.Model, *, hidden: Collection[str] = ()) -> list[HistoryLine]:
    """Every recorded change to `obj`, oldest first: who, when, and each field's old → new value; never the
    fields in `hidden` (those the reader may not read, `regions.need_to_know.hidden_fields`).

    A fixed number of queries whatever the length: the events, then one per kind of object they name (the
    users who acted, and the targets of changed foreign keys)."""
    events = list(MiddlewareEvents.objects.tracks(obj).order_by("pgh_created_at", "pgh_id"))
    fields = {f.attname: f for f in obj._meta.concrete_fields}
    wanted: dict[type[models.Model], set[object]] = defaultdict(set)
    User = get_user_model()
    for event in events:
        if event.pgh_context and event.pgh_context.get("user"):
            wanted[User].add(event.pgh_context["user"])
        for name, pair in (event.pgh_diff or {}).items():
            field = fields.get(name)
            # A related model is only named "self" before the models are loaded.
            if isinstance(field, models.ForeignKey) and name not in HIDDEN_FIELDS and field.related_model != "self":
                wanted[field.related_model].update(v for v in pair if v is not None)
    related = {
        (model, pk): instance
        for model, ids in wanted.items()
        for pk, instance in model._default_manager.in_bulk(list(ids)).items()
    }
    lines = []
    for event in events:
        user = related.get((User, (event.pgh_context or {}).get("user")))
        changes = [
            Change(
                str(fields[name].verbose_name),
                _display(fields[name], old, related),
                _display(fields[name], new, related),
            )
            for name, (old, new) in (event.pgh_diff or {}).items()
            if name in fields
            and name not in HIDDEN_FIELDS
            and name not in hidden
            and name not in getattr(obj, "HISTORY_HIDDEN", ())
        ]
        if event.pgh_label == "changed" and not changes:
            continue
        lines.append(
            HistoryLine(
                at=event.pgh_created_at,
                user=_name(user) if user else gettext("systeem"),
                label=event.pgh_label,
                changes=changes,
            )
        )
    return lines
