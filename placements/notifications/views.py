"""The inbox (`/meldingen/`): a person's own notifications, newest first, and their e-mail preferences. Nobody
reads another's notifications: every query starts from `Notification.objects.for_user`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from placements.audit.access_log import record_access
from placements.models import AccessLogEntry, Notification, NotificationKind, NotificationPreference
from placements.notifications import services
from placements.notifications.delivery import deliveries

PAGE_SIZE = 50


@login_required
@require_safe
def inbox(request):
    notifications = (
        Notification.objects.for_user(request.user)
        .select_related("case")
        .only("pk", "kind", "text", "created_at", "read_at", "placement_id", "case__reference", "dwelling_id")
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("pagina"))
    references = sorted({n.case.reference for n in page if n.case is not None})
    if references:  # the texts name clients by reference: logged as a list read (NEN 7513)
        record_access(request, action=AccessLogEntry.Action.SEARCH, references=references)
    has_unread = Notification.objects.for_user(request.user).unread().exists()
    return render(request, "placements/notifications/inbox.html", {"page": page, "has_unread": has_unread})


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(user=request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("placements:notifications")


@login_required
@require_safe
def open_notification(request, pk: int):
    """Mark one's own notification read and go to the page of its object; another's is not found (404)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if notification.read_at is None:
        services.mark_read(user=request.user, ids=[notification.pk])
    return redirect(notification.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    Delivery = NotificationPreference.Delivery
    if request.method == "POST":
        chosen = {kind: request.POST.get(f"kind-{kind}", "") for kind in NotificationKind.values}
        valid = {kind: value for kind, value in chosen.items() if value in Delivery.values}
        services.set_preferences(user=request.user, deliveries=valid)
        messages.success(request, _("Uw voorkeuren voor meldingen zijn opgeslagen."))
        return redirect("placements:notification_preferences")
    current = deliveries([request.user.pk])
    rows = [
        {
            "kind": kind,
            "label": label,
            "current": current.get((request.user.pk, kind), Delivery.IMMEDIATELY),
        }
        for kind, label in NotificationKind.choices
    ]
    return render(
        request,
        "placements/notifications/preferences.html",
        {"rows": rows, "deliveries": Delivery.choices, "inbox": reverse("placements:notifications")},
    )
