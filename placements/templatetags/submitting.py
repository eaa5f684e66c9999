"""`{% submission_token %}`: the one-time token of a create or decision form (placements.submitting.once)."""

from django import template
from django.utils.html import format_html

from placements.submitting.once import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
