"""Start a revision: copy the version in force into a new draft (reason required)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sopan.sops.choices import VersionStatus
from sopan.sops.lifecycle import revision_start
from sopan.sops.models import Sop
from sopan.sops.selectors import versions_visible_to


@login_required
@require_http_methods(["GET", "POST"])
def revision_new(request: HttpRequest, sop_id: int) -> HttpResponse:
    in_force = (
        versions_visible_to(request.user)
        .filter(sop_id=sop_id, status__in=VersionStatus.IN_FORCE)
        .select_related("sop__unit")
        .order_by("-number")
        .first()
    )
    if in_force is None:
        raise Http404
    reason = request.POST.get("alasan", "").strip()[:2000]
    error = ""
    if request.method == "POST":
        sop = Sop.objects.get(pk=sop_id)
        try:
            draft = revision_start(sop=sop, by=request.user, reason=reason)
        except PermissionDenied as refused:
            return render(
                request,
                "sops/revision_new.html",
                {"version": in_force, "reason": reason, "error": str(refused)},
                status=403,
            )
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            return redirect("sops:editor", sop_id=sop_id, number=draft.number)
    context = {"version": in_force, "reason": reason, "error": error}
    return render(request, "sops/revision_new.html", context, status=400 if error else 200)
