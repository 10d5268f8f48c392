from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "sopan.web"
    verbose_name = _("Aplikasi web")

    def ready(self) -> None:
        from sopan.config import checks  # noqa: F401  (registers the system checks)
