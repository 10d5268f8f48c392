"""Sign in and out, with throttling and audit events."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.web import throttle


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        if self.request is not None and throttle.is_locked(self.request, username):
            raise ValidationError(
                _(
                    "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {menit} menit."
                ).format(menit=_lockout_minutes()),
                code="throttled",
            )
        return super().clean()

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(
            _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
            code="invalid_login",
        )


def _lockout_minutes() -> int:
    from django.conf import settings

    return max(1, settings.SOPAN_LOGIN_LOCKOUT_SECONDS // 60)


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = self.request.POST.get("username", "")[:150]
        if not form.has_error("__all__", "throttled"):
            throttle.record_failure(self.request, username)
        audit_record(
            actor=None,
            action="auth.login_failed",
            object_type="auth.user",
            object_id=username,
            object_repr=username,
            note=self.request.META.get("REMOTE_ADDR", ""),
        )
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        throttle.clear(self.request, user.get_username())
        audit_record(
            actor=user, action="auth.login", obj=user, note=self.request.META.get("REMOTE_ADDR", "")
        )
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass
