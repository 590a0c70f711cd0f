from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mattran.core"
    verbose_name = _("Nền tảng chung")

    def ready(self):
        # Registers the system checks: deploy (client address behind a proxy) and the private-folder layout.
        from . import checks, files  # noqa: F401
