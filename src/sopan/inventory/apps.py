from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "sopan.inventory"
    verbose_name = _("Inventaris Proses")
