"""The login form."""

from typing import cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form, with the username's length checked before anyone is asked to authenticate.

    AuthenticationForm sets the field's max_length after the field was made, so no validator enforces it: a
    username of 256 characters reached django-axes, whose failed-attempt record holds 255, and the login
    answered 500. Refused here, the form never calls authenticate() and the throttle writes nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.CharField, self.fields["username"])
        field.validators.append(
            MaxLengthValidator(
                field.max_length,
                _("Een gebruikersnaam heeft ten hoogste %(limit_value)d tekens (nu %(show_value)d)."),
            )
        )
