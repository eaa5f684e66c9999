from allauth.mfa.models import Authenticator
from django import template

register = template.Library()


@register.simple_tag
def has_security_key(user) -> bool:
    """Whether `user` has a security key or passkey: the second step offers one only then."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
