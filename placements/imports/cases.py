"""The import of clients ready for outflow: columns, the checks of each row (the client form itself,
`OutflowCaseForm`, with the user's care providers and regions read once), and the writes (new clients through
`records.services.register_case`, which hands out the pseudonymous reference).

Natural key: the care provider and its own file reference (dossiernummer), never a name or BSN. A row whose
reference the provider already used updates that client (or leaves it unchanged); any other row registers a new
client."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
)
from placements.imports.checking import form_errors as copy_form_errors
from placements.imports.columns import Column, boolean, choice, choices
from placements.models import OutflowCase
from placements.records.forms import OutflowCaseForm
from placements.records.services import register_case
from regions.access import access_for
from regions.models import Membership, Municipality, Organisation, Region

if TYPE_CHECKING:
    from regions.access import AnyUser

Role = Membership.Role
ROLES = (Role.CARE_WORKER,)

COLUMNS = (
    Column(gettext_lazy("Dossiernummer"), "provider_reference",
           gettext_lazy("Uw eigen dossiernummer van de cliënt: letters, cijfers en . _ / -. Nooit een naam of BSN. Hiermee "
                 "vindt een volgende import de cliënt terug."), "DOS-2026-0107", required=True),
    Column(gettext_lazy("Zorgaanbieder"), "care_provider",
           gettext_lazy("Naam van uw organisatie. Mag leeg blijven als u voor één zorgaanbieder werkt."),
           "Stichting Onderdak Zaanstreek"),
    Column(gettext_lazy("Regio"), "region",
           gettext_lazy("Naam of code van de regio. Mag leeg blijven als uw organisatie in één regio werkt."), "ZAA"),
    Column(gettext_lazy("Herkomst"), "origin", gettext_lazy("Beschermd Wonen (BW), Maatschappelijke Opvang (MO), GGZ of Anders; "
                                              "ook bw, mo, ggz."), "bw", required=True),
    Column(gettext_lazy("Doelgroep"), "target_group",
           gettext_lazy("Jongere 18–27 (incl. zwerfjongeren), Volwassene, Gezin of Oudere."), "Volwassene", required=True),
    Column(gettext_lazy("Grootte huishouden"), "household_size", gettext_lazy("Aantal personen, 1 tot en met 12."), "1",
           required=True),
    Column(gettext_lazy("Begeleiding"), "support_level", gettext_lazy("Geen, Licht, Intensief of Housing First."), "Licht",
           required=True),
    Column(gettext_lazy("Gelijkvloers nodig"), "needs_ground_floor", gettext_lazy("ja of nee."), "nee"),
    Column(gettext_lazy("Toegankelijk nodig"), "needs_accessible", gettext_lazy("ja of nee."), "nee"),
    Column(gettext_lazy("Minimaal aantal kamers"), "min_rooms", gettext_lazy("1 tot en met 12; leeg is 1."), "1"),
    Column(gettext_lazy("Voorkeursgemeenten"), "preferred_municipalities",
           gettext_lazy("Namen van gemeenten, gescheiden door komma's (mag leeg)."), "Zaanstad, Wormerland"),
    Column(gettext_lazy("Uitstroomklaar sinds"), "ready_on", gettext_lazy("Datum als dd-mm-jjjj, bijv. 01-02-2026."),
           "01-02-2026", required=True),
    Column(gettext_lazy("Belemmeringen"), "barriers",
           gettext_lazy("Oude huurschuld, Andere schulden, Overlast in het verleden, Eerdere huisuitzetting, Geen vast "
                 "inkomen, Anders; gescheiden door komma's (mag leeg)."), "Oude huurschuld"),
)  # fmt: skip


class OutflowCaseImportForm(ImportFormMixin, OutflowCaseForm):
    """The client form, with the care providers and regions read once per file instead of a query per row."""

    preloaded = ("care_provider", "region")

    def __init__(self, *args: Any, importer: "CaseImport", **kwargs: Any) -> None:
        self.importer = importer
        super().__init__(*args, **kwargs)

    def limit_choices(self) -> None:
        for name, objects, model in (
            ("care_provider", self.importer.providers, Organisation),
            ("region", self.importer.regions, Region),
        ):
            old = self.fields[name]
            self.fields[name] = PreloadedChoiceField(objects, model, label=old.label, required=old.required)
        self.fields["preferred_municipalities"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            region__in=self.importer.regions
        )

    def provider_region_ids(self, provider: Organisation) -> set[int]:
        return self.importer.works_in.get(provider.pk, set())


class CaseImport:
    kind = "cases"
    roles = ROLES
    columns = COLUMNS

    def __init__(self, user: "AnyUser", organisation_id: int | None = None) -> None:
        """With `organisation_id` (the batch's provider) only that provider's clients: a batch is seen by its
        organisation's care workers, so it holds no other provider's rows."""
        self.user = user
        own = access_for(user).organisation_ids(Role.CARE_WORKER)
        if organisation_id is not None:
            own &= {organisation_id}
        self.providers: dict[int, Organisation] = {o.pk: o for o in Organisation.objects.filter(pk__in=own)}
        self.works_in: dict[int, set[int]] = {}
        for provider_id, region_id in Organisation.regions.through.objects.filter(
            organisation_id__in=self.providers
        ).values_list("organisation_id", "region_id"):
            self.works_in.setdefault(provider_id, set()).add(region_id)
        self.regions: dict[int, Region] = {
            r.pk: r for r in Region.objects.filter(pk__in={r for ids in self.works_in.values() for r in ids})
        }
        self.municipalities = {m.name.lower(): m for m in Municipality.objects.filter(region__in=self.regions)}
        self.by_field = {c.field: c for c in COLUMNS}
        self.existing: dict[tuple[int, str], OutflowCase] = {}
        self.seen: dict[tuple[int, str], int] = {}

    def required(self) -> set[str]:
        return {"care_provider"} if len(self.providers) != 1 else set()

    def prepare(self, rows: list[list[str]], positions: dict[str, int]) -> None:
        index = positions.get("provider_reference")
        references = {row[index].strip() for row in rows if index is not None and index < len(row)} - {""}
        cases = (
            OutflowCase.objects.editable_by(self.user)
            .filter(care_provider_id__in=self.providers, provider_reference__in=references)
            .prefetch_related("preferred_municipalities")
        )
        self.existing = {(c.care_provider_id, c.provider_reference): c for c in cases}

    def _header(self, name: str) -> str:
        return str(self.by_field[name].header)

    def provider_of(self, cells: Cells) -> Organisation | None:
        name = cells.raw("care_provider").strip()
        if not name and len(self.providers) == 1:
            return next(iter(self.providers.values()))
        provider = next((p for p in self.providers.values() if p.name.lower() == name.lower()), None)
        if provider is None and name:
            cells.result.error(
                self._header("care_provider"),
                _("'%(name)s' is geen zorgaanbieder waarvoor u cliënten mag aanmelden.") % {"name": name},
            )
        return provider

    def region_of(self, cells: Cells, provider: Organisation | None) -> Region | None:
        text = cells.raw("region").strip().lower()
        if not text:
            own = self.works_in.get(provider.pk, set()) if provider else set()
            return self.regions[next(iter(own))] if len(own) == 1 else None
        region = next((r for r in self.regions.values() if text in (r.name.lower(), r.code.lower())), None)
        if region is None:
            cells.result.error(
                self._header("region"), _("'%(name)s' is geen regio van uw organisatie.") % {"name": text}
            )
        return region

    def municipalities_of(self, cells: Cells) -> list[str]:
        pks = []
        for part in cells.raw("preferred_municipalities").replace(";", ",").split(","):
            if not part.strip():
                continue
            municipality = self.municipalities.get(part.strip().lower())
            if municipality is None:
                cells.result.error(
                    self._header("preferred_municipalities"),
                    _("'%(name)s' is geen gemeente in de regio's van uw organisatie.") % {"name": part.strip()},
                )
            else:
                pks.append(str(municipality.pk))
        return pks

    def data(self, cells: Cells) -> dict[str, Any]:
        data: dict[str, Any] = {name: cells.raw(name) for name in cells.positions}
        for name, options in (
            ("origin", OutflowCase.Origin.choices),
            ("target_group", OutflowCase.TargetGroup.choices),
            ("support_level", OutflowCase.SupportLevel.choices),
        ):
            data[name] = cells.convert(name, choice, options)
        for name in ("needs_ground_floor", "needs_accessible"):
            if cells.has(name):
                data[name] = cells.convert(name, boolean)
        data["min_rooms"] = cells.raw("min_rooms") or "1"
        data["barriers"] = cells.convert("barriers", choices, OutflowCase.Barrier.choices) or []
        data["preferred_municipalities"] = self.municipalities_of(cells)
        return data

    def check(self, result: RowResult, cells: Cells) -> None:
        """Check one row as the client form would, and find the client it updates. Writes nothing."""
        # Every cell is checked, also after an error in another: the preview lists them all at once.
        cells.formulas()
        provider = self.provider_of(cells)
        region = self.region_of(cells, provider)
        data = self.data(cells)
        reference = cells.raw("provider_reference").strip()
        result.key = reference
        if not reference:  # the form allows none (clients registered by hand); an import needs its key
            result.error(
                self._header("provider_reference"),
                _("Dit veld is verplicht: aan het dossiernummer herkent een volgende import de cliënt."),
            )
            return
        existing = self.existing.get((provider.pk, reference)) if provider and reference else None
        if provider is not None and reference:
            if (provider.pk, reference) in self.seen:
                result.error(
                    self._header("provider_reference"),
                    _("dit dossiernummer staat ook op rij %(row)s van dit bestand.")
                    % {"row": self.seen[(provider.pk, reference)]},
                )
                return
            self.seen[(provider.pk, reference)] = result.row
        data["care_provider"] = provider.pk if provider else ""
        data["region"] = region.pk if region else ""
        if existing is not None:
            data["seen_version"] = existing.version
        form = OutflowCaseImportForm(data=data, user=self.user, importer=self, instance=existing)
        if not form.is_valid():
            copy_form_errors(result, form, self.by_field)
        if result.outcome == ERROR:
            return
        case = form.save(commit=False)
        municipalities = sorted(m.pk for m in form.cleaned_data["preferred_municipalities"])
        if existing is None:
            result.outcome = NEW
            result.values = {"fields": field_values(case, WRITTEN), "municipalities": municipalities}
        elif form.changed_data:
            result.outcome, result.reference = UPDATE, existing.reference
            changed = [ATTNAMES[c] for c in form.changed_columns() if c in COLUMN_NAMES]
            result.values = {"pk": existing.pk, "version": data["seen_version"], "fields": field_values(case, changed)}
            if "preferred_municipalities" in form.changed_data:
                result.values["municipalities"] = municipalities
        else:
            result.outcome, result.reference = UNCHANGED, existing.reference

    def write(self, rows: list[dict[str, Any]], *, by: Any, progress: Callable[[int], None]) -> dict[int, str]:
        """Write the previewed rows, inside the caller's transaction and history context: each new client through
        `register_case` (a fresh pseudonymous reference), each update only to a client still at the version
        previewed and editable by `by`; every provider and region still one `by` may use; else RowsChanged.
        Returns the reference of each client written, by row."""
        for row in rows:
            fields = row["values"]["fields"]
            for name, allowed in (("care_provider_id", self.providers), ("region_id", self.regions)):
                if name in fields and fields[name] not in allowed:
                    raise changed_row(row["row"])
        updates = [row for row in rows if row["outcome"] == UPDATE]
        locked = (
            OutflowCase.objects.editable_by(by)
            .select_for_update(of=("self",))
            .in_bulk([r["values"]["pk"] for r in updates])
        )
        references = {}
        for row in rows:
            values = row["values"]
            if row["outcome"] == NEW:
                case = OutflowCase(**restore(OutflowCase, values["fields"]))
                register_case(case=case, preferred_municipalities=self._municipalities(row), by=by)
            else:
                found = locked.get(values["pk"])
                if found is None or found.version != values["version"]:
                    raise changed_row(row["row"])
                case = found
                fields = restore(OutflowCase, values["fields"])
                for name, value in fields.items():
                    setattr(case, name, value)
                case.version += 1
                case.save(update_fields=[*fields, "version", "updated_at"])
                if "municipalities" in values:
                    case.preferred_municipalities.set(self._municipalities(row))
            references[row["row"]] = case.reference
            if len(references) % 250 == 0:
                progress(len(references))
        return references

    def _municipalities(self, row: dict[str, Any]) -> list[Municipality]:
        """The row's preferred municipalities; one no longer in the provider's regions refuses the import."""
        by_pk = {m.pk: m for m in self.municipalities.values()}
        pks = row["values"].get("municipalities", [])
        if any(pk not in by_pk for pk in pks):
            raise changed_row(row["row"])
        return [by_pk[pk] for pk in pks]


# The columns an imported client is written with: the form's fields (reference and status by register_case).
COLUMN_NAMES = set(OutflowCaseForm.Meta.fields) - {"preferred_municipalities"}
ATTNAMES = {f.name: f.attname for f in OutflowCase._meta.concrete_fields}
WRITTEN = [ATTNAMES[name] for name in ATTNAMES if name in COLUMN_NAMES]
