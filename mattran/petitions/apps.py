from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "mattran.petitions"
    verbose_name = _("Ý kiến, kiến nghị")

    def ready(self):
        from . import queue  # noqa: F401  (connects the signals that expire the queue's cached facet counts)
