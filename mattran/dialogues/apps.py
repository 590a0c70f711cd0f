from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "mattran.dialogues"
    verbose_name = _("Đối thoại, tiếp xúc cử tri")
