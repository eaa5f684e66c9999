"""Accounts: sign-in with a second factor, password reset, invitations, organisation administrators, sessions and
sign-in events. Sign-in, reset and the second factor are django-allauth's; this package decides who must use a
second factor, ends sessions, and lets each organisation manage its own people."""
