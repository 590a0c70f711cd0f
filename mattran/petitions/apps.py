from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "mattran.petitions"
    verbose_name = _("Ý kiến, kiến nghị")
