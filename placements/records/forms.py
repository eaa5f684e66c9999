"""Forms for homes and clients. Each takes the signed-in user, offers only the choices that user may use, and
gives the friendly Dutch message before a database constraint would refuse the row."""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from placements.lists.widgets import DateInput
from placements.models import Dwelling, OutflowCase
from placements.validators import refuse_control_characters
from regions.access import access_for
from regions.editing import VersionedModelForm
from regions.models import Membership, Municipality, Neighbourhood, Organisation, Region

if TYPE_CHECKING:
    from regions.access import AnyUser

Role = Membership.Role
RENT_RANGE = (Decimal("150.00"), Decimal("1300.00"))  # monthly net rent a reserved social home can have
POSTCODE_INPUT = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


def normalise_postcode(value: str) -> str:
    """'1234ab', '1234 AB', ' 1234  ab ' → '1234 AB'; anything else is refused with a Dutch message."""
    match = POSTCODE_INPUT.match(value or "")
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise forms.ValidationError(_("Vul een geldige postcode in, zoals 1234 AB."))
    return f"{match.group(1)} {match.group(2).upper()}"


NEIGHBOURHOOD_SELECT_MAX = 400  # above this many choices, the neighbourhood is typed (name or CBS code)


class NeighbourhoodByNameField(forms.ModelChoiceField):
    """A neighbourhood typed as its CBS code or its name; a name shared by several neighbourhoods asks for the
    code. Used instead of a select list when a region has very many neighbourhoods."""

    widget = forms.TextInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Naam of CBS-code van de wijk of buurt, bijv. WK047901."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Neighbourhood):
            return value.cbs_code
        return value

    def to_python(self, value: str | None) -> Neighbourhood | None:
        value = (value or "").strip()
        if not value:
            return None
        queryset = cast("QuerySet[Neighbourhood]", self.queryset)  # always given: the user's neighbourhoods
        by_code = queryset.filter(cbs_code__iexact=value)
        matches = list(by_code[:2]) or list(queryset.filter(name__iexact=value)[:2])
        if not matches:
            raise forms.ValidationError(
                _("Onbekende wijk of buurt in uw regio's: gebruik de naam of de CBS-code (bijv. WK047901).")
            )
        if len(matches) > 1:
            raise forms.ValidationError(_("Meer wijken of buurten heten zo; gebruik de CBS-code."))
        return matches[0]


class DwellingForm(VersionedModelForm):
    rent = forms.DecimalField(
        label=_("Kale huur per maand (€)"),
        max_digits=7,
        decimal_places=2,
        min_value=RENT_RANGE[0],
        max_value=RENT_RANGE[1],
    )

    class Meta:
        model = Dwelling
        fields = [
            "corporation",
            "neighbourhood",
            "street",
            "house_number",
            "house_number_addition",
            "postcode",
            "place",
            "building_code",
            "kind",
            "rooms",
            "ground_floor",
            "accessible",
            "reserved_on",
            "available_from",
        ]
        widgets = {"reserved_on": DateInput(), "available_from": DateInput()}

    def __init__(self, *args: Any, user: "AnyUser", **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.limit_choices()
        if self.instance.pk:
            self.fields["rent"].initial = self.instance.rent_euros
        low, high = (number_format(limit, 0, force_grouping=True) for limit in RENT_RANGE)
        self.fields["rent"].error_messages["min_value"] = _("De huur moet minstens € %(low)s per maand zijn.") % {
            "low": low
        }
        self.fields["rent"].error_messages["max_value"] = _("De huur mag niet hoger zijn dan € %(high)s per maand.") % {
            "high": high
        }
        self.fields["house_number"].error_messages["min_value"] = _("Het huisnummer moet 1 of hoger zijn.")
        self.fields["rooms"].error_messages["min_value"] = _("Een woning heeft minstens 1 kamer.")
        self.fields["rooms"].error_messages["max_value"] = _("Vul maximaal 12 kamers in.")

    def limit_choices(self) -> None:
        """Offer the corporations and neighbourhoods this user may use (the import replaces this with lookups it
        reads once per file, see placements.imports.homes)."""
        access = access_for(self.user)
        coordinator_regions = access.region_ids(Role.COORDINATOR)
        own_corporations = access.organisation_ids(Role.CORPORATION_STAFF)
        cast(forms.ModelChoiceField, self.fields["corporation"]).queryset = (
            Organisation.objects.filter(kind=Organisation.Kind.CORPORATION)
            .filter(Q(pk__in=own_corporations) | Q(regions__in=coordinator_regions))
            .distinct()
            .order_by("name")
        )
        regions = coordinator_regions | set(
            Region.objects.filter(organisations__in=own_corporations).values_list("pk", flat=True)
        )
        neighbourhoods = Neighbourhood.objects.filter(municipality__region__in=regions).select_related("municipality")
        cast(forms.ModelChoiceField, self.fields["neighbourhood"]).queryset = neighbourhoods
        if neighbourhoods.count() > NEIGHBOURHOOD_SELECT_MAX:
            # A list of thousands of neighbourhoods helps nobody: type the name or the CBS code instead.
            self.fields["neighbourhood"] = NeighbourhoodByNameField(
                queryset=neighbourhoods, label=self.fields["neighbourhood"].label
            )
            if self.instance.pk:
                self.initial["neighbourhood"] = self.instance.neighbourhood.cbs_code

    def works_in(self, corporation: Organisation, region_id: int) -> bool:
        """Whether `corporation` works in the region (a query here; the import asks a set it read once)."""
        return corporation.regions.filter(pk=region_id).exists()

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data.get("postcode", ""))

    def clean_house_number_addition(self) -> str:
        return (self.cleaned_data.get("house_number_addition") or "").strip().upper()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        corporation, neighbourhood = cleaned.get("corporation"), cleaned.get("neighbourhood")
        if corporation and neighbourhood and not self.works_in(corporation, neighbourhood.municipality.region_id):
            self.add_error("neighbourhood", _("Deze wijk ligt niet in een regio waarin de gekozen corporatie werkt."))
        reserved_on, available_from = cleaned.get("reserved_on"), cleaned.get("available_from")
        if reserved_on and available_from and available_from < reserved_on:
            self.add_error("available_from", _("Beschikbaar vanaf kan niet vóór de reserveringsdatum liggen."))
        if reserved_on and reserved_on > timezone.localdate() + timedelta(days=366):
            self.add_error("reserved_on", _("De reserveringsdatum ligt meer dan een jaar vooruit."))
        return cleaned

    saved_as = {"rent": ["rent_cents"]}

    def editable(self) -> QuerySet[Dwelling]:
        return Dwelling.objects.editable_by(self.user)

    def value_of(self, instance: models.Model, name: str) -> Any:
        if name == "rent" and isinstance(instance, Dwelling):
            return instance.rent_euros
        return super().value_of(instance, name)

    def save(self, commit: bool = True) -> Dwelling:
        self.instance.rent_cents = int(self.cleaned_data["rent"] * 100)
        return super().save(commit=commit)


class OutflowCaseForm(VersionedModelForm):
    barriers = forms.MultipleChoiceField(
        label=_("Bekende belemmeringen"),
        choices=OutflowCase.Barrier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = OutflowCase
        fields = [
            "care_provider",
            "region",
            "provider_reference",
            "origin",
            "target_group",
            "household_size",
            "support_level",
            "needs_ground_floor",
            "needs_accessible",
            "min_rooms",
            "preferred_municipalities",
            "ready_on",
            "barriers",
        ]
        widgets = {"ready_on": DateInput(), "preferred_municipalities": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, user: "AnyUser", **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.limit_choices()
        if self.instance.pk:
            # The provider and region fix the pseudonym; they are not changed afterwards.
            for name in ("care_provider", "region"):
                self.fields[name].disabled = True
        size = self.fields["household_size"]
        size.error_messages["min_value"] = _("Een huishouden telt minstens 1 persoon.")
        size.error_messages["max_value"] = _("Een huishouden telt hier hoogstens 12 personen.")

    def limit_choices(self) -> None:
        """Offer the care providers, regions and municipalities this user may use (the import replaces this with
        lookups it reads once per file, see placements.imports.cases)."""
        providers = access_for(self.user).organisation_ids(Role.CARE_WORKER)
        cast(forms.ModelChoiceField, self.fields["care_provider"]).queryset = Organisation.objects.filter(
            pk__in=providers
        ).order_by("name")
        regions = Region.objects.filter(organisations__in=providers).distinct()
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = regions
        cast(forms.ModelChoiceField, self.fields["preferred_municipalities"]).queryset = Municipality.objects.filter(
            region__in=regions
        ).order_by("name")
        if len(providers) == 1:
            self.fields["care_provider"].initial = next(iter(providers))
        only_region = regions.first() if regions.count() == 1 else None
        if only_region is not None:
            self.fields["region"].initial = only_region.pk

    def provider_region_ids(self, provider: Organisation) -> set[int]:
        """The regions the care provider works in (a query here; the import asks a set it read once)."""
        return set(provider.regions.values_list("pk", flat=True))

    def editable(self) -> QuerySet[OutflowCase]:
        return OutflowCase.objects.editable_by(self.user)

    def clean_ready_on(self) -> date:
        ready_on = self.cleaned_data["ready_on"]
        if ready_on > timezone.localdate() + timedelta(days=365):
            raise forms.ValidationError(_("De datum uitstroomklaar mag hoogstens een jaar vooruit liggen."))
        return ready_on

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        provider, region = cleaned.get("care_provider"), cleaned.get("region")
        allowed = self.provider_region_ids(provider) if provider else set()
        if provider and region and region.pk not in allowed:
            self.add_error("region", _("Deze zorgaanbieder werkt niet in de gekozen regio."))
        outside = [m.name for m in cleaned.get("preferred_municipalities") or [] if m.region_id not in allowed]
        if outside:
            self.add_error(
                "preferred_municipalities",
                _("Deze gemeenten liggen buiten de regio's van de zorgaanbieder: %(names)s.")
                % {"names": ", ".join(outside)},
            )
        return cleaned


class TenancyEndForm(forms.Form):
    on = forms.DateField(label=_("Huur beëindigd op"), widget=DateInput(), initial=timezone.localdate)


class UrgencyForm(forms.Form):
    """The reason with an urgency request or decision: a note about the client (regions.need_to_know)."""

    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[refuse_control_characters],
        help_text=_("Alleen de regisseur en de zorgaanbieder van de cliënt lezen deze reden."),
    )


class CloseCaseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden"),
        choices=[
            (OutflowCase.ClosedReason.WITHDRAWN, OutflowCase.ClosedReason.WITHDRAWN.label),
            (OutflowCase.ClosedReason.HOUSED_ELSEWHERE, OutflowCase.ClosedReason.HOUSED_ELSEWHERE.label),
        ],
    )
    closed_on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args: Any, case: OutflowCase, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_closed_on(self) -> date:
        closed_on = self.cleaned_data["closed_on"]
        if closed_on > timezone.localdate():
            raise forms.ValidationError(_("De datum van afsluiten kan niet in de toekomst liggen."))
        registered_on = timezone.localdate(self.case.created_at)
        if closed_on < registered_on:
            raise forms.ValidationError(
                _("De datum van afsluiten kan niet vóór de registratie van de cliënt liggen (%(date)s).")
                % {"date": date_format(registered_on, "j F Y")}
            )
        return closed_on
