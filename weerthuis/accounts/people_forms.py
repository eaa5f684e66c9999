"""The forms of the organisation administrator's pages and of accepting an invitation. They check what a person can
correct (a typo, two different passwords, a weak password) with a message beside the field; the services check
again what must always hold."""

from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.utils.translation import gettext_lazy as _

from regions.models import Membership, Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def roles_for(organisation: Organisation) -> list[tuple[str, "StrOrPromise"]]:
    """The roles that fit the kind of `organisation`, in the order of Membership.Role."""
    return [
        (value, label) for value, label in Membership.Role.choices if organisation.kind in Membership.ROLE_KINDS[value]
    ]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"))

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = roles_for(organisation)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"))

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = roles_for(organisation)


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        validators=[ASCIIUsernameValidator()],
        help_text=_("Hiermee logt u in. Letters, cijfers en @ . + - _"),
    )
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nogmaals"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first and cleaned.get("username"):
            user = get_user_model()(username=cleaned["username"], email=self.email)
            try:
                validate_password(first, user=user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
