from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriticismConfig(AppConfig):
    name = "mattran.criticism"
    verbose_name = _("Phản biện xã hội")
