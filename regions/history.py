"""The change history of agreements (with their split over municipalities) and dispersion rules, as the
coordinators' pages show it: who, when, and each field's old → new value.

The rows are written by database triggers (django-pghistory, declared on the models) with the acting user from the
request's context. Read here from the event tables directly, in a fixed number of queries whatever the length: the
events, then one per kind of object they name (users, and the targets of foreign keys)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats
from django.utils.translation import gettext

from regions.models import Agreement

# Bookkeeping, or set once when the record is made and never changed on the pages.
HIDDEN_FIELDS = {"id", "version", "region", "agreement"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryLine:
    at: datetime
    user: str
    label: str  # "created" (the template says "Aangemaakt") or "changed" (the template lists the changes)
    changes: list[Change] = field(default_factory=list)
    order: int = 0


def _display(model_field: models.Field, value: Any, related: dict) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(model_field, models.ForeignKey):
        obj = related.get((model_field.related_model, value))
        return _name(obj) if obj is not None else f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=True)
    return str(value)


def _name(obj: object) -> str:
    if isinstance(obj, get_user_model()):
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]


def _events(model: type[models.Model], **filters: Any) -> list[Any]:
    event_model = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    return list(event_model.objects.filter(**filters).select_related("pgh_context").order_by("pgh_id"))


def _related(events: list[Any], fields: list[models.Field]) -> dict:
    wanted: dict[type[models.Model], set[object]] = defaultdict(set)
    User = get_user_model()
    for event in events:
        user = (event.pgh_context.metadata if event.pgh_context else {}).get("user")
        if user:
            wanted[User].add(user)
        for f in fields:
            if isinstance(f, models.ForeignKey) and getattr(event, f.attname, None) is not None:
                wanted[cast(type[models.Model], f.related_model)].add(getattr(event, f.attname))
    return {
        (model, pk): obj for model, ids in wanted.items() for pk, obj in model._default_manager.in_bulk(ids).items()
    }


def _who(event: Any, related: dict) -> str:
    user = related.get((get_user_model(), (event.pgh_context.metadata if event.pgh_context else {}).get("user")))
    return _name(user) if user else gettext("systeem")


def _record_lines(events: list[Any], fields: list[models.Field], related: dict) -> list[HistoryLine]:
    """One line per event of a record: 'created', then each update with the fields that differ from before."""
    lines, before = [], None
    for event in events:
        if before is None or event.pgh_label == "created":
            lines.append(HistoryLine(event.pgh_created_at, _who(event, related), "created", order=event.pgh_id))
        else:
            changes = [
                Change(
                    str(f.verbose_name),
                    _display(f, getattr(before, f.attname), related),
                    _display(f, getattr(event, f.attname), related),
                )
                for f in fields
                if getattr(before, f.attname) != getattr(event, f.attname)
            ]
            if changes:
                lines.append(
                    HistoryLine(event.pgh_created_at, _who(event, related), "changed", changes, order=event.pgh_id)
                )
        before = event
    return lines


def _split_lines(events: list[Any], related: dict) -> list[HistoryLine]:
    """One line per change of the split: a municipality added, its number changed, or removed."""
    lines: list[HistoryLine] = []
    before: dict[int, Any] = {}
    quota = apps.get_model("regions", "MunicipalityQuota")._meta.get_field("quota")
    municipality = apps.get_model("regions", "MunicipalityQuota")._meta.get_field("municipality")
    for event in events:
        name = gettext("verdeling %(municipality)s") % {
            "municipality": _display(municipality, event.municipality_id, related)
        }
        previous = before.get(event.pgh_obj_id)
        old = _display(quota, previous.quota, related) if previous and event.pgh_label != "created" else "–"
        new = "–" if event.pgh_label == "deleted" else _display(quota, event.quota, related)
        if old != new or (previous and previous.municipality_id != event.municipality_id):
            change = Change(name, old, new)
            lines.append(HistoryLine(event.pgh_created_at, _who(event, related), "changed", [change], event.pgh_id))
        before[event.pgh_obj_id] = event
    return lines


def history_of(obj: models.Model) -> list[HistoryLine]:
    """Every recorded change to an agreement (its split over municipalities included) or a dispersion rule,
    oldest first."""
    fields = _fields(type(obj))
    events = _events(type(obj), pgh_obj_id=obj.pk)
    quota_model = apps.get_model("regions", "MunicipalityQuota")
    split = _events(quota_model, agreement_id=obj.pk) if isinstance(obj, Agreement) else []
    split_fields = [quota_model._meta.get_field("municipality")]
    related = _related(events + split, fields + split_fields)
    lines = _record_lines(events, fields, related) + _split_lines(split, related)
    # Made in one transaction, a record and its split share a moment: the record's creation goes first.
    return sorted(lines, key=lambda line: (line.at, line.label != "created", line.order))
