"""The administrator's user pages: (de)activating an account there ends its sessions as the ordinary pages do,
and sign-in events can be read."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from regions.admin import WeerThuisUserAdmin
from weerthuis.accounts import services
from weerthuis.accounts.models import Invitation, SignInEvent
from weerthuis.accounts.sessions import end_sessions_of

User = get_user_model()


class AccountAdmin(WeerThuisUserAdmin):
    def save_model(self, request, obj, form, change):
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if change and was_active != obj.is_active:
            (services.reactivate if obj.is_active else services.deactivate)(user=obj, by=request.user, request=request)
        elif change and "password" in form.changed_data:
            end_sessions_of(obj)


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "user", "by", "organisation", "address"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read only: invitations are made and revoked by organisation administrators on their own pages."""

    list_display = [
        "email",
        "organisation",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
