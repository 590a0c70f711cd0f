"""The base of the project's admin model screens (Wagtail ``ModelViewSet``): what every one of them should do."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet as WagtailModelViewSet

from .forms import DJANGO_BLANK_LABEL, blank_choice_label_set

FILTER_ALL_LABEL = _("Tất cả")


class FilterSet(WagtailFilterSet):
    """A listing's filters whose empty choice reads "Tất cả" (translated) instead of django-filter's "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():  # a filter builds its form field from ``extra`` on first use
            if isinstance(filter_, ChoiceFilter) and str(filter_.extra.get("empty_label")) == DJANGO_BLANK_LABEL:
                filter_.extra["empty_label"] = FILTER_ALL_LABEL


class IndexView(generic.IndexView):
    """Wagtail's listing whose filters (built from ``list_filter``) use ``FilterSet``. A custom listing of a project
    viewset subclasses this one."""

    base_filterset_class = FilterSet

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        # A yes/no field is drawn as Wagtail's tick or cross with "Có"/"Không" (its boolean_cell template, overridden
        # in mattran/templates), not as the Python name "True"/"False".
        if column_class is Column and field_name in self._boolean_fields:
            column_class = BooleanColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)

    @cached_property
    def _boolean_fields(self) -> set[str]:
        return {field.name for field in self.model._meta.fields if isinstance(field, models.BooleanField)}


class ModelViewSet(WagtailModelViewSet):
    """Wagtail's ModelViewSet whose create and edit forms show "— Chọn —" (translated) as the empty choice of a
    select instead of Django's "---------", and whose listing filters show "Tất cả". Subclasses that build their own
    form class keep this as long as they pass ``formfield_callback=self.formfield_for_dbfield``."""

    index_view_class = IndexView

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        return blank_choice_label_set(field) if field is not None else None
