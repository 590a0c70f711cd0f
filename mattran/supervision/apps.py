from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "mattran.supervision"
    verbose_name = _("Giám sát và kiến nghị sau giám sát")
