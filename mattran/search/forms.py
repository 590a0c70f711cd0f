import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mattran.organisations.models import Organisation

from .models import SearchEntry, SearchKind

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


class SearchForm(forms.Form):
    """The public search form. Its fields are named like Python names; in the URL they are the Vietnamese
    parameters ``q``, ``loai``, ``chuyen-muc``, ``to-chuc``, ``tu-ngay``, ``den-ngay`` (see ``add_prefix``)."""

    q = forms.CharField(label=_("Từ khóa"), required=False, strip=True)
    loai = forms.MultipleChoiceField(
        label=_("Loại nội dung"),
        choices=SearchKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Loại nội dung “%(value)s” không có.")},
    )
    chuyen_muc = forms.ChoiceField(
        label=_("Chuyên mục"),
        required=False,
        error_messages={"invalid_choice": _("Chuyên mục “%(value)s” không có.")},
    )
    to_chuc = forms.ModelChoiceField(
        label=_("Tổ chức"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tất cả tổ chức"),
        error_messages={"invalid_choice": _("Tổ chức này không có hoặc chưa có nội dung nào.")},
    )
    tu_ngay = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (ví dụ: 2025-07-01).")},
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (ví dụ: 2025-07-01).")},
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            # NUL characters (which PostgreSQL refuses in any string) become spaces in every parameter
            data = data.copy()
            for name, values in data.lists():
                data.setlist(name, [value.replace("\x00", " ") for value in values])
        super().__init__(data, **kwargs)
        categories = (
            SearchEntry.objects.exclude(category="").order_by("category").values_list("category", flat=True)
        )
        self.fields["chuyen_muc"].choices = [("", _("Tất cả chuyên mục"))] + [
            (c, c) for c in categories.distinct()
        ]
        # organisations that have entries, and the organisations above them (a filter includes the subtree)
        paths = SearchEntry.objects.filter(organisation__isnull=False).values_list(
            "organisation__path", flat=True
        )
        ids = {int(part) for path in paths.distinct() for part in path.strip("/").split("/") if part}
        self.fields["to_chuc"].queryset = Organisation.objects.filter(pk__in=ids).order_by("path")

    def add_prefix(self, field_name):
        return field_name.replace("_", "-")

    def clean_q(self):
        # a very long query is cut, not refused: people paste whole paragraphs
        return self.cleaned_data["q"][: settings.SEARCH_QUERY_MAX_CHARS]

    def _clean_day(self, name):
        day = self.cleaned_data[name]
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100."))
        return day

    def clean_tu_ngay(self):
        return self._clean_day("tu_ngay")

    def clean_den_ngay(self):
        return self._clean_day("den_ngay")

    def clean(self):
        data = super().clean()
        if data.get("tu_ngay") and data.get("den_ngay") and data["den_ngay"] < data["tu_ngay"]:
            self.add_error("den_ngay", _("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data

    def has_criteria(self) -> bool:
        data = self.cleaned_data
        return any(data.get(name) for name in ["q", "loai", "chuyen_muc", "to_chuc", "tu_ngay", "den_ngay"])
