from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from mattran.accounts.permissions import organisation_list_for
from mattran.organisations.models import Topic

from .models import DocumentKind, ValidityStatus
from .permissions import DOCUMENT_ROLES, document_filter_linkable
from .selectors import DocumentFilters, document_issuer_names, document_registers

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


class DocumentFilterForm(forms.Form):
    """The public list's filters; every field optional, every value checked (odd input gives a 400 with the
    error shown, never a 500)."""

    so = forms.CharField(label=_("Số ký hiệu"), required=False, max_length=120, help_text=_("Ví dụ: 994-QĐ/TU"))
    q = forms.CharField(label=_("Trích yếu có chứa"), required=False, max_length=200)
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    co_quan = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    to_chuc = forms.ChoiceField(label=_("Danh mục của"), required=False)
    linh_vuc = forms.ModelChoiceField(
        label=_("Lĩnh vực"), required=False, queryset=Topic.objects.none(), to_field_name="code",
        empty_label=_("Tất cả"),
    )
    hieu_luc = forms.ChoiceField(label=_("Tình trạng hiệu lực"), required=False)
    nam = forms.IntegerField(label=_("Năm ban hành"), required=False, min_value=1945, max_value=2100)
    tu_ngay = forms.DateField(label=_("Ban hành từ ngày"), required=False, input_formats=DATE_FORMATS,
                              widget=forms.DateInput(attrs={"type": "date"}))
    den_ngay = forms.DateField(label=_("đến ngày"), required=False, input_formats=DATE_FORMATS,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["loai"].choices = everything + list(DocumentKind.choices)
        self.fields["co_quan"].choices = everything + [(name, name) for name in document_issuer_names()]
        self.fields["to_chuc"].choices = everything + [(o.slug, o.name) for o in document_registers()]
        self.fields["hieu_luc"].choices = everything + list(ValidityStatus.choices)
        self.fields["linh_vuc"].queryset = Topic.objects.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and end < start:
            raise ValidationError(_("“Đến ngày” phải sau “Ban hành từ ngày”."))
        return cleaned

    def to_filters(self) -> DocumentFilters:
        data = self.cleaned_data
        return DocumentFilters(
            number=data.get("so") or "",
            text=data.get("q") or "",
            kind=data.get("loai") or "",
            issuer_name=data.get("co_quan") or "",
            organisation_slug=data.get("to_chuc") or "",
            topic_code=data["linh_vuc"].code if data.get("linh_vuc") else "",
            validity_status=data.get("hieu_luc") or "",
            year=data.get("nam"),
            issued_from=data.get("tu_ngay"),
            issued_to=data.get("den_ngay"),
        )


class DocumentAdminForm(WagtailAdminModelForm):
    """The admin's form: the model's own validation (file type by content, size, dates, number clash) runs in
    ``is_valid()``; saving goes through the services (see wagtail_hooks)."""

    publish = forms.BooleanField(
        label=_("Công bố ngay"), required=False, initial=True,
        help_text=_("Bỏ chọn để lưu bản nháp, chưa hiện trên cổng thông tin."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["file"].widget = forms.FileInput(attrs={"accept": ".pdf,.doc,.docx"})  # no "clear" box
        if for_user is not None and "organisation" in self.fields:
            self.fields["organisation"].queryset = organisation_list_for(user=for_user, roles=DOCUMENT_ROLES)
        if self.instance.pk:
            self.fields.pop("publish", None)  # publishing an existing entry is its own action
        if "related_documents" in self.fields:
            field = self.fields["related_documents"]
            # published entries and the user's own registers' drafts (finding 16), plus the links already made
            linkable = document_filter_linkable(field.queryset, user=for_user) if for_user else field.queryset
            if self.instance.pk:
                linked = self.instance.related_documents.values("pk")
                linkable = (linkable | field.queryset.filter(pk__in=linked)).exclude(pk=self.instance.pk)
            field.queryset = linkable.distinct()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish") and not cleaned.get("file"):
            self.add_error("file", _("Cần tải lên tệp văn bản trước khi công bố."))
        return cleaned
