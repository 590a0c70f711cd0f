from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mattran.core"
    verbose_name = _("Nền tảng chung")

    def ready(self):
        from . import files  # noqa: F401  registers the private-folder system check
