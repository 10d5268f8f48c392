"""Short-lived caching of public pages for anonymous visitors.

The portal is read far more than it changes; a page rendered for one anonymous visitor is
served to the next for ``seconds`` (one minute by default: a newly published SOP appears on
the portal within a minute). Signed-in people always get a fresh page. Each process keeps its
own cache (Django's default local-memory cache), so no cache server is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_page

View = Callable[..., HttpResponse]


def cache_for_anonymous(seconds: int) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        cached = cache_page(seconds, key_prefix="anonim")(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            return cached(request, *args, **kwargs)

        return wrapper

    return decorator
