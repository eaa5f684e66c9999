"""The import of reserved homes: columns, the checks of each row (the home form itself, `DwellingForm`, with the
file's corporations and neighbourhoods read once), and the writes.

Natural key: the corporation and the address (postcode, house number, addition). A row whose address is held by
a live reservation of the same corporation updates it (or leaves it unchanged); one held by another corporation
is refused as the form refuses it; any other address becomes a new reservation."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from placements.figures import live
from placements.imports.checking import (
    ERROR,
    NEW,
    UNCHANGED,
    UPDATE,
    Cells,
    ImportFormMixin,
    PreloadedChoiceField,
    RowResult,
    changed_row,
    field_values,
    restore,
    with_choices,
)
from placements.imports.checking import form_errors as copy_form_errors
from placements.imports.columns import Column, amount, boolean, choice
from placements.models import Dwelling
from placements.records.forms import DwellingForm, normalise_postcode
from regions.access import access_for
from regions.models import Membership, Neighbourhood, Organisation

if TYPE_CHECKING:
    from regions.access import AnyUser

Role = Membership.Role
ROLES = (Role.COORDINATOR, Role.CORPORATION_STAFF)

COLUMNS = (
    Column(
        gettext_lazy("Corporatie"), "corporation",
        gettext_lazy("Naam van de woningcorporatie, zoals in Weer Thuis. Mag leeg blijven als u voor één corporatie werkt."),
        "Zaanland Wonen",
    ),
    Column(gettext_lazy("Wijk of buurt"), "neighbourhood", gettext_lazy("Naam of CBS-code van de wijk of buurt, bijv. WK047901."),
           "WK047901", required=True, aliases=("wijk", "buurt", "cbs-code")),
    Column(gettext_lazy("Straat"), "street", gettext_lazy("Straatnaam."), "Kerkbuurt", required=True),
    Column(gettext_lazy("Huisnummer"), "house_number", gettext_lazy("Huisnummer, alleen cijfers."), "4", required=True),
    Column(gettext_lazy("Toevoeging"), "house_number_addition",
           gettext_lazy("Letters, cijfers en '-', zoals A, 2 of 3-hoog. Leeg als er geen is."), "A"),
    Column(gettext_lazy("Postcode"), "postcode", gettext_lazy("Postcode, zoals 1234 AB."), "1551 AB", required=True),
    Column(gettext_lazy("Plaats"), "place", gettext_lazy("Woonplaats."), "Westzaan", required=True),
    Column(gettext_lazy("Complexcode"), "building_code", gettext_lazy("Code van het complex bij de corporatie (mag leeg)."),
           "CMP-12"),
    Column(
        gettext_lazy("Soort woning"), "kind",
        gettext_lazy("Zelfstandige woning, Kamer, Tussenvoorziening, Housing First of Skaeve huse."), "Zelfstandige woning",
        required=True,
    ),
    Column(gettext_lazy("Kamers"), "rooms", gettext_lazy("Aantal kamers, 1 tot en met 12."), "2", required=True),
    Column(gettext_lazy("Kale huur per maand"), "rent",
           gettext_lazy("Kale huur in euro's per maand, bijv. 725,50 (tussen 150 en 1.300)."), "725,50", required=True,
           aliases=("huur",)),
    Column(gettext_lazy("Gelijkvloers"), "ground_floor", gettext_lazy("ja of nee."), "nee"),
    Column(gettext_lazy("Toegankelijk"), "accessible", gettext_lazy("Geschikt voor rolstoel of rollator: ja of nee."), "nee"),
    Column(gettext_lazy("Gereserveerd op"), "reserved_on", gettext_lazy("Datum als dd-mm-jjjj, bijv. 15-01-2026."), "15-01-2026",
           required=True),
    Column(gettext_lazy("Beschikbaar vanaf"), "available_from",
           gettext_lazy("Datum als dd-mm-jjjj; niet vóór de reserveringsdatum."), "01-03-2026", required=True),
)  # fmt: skip


@dataclass
class Lookups:
    """What the checks of every row need, read once per file for the user."""

    corporations: dict[int, Organisation]
    corporations_by_name: dict[str, Organisation]
    neighbourhoods: dict[int, Neighbourhood]
    neighbourhoods_by_code: dict[str, Neighbourhood]
    neighbourhoods_by_name: dict[str, list[Neighbourhood]]
    works_in: set[tuple[int, int]]  # (corporation, region)
    held: dict[tuple[str, int, str], Dwelling] = field(default_factory=dict)  # live reservations by address
    editable: set[int] = field(default_factory=set)  # those of `held` the user may edit

    @classmethod
    def for_user(cls, user: "AnyUser", organisation_id: int | None = None) -> "Lookups":
        """The corporations and neighbourhoods `DwellingForm.limit_choices` offers this user, read once; with
        `organisation_id` (the batch's corporation, for corporation staff) only that corporation's homes: a batch
        is seen by its organisation's people, so it holds no other corporation's rows."""
        access = access_for(user)
        coordinator_regions = access.region_ids(Role.COORDINATOR)
        own = access.organisation_ids(Role.CORPORATION_STAFF)
        if organisation_id is not None and organisation_id in own:
            own, coordinator_regions = {organisation_id}, set()
        corporations = {
            c.pk: c
            for c in Organisation.objects.filter(kind=Organisation.Kind.CORPORATION).filter(
                Q(pk__in=own) | Q(regions__in=coordinator_regions)
            )
        }
        works_in = set(
            Organisation.regions.through.objects.filter(organisation_id__in=corporations).values_list(
                "organisation_id", "region_id"
            )
        )
        regions = coordinator_regions | {region for corporation, region in works_in if corporation in own}
        neighbourhoods = {
            n.pk: n
            for n in Neighbourhood.objects.filter(municipality__region__in=regions).select_related("municipality")
        }
        by_name: dict[str, list[Neighbourhood]] = {}
        for n in neighbourhoods.values():
            by_name.setdefault(n.name.lower(), []).append(n)
        return cls(
            corporations=corporations,
            corporations_by_name={c.name.lower(): c for c in corporations.values()},
            neighbourhoods=neighbourhoods,
            neighbourhoods_by_code={n.cbs_code.lower(): n for n in neighbourhoods.values()},
            neighbourhoods_by_name=by_name,
            works_in=works_in,
        )

    def load_held(self, postcodes: set[str], user: "AnyUser") -> None:
        """The live reservations at the file's postcodes, by address, and which of them `user` may edit (two
        queries for the whole file)."""
        held = Dwelling.objects.holding_address().filter(postcode__in=postcodes)
        self.held = {(d.postcode, d.house_number, d.house_number_addition): d for d in held}
        self.editable = set(
            Dwelling.objects.editable_by(user)
            .filter(pk__in=[d.pk for d in self.held.values()])
            .values_list("pk", flat=True)
        )


class DwellingImportForm(ImportFormMixin, DwellingForm):
    """The home form, with the corporations and neighbourhoods of `Lookups` instead of a query per row."""

    preloaded = ("corporation", "neighbourhood")

    def __init__(self, *args: Any, lookups: Lookups, **kwargs: Any) -> None:
        self.lookups = lookups
        super().__init__(*args, **kwargs)

    def limit_choices(self) -> None:
        """The choice fields are declared by `form_for` (PreloadedChoiceField over the file's `Lookups`)."""

    def works_in(self, corporation: Organisation, region_id: int) -> bool:
        return (corporation.pk, region_id) in self.lookups.works_in


def form_for(lookups: Lookups) -> type[DwellingImportForm]:
    """The import form of one file: corporation and neighbourhood read from `lookups`."""
    labels = {name: DwellingForm.base_fields[name].label for name in ("corporation", "neighbourhood")}
    return with_choices(
        DwellingImportForm,
        share=True,
        corporation=PreloadedChoiceField(lookups.corporations, Organisation, label=labels["corporation"]),
        neighbourhood=PreloadedChoiceField(lookups.neighbourhoods, Neighbourhood, label=labels["neighbourhood"]),
    )


def postcode_of(text: str) -> str | None:
    try:
        return normalise_postcode(text)
    except forms.ValidationError:
        return None


class DwellingImport:
    kind = "dwellings"
    roles = ROLES
    columns = COLUMNS

    def __init__(self, user: "AnyUser", organisation_id: int | None = None) -> None:
        self.user = user
        self.lookups = Lookups.for_user(user, organisation_id)
        self.form_class = form_for(self.lookups)
        self.by_field = {c.field: c for c in COLUMNS}
        self.seen: dict[tuple[str, int, str], int] = {}  # addresses in this file: the row that had it first

    def required(self) -> set[str]:
        # Someone who may use several corporations names one on each row.
        return {"corporation"} if len(self.lookups.corporations) != 1 else set()

    def prepare(self, rows: list[list[str]], positions: dict[str, int]) -> None:
        index = positions.get("postcode")
        postcodes = {postcode_of(row[index]) for row in rows if index is not None and index < len(row)}
        self.lookups.load_held({p for p in postcodes if p}, self.user)

    def corporation_of(self, cells: Cells) -> Organisation | None:
        name = cells.raw("corporation").strip()
        if not name and len(self.lookups.corporations) == 1:
            return next(iter(self.lookups.corporations.values()))
        corporation = self.lookups.corporations_by_name.get(name.lower())
        if corporation is None and name:
            cells.result.error(
                str(self.by_field["corporation"].header),
                _("'%(name)s' is geen corporatie waarvoor u woningen mag vastleggen.") % {"name": name},
            )
        return corporation

    def neighbourhood_of(self, cells: Cells) -> Neighbourhood | None:
        """As `NeighbourhoodByNameField`: the CBS code, else the name; a name several share asks for the code."""
        text = cells.raw("neighbourhood").strip().lower()
        if not text:
            return None  # the form says it is required
        found = self.lookups.neighbourhoods_by_code.get(text)
        matches = [found] if found else self.lookups.neighbourhoods_by_name.get(text, [])
        header = str(self.by_field["neighbourhood"].header)
        if not matches:
            cells.result.error(
                header, _("Onbekende wijk of buurt in uw regio's: gebruik de naam of de CBS-code (bijv. WK047901).")
            )
            return None
        if len(matches) > 1:
            cells.result.error(header, _("Meer wijken of buurten heten zo; gebruik de CBS-code."))
            return None
        return matches[0]

    def data(self, cells: Cells) -> dict[str, Any]:
        data: dict[str, Any] = {name: cells.raw(name) for name in cells.positions}
        data["kind"] = cells.convert("kind", choice, Dwelling.Kind.choices)
        data["rent"] = amount(cells.raw("rent"))
        for name in ("ground_floor", "accessible"):
            if cells.has(name):
                data[name] = cells.convert(name, boolean)
        return data

    def check(self, result: RowResult, cells: Cells) -> None:
        """Check one row as the home form would, and find the home it updates. Writes nothing."""
        # Every cell is checked, also after an error in another: the preview lists them all at once.
        cells.formulas()
        corporation, neighbourhood = self.corporation_of(cells), self.neighbourhood_of(cells)
        data = self.data(cells)
        data["corporation"] = corporation.pk if corporation else ""
        data["neighbourhood"] = neighbourhood.pk if neighbourhood else ""
        postcode = postcode_of(cells.raw("postcode"))
        address = (postcode or "", _int(cells.raw("house_number")), cells.raw("house_number_addition").upper())
        result.key = f"{address[0]} {cells.raw('house_number')}{'-' + address[2] if address[2] else ''}".strip()
        existing = self.lookups.held.get(address) if postcode else None
        if existing is not None and (
            existing.pk not in self.lookups.editable
            or (corporation is not None and existing.corporation_id != corporation.pk)
        ):
            result.error(
                str(self.by_field["postcode"].header), _("Dit adres staat al als gereserveerde woning geregistreerd.")
            )
            return
        if postcode and address in self.seen:
            result.error(
                str(self.by_field["postcode"].header),
                _("dit adres staat ook op rij %(row)s van dit bestand.") % {"row": self.seen[address]},
            )
            return
        if postcode:
            self.seen[address] = result.row
        # As the form's clean_postcode and clean_house_number_addition write them, so that a row as it was imported
        # compares equal to the home (a form tells a change from the raw input, before those methods).
        data["postcode"] = postcode or cells.raw("postcode")
        data["house_number_addition"] = address[2]
        if existing is not None:
            data["seen_version"] = existing.version
            for name in self.by_field:  # a column left out of the file keeps the home's value
                if name not in cells.positions and name not in ("corporation",):
                    data[name] = _form_value(existing, name)
        form = self.form_class(data=data, user=self.user, lookups=self.lookups, instance=existing)
        if not form.is_valid():
            copy_form_errors(result, form, self.by_field)
        if result.outcome == ERROR:
            return
        dwelling = form.save(commit=False)
        if existing is None:
            result.outcome = NEW
            result.values = {"fields": field_values(dwelling, WRITTEN)}
        elif form.changed_data:
            result.outcome = UPDATE
            changed = [ATTNAMES[c] for c in form.changed_columns() if c in COLUMN_NAMES]
            result.values = {
                "pk": existing.pk,
                "version": data["seen_version"],
                "fields": field_values(dwelling, changed),
            }
        else:
            result.outcome = UNCHANGED

    def write(self, rows: list[dict[str, Any]], *, by: Any, progress: Callable[[int], None]) -> dict[int, str]:
        """Write the previewed rows (`stored()` of each new or updated row), inside the caller's transaction and
        history context: updates only to records still at the version previewed and editable by `by`, new homes
        only at addresses still free, every corporation and neighbourhood still one `by` may use; else
        RowsChanged. The new homes are inserted in batches; the database's constraints and triggers (one live
        reservation per address, the region from the neighbourhood, the history) hold for them as for a form."""
        for row in rows:
            fields = row["values"]["fields"]
            for name, allowed in (
                ("corporation_id", self.lookups.corporations),
                ("neighbourhood_id", self.lookups.neighbourhoods),
            ):
                if name in fields and fields[name] not in allowed:
                    raise changed_row(row["row"])
        updates = [row for row in rows if row["outcome"] == UPDATE]
        locked = (
            Dwelling.objects.editable_by(by)
            .select_for_update(of=("self",))
            .in_bulk([r["values"]["pk"] for r in updates])
        )
        for row in updates:
            dwelling = locked.get(row["values"]["pk"])
            if dwelling is None or dwelling.version != row["values"]["version"]:
                raise changed_row(row["row"])
            values = restore(Dwelling, row["values"]["fields"])
            for name, value in values.items():
                setattr(dwelling, name, value)
            dwelling.version += 1
            dwelling.save(update_fields=[*values, "version", "updated_at"])
        new = [Dwelling(**restore(Dwelling, row["values"]["fields"])) for row in rows if row["outcome"] == NEW]
        held = {
            (d.postcode, d.house_number, d.house_number_addition)
            for d in Dwelling.objects.holding_address().filter(postcode__in={d.postcode for d in new})
        }
        for row, dwelling in zip((r for r in rows if r["outcome"] == NEW), new, strict=True):
            if (dwelling.postcode, dwelling.house_number, dwelling.house_number_addition) in held:
                raise changed_row(row["row"])
        progress(len(updates))
        for start in range(0, len(new), WRITE_BATCH):
            Dwelling.objects.bulk_create(new[start : start + WRITE_BATCH])
            progress(len(updates) + min(start + WRITE_BATCH, len(new)))
        live.note_created(Dwelling, [dwelling.pk for dwelling in new])  # bulk_create sends no save signal
        return {}


WRITE_BATCH = 1000  # homes per INSERT

# The columns an imported home is written with: the form's fields (rent as cents).
COLUMN_NAMES = {*DwellingForm.Meta.fields, "rent_cents"}
ATTNAMES = {f.name: f.attname for f in Dwelling._meta.concrete_fields}
WRITTEN = [ATTNAMES[name] for name in ATTNAMES if name in COLUMN_NAMES]


def _int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return 0


def _form_value(dwelling: Dwelling, name: str) -> Any:
    if name == "rent":
        return str(dwelling.rent_euros)
    value = getattr(dwelling, f"{name}_id" if name == "neighbourhood" else name)
    if isinstance(value, bool):
        return "on" if value else ""
    return "" if value is None else str(value)
