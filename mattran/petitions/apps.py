from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "mattran.petitions"
    verbose_name = _("Ý kiến, kiến nghị")

    def ready(self):
        from . import intake_cache, queue  # noqa: F401  (queue: the signals that expire its cached facet counts)

        intake_cache.connect_signals()  # the public form's cached topics, wards and settings
