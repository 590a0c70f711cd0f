"""The base of the project's admin model screens (Wagtail ``ModelViewSet``): what every one of them should do."""

from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
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


class ModelViewSet(WagtailModelViewSet):
    """Wagtail's ModelViewSet whose create and edit forms show "— Chọn —" (translated) as the empty choice of a
    select instead of Django's "---------", and whose listing filters show "Tất cả". Subclasses that build their own
    form class keep this as long as they pass ``formfield_callback=self.formfield_for_dbfield``."""

    index_view_class = IndexView

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        return blank_choice_label_set(field) if field is not None else None
