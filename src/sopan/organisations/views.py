"""The user's profile page (``/profil/``): who they are, their roles, their API tokens.

A new token's secret is shown once: the POST stores it in the (server-side) session, the
redirected GET pops it, so reloading the page never shows it again and it never travels in a
cookie or a URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sopan.organisations.models import Membership
from sopan.organisations.selectors import current_position, person_for_user
from sopan.organisations.token_services import api_token_create, api_token_revoke
from sopan.organisations.tokens import ApiToken

NEW_SECRET_KEY = "sopan_new_api_token"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required
    return user


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    person = person_for_user(user)
    context = {
        "person": person,
        "position": current_position(person) if person is not None else None,
        "memberships": Membership.objects.filter(user=user).select_related("unit__instansi"),
        "tokens": ApiToken.objects.filter(user=user),
        "new_secret": request.session.pop(NEW_SECRET_KEY, None),
    }
    return render(request, "organisations/profile.html", context)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    try:
        made = api_token_create(user=user, name=request.POST.get("name", ""), by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organisations:profile")
    request.session[NEW_SECRET_KEY] = made.secret
    messages.success(request, _("Token {name} dibuat.").format(name=made.token.name))
    return redirect("organisations:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _user(request)
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise Http404
    api_token_revoke(token=token, by=user)
    messages.success(request, _("Token {name} dicabut.").format(name=token.name))
    return redirect("organisations:profile")
