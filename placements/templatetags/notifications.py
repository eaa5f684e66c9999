"""`{% unread_notifications as count %}`: the signed-in person's unread notifications, for the header.

One COUNT on the partial index of unread rows, kept in the cache under a key scoped by the person's grants and id
(regions.access.cache_key) for a few minutes; `notify` and `mark_read` drop the entry after commit. A cache that
does not answer counts as a miss (the COUNT is made)."""

from django import template
from django.core.cache import cache

from placements.models import Notification
from placements.notifications.audiences import UNREAD_CACHE_SECONDS, unread_cache_key

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    key = unread_cache_key(user)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.for_user(user).unread().count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count
