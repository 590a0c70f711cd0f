"""The base of the project's admin model screens (Wagtail ``ModelViewSet``): what every one of them should do."""

from wagtail.admin.viewsets.model import ModelViewSet as WagtailModelViewSet

from .forms import blank_choice_label_set


class ModelViewSet(WagtailModelViewSet):
    """Wagtail's ModelViewSet whose create and edit forms show "— Chọn —" (translated) as the empty choice of a
    select instead of Django's "---------". Subclasses that build their own form class keep this as long as they
    pass ``formfield_callback=self.formfield_for_dbfield``."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        return blank_choice_label_set(field) if field is not None else None
