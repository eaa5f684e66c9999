"""What the API reads and accepts. Output serializers describe the records; input serializers check the types the
schema publishes, after which the pages' own forms (records.forms, matching.forms) check the content, so a home
or a decision is refused for the same reasons, with the same Dutch messages, as on the pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from placements.models import (
    BuildingFigure,
    DispersionFigure,
    Dwelling,
    FlowFigure,
    OutflowCase,
    Placement,
    QuotaFigure,
)
from regions.models import Region

# The input's messages, in the project's own words (Dutch msgids, translated like the pages): DRF's catalogue is not
# installed, as its Dutch would replace Django's on every form (weerthuis/settings.py).
MESSAGES = {
    "required": _("Dit veld is verplicht."),
    "null": _("Dit veld mag niet leeg zijn."),
    "blank": _("Dit veld mag niet leeg zijn."),
    "invalid": _("Deze waarde is niet geldig."),
    "max_length": _("Gebruik hoogstens {max_length} tekens."),
    "min_length": _("Gebruik minstens {min_length} tekens."),
    "max_value": _("De waarde mag hoogstens {max_value} zijn."),
    "min_value": _("De waarde moet minstens {min_value} zijn."),
    "max_string_length": _("Deze waarde is te lang."),
    "max_digits": _("Gebruik hoogstens {max_digits} cijfers."),
    "max_decimal_places": _("Gebruik hoogstens {max_decimal_places} cijfers achter de punt."),
    "max_whole_digits": _("Gebruik hoogstens {max_whole_digits} cijfers vóór de punt."),
    "invalid_choice": _("'{input}' is geen geldige keuze."),
    "datetime": _("Geef een datum, geen tijdstip."),
}
TYPE_MESSAGES = {
    serializers.IntegerField: _("Geef een geheel getal."),
    serializers.DecimalField: _("Geef een getal, bijv. 612.50."),
    serializers.BooleanField: _("Geef true of false."),
    serializers.DateField: _("Geef een datum als JJJJ-MM-DD."),
    serializers.CharField: _("Geef tekst."),
}


class ApiSerializer(serializers.Serializer):
    """Input, with the project's messages."""

    default_error_messages = {"invalid": _("Stuur een JSON-object.")}

    def get_fields(self) -> dict:
        fields = super().get_fields()
        for field in fields.values():
            field.error_messages.update({key: MESSAGES[key] for key in field.error_messages if key in MESSAGES})
            for kind, message in TYPE_MESSAGES.items():
                if isinstance(field, kind) and "invalid" in field.error_messages:
                    field.error_messages["invalid"] = message
                    break
        return fields


class DwellingSerializer(serializers.ModelSerializer):
    corporation_name = serializers.CharField(source="corporation.name", read_only=True)
    neighbourhood = serializers.CharField(source="neighbourhood.cbs_code", read_only=True)
    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)
    municipality = serializers.CharField(source="neighbourhood.municipality.name", read_only=True)
    rent = serializers.DecimalField(source="rent_euros", max_digits=7, decimal_places=2, read_only=True)

    class Meta:
        model = Dwelling
        fields = [
            "id",
            "corporation",
            "corporation_name",
            "neighbourhood",
            "neighbourhood_name",
            "municipality",
            "postcode",
            "house_number",
            "house_number_addition",
            "street",
            "place",
            "building_code",
            "kind",
            "rooms",
            "rent",
            "ground_floor",
            "accessible",
            "reserved_on",
            "available_from",
            "status",
            "tenancy_ended_on",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class DwellingWriteSerializer(ApiSerializer):
    """A home as a corporation's system sends it; the home's corporation is the token's organisation."""

    neighbourhood = serializers.CharField(max_length=20, help_text=_("CBS-code of naam van de wijk of buurt."))
    postcode = serializers.CharField(max_length=7, help_text=_("Bijv. 1501 AB."))
    house_number = serializers.IntegerField(min_value=1, max_value=999_999)
    house_number_addition = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    street = serializers.CharField(max_length=120)
    place = serializers.CharField(max_length=80)
    building_code = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Dwelling.Kind.choices)
    rooms = serializers.IntegerField(min_value=1, max_value=12)
    rent = serializers.DecimalField(max_digits=7, decimal_places=2, help_text=_("Kale huur per maand in euro."))
    ground_floor = serializers.BooleanField(required=False, default=False)
    accessible = serializers.BooleanField(required=False, default=False)
    reserved_on = serializers.DateField()
    available_from = serializers.DateField()


class DwellingUpdateSerializer(DwellingWriteSerializer):
    version = serializers.IntegerField(
        min_value=0, help_text=_("De versie die u las; een andere versie betekent dat iemand het intussen wijzigde.")
    )


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal as the corporation sees it: the client's pseudonym, household size and support level only."""

    home = serializers.IntegerField(source="dwelling_id", read_only=True)
    home_address = serializers.CharField(source="dwelling.street_and_place", read_only=True)
    client_reference = serializers.CharField(source="case.reference", read_only=True)
    household_size = serializers.IntegerField(source="case.household_size", read_only=True)
    support_level = serializers.ChoiceField(
        source="case.support_level", choices=OutflowCase.SupportLevel.choices, read_only=True
    )
    # Empty until declined: the schema says so.
    decline_reason = serializers.ChoiceField(choices=Placement.DeclineReason.choices, allow_blank=True, read_only=True)
    declined_by = serializers.ChoiceField(choices=Placement.DeclinedBy.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id",
            "home",
            "home_address",
            "client_reference",
            "household_size",
            "support_level",
            "status",
            "proposed_at",
            "decided_at",
            "decline_reason",
            "declined_by",
            "keys_planned_on",
            "moved_in_on",
        ]
        read_only_fields = fields


class DecisionSerializer(ApiSerializer):
    """One decision on a proposal; which fields it needs depends on `decision` (see the API documentation)."""

    decision = serializers.ChoiceField(
        choices=[("accept", "accept"), ("decline", "decline"), ("plan_keys", "plan_keys"), ("keys", "keys")]
    )
    reason = serializers.ChoiceField(choices=Placement.DeclineReason.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    keys_planned_on = serializers.DateField(required=False)
    moved_in_on = serializers.DateField(required=False)
    support_arrangement = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name"]


class QuotaFigureSerializer(serializers.ModelSerializer):
    corporation_name = serializers.CharField(source="corporation.name", read_only=True)

    class Meta:
        model = QuotaFigure
        exclude = ["region"]


class DispersionFigureSerializer(serializers.ModelSerializer):
    neighbourhood_code = serializers.CharField(source="neighbourhood.cbs_code", read_only=True)
    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)

    class Meta:
        model = DispersionFigure
        exclude = ["region"]


class BuildingFigureSerializer(serializers.ModelSerializer):
    neighbourhood_code = serializers.CharField(source="neighbourhood.cbs_code", read_only=True)

    class Meta:
        model = BuildingFigure
        exclude = ["region"]


class FlowFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = FlowFigure
        exclude = ["region"]


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
