"""The administrator's user pages: (de)activating an account there ends its sessions as the ordinary pages do,
and sign-in events can be read."""

from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from regions.admin import WeerThuisUserAdmin
from weerthuis.accounts import services
from weerthuis.accounts.events import record
from weerthuis.accounts.models import Invitation, SignInEvent
from weerthuis.accounts.sessions import end_sessions_of

User = get_user_model()


class AccountAdmin(WeerThuisUserAdmin):
    def save_model(self, request, obj, form, change):
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if change and was_active != obj.is_active:
            (services.reactivate if obj.is_active else services.deactivate)(user=obj, by=request.user, request=request)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # changed: the person's other sessions end
            user = User.objects.get(pk=id)
            end_sessions_of(user, keep=request.session.session_key if user == request.user else None)
            record(SignInEvent.Kind.PASSWORD_CHANGED, user=user, by=request.user, request=request)
        return response


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


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class SecondFactorAdmin(AuthenticatorAdmin):
    """Deleting a person's authenticators here (a lost phone) signs them out everywhere, as the organisation
    administrator's reset does, and is recorded: a session must not keep the access the factor gave it."""

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._signed_out(request, [obj.user])

    def delete_queryset(self, request, queryset):
        users = {authenticator.user for authenticator in queryset.select_related("user")}
        super().delete_queryset(request, queryset)
        self._signed_out(request, users)

    def _signed_out(self, request, users) -> None:
        for user in users:
            end_sessions_of(user)
            record(
                SignInEvent.Kind.FACTOR_REMOVED,
                user=user,
                by=request.user,
                detail=_("door de beheerder"),
                request=request,
            )
