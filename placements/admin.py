"""Admin for placements. Client records (OutflowCase) are deliberately not in the admin: they are read in the
application, where every look is written to the access log. The access log itself is read-only here."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import AccessLogEntry, ApiToken, Dwelling, ImportBatch, RetentionRun
from regions.editing import VersionedAdminMixin


@admin.register(Dwelling)
class DwellingAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["street", "house_number", "postcode", "place", "corporation", "neighbourhood", "status"]
    list_select_related = ["corporation", "neighbourhood"]
    list_filter = ["status", "kind", "corporation", "neighbourhood__municipality"]
    search_fields = ["street", "postcode", "building_code", "place"]
    autocomplete_fields = ["corporation", "neighbourhood"]
    # Status moves only through the services (records, matching), never by editing the field.
    readonly_fields = ["status", "created_at", "updated_at"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the application and never changed by hand: shown, not added, changed or deleted."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "organisation", "action", "case_count", "path"]
    list_select_related = ["user", "organisation"]
    list_filter = ["action", "organisation"]
    search_fields = ["user__username", "case_references", "path"]
    date_hierarchy = "at"


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    """What each retention run removed (docs/operations.md, "Bewaartermijnen"); read-only."""

    list_display = [
        "started_at",
        "finished_at",
        "closed_before",
        "logged_before",
        "cases_reduced",
        "history_deleted",
        "access_log_deleted",
        "complete",
    ]
    date_hierarchy = "started_at"


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    """Who imported which file and how it went; read-only. The rows and their outcomes are not shown: a client
    file's rows are client records, read in the application only (with an access-log line)."""

    list_display = ["created_at", "kind", "organisation", "created_by", "file_name", "total_rows", "status"]
    list_select_related = ["organisation", "created_by"]
    list_filter = ["kind", "status"]
    fields = [
        "kind", "status", "organisation", "role", "created_by", "confirmed_by", "file_name", "file_size", "sha256",
        "total_rows", "counts", "error", "created_at", "started_at", "confirmed_at", "finished_at",
    ]  # fmt: skip
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return self.fields


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """The administrator sees every organisation's tokens and can revoke them; a token is made by the
    organisation's administrator (placements.api.pages), where its secret is shown once."""

    list_display = ["name", "prefix", "organisation", "scope", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", "organisation"]
    search_fields = ["name", "prefix", "organisation__name"]
    fields = [
        "organisation",
        "name",
        "prefix",
        "scope",
        "expires_at",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]  # fmt: skip  (never the hash)
    actions = ["revoke"]

    @admin.action(description=_("Geselecteerde API-sleutels intrekken"))
    def revoke(self, request, queryset):
        revoked = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_by=request.user)
        self.message_user(request, _("%(count)s API-sleutel(s) ingetrokken.") % {"count": revoked})
