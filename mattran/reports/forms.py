"""The report filter: organisation (within the officer's reach), period and roll-up."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.core.forms import BlankChoiceLabelMixin, BoundedDateField

from .periods import PeriodKind, period_build, period_range

KIND_CHOICES = [
    (PeriodKind.MONTH, _("Tháng")),
    (PeriodKind.QUARTER, _("Quý")),
    (PeriodKind.HALF, _("6 tháng")),
    (PeriodKind.YEAR, _("Năm")),
    (PeriodKind.RANGE, _("Khoảng thời gian")),
]


class ReportFilterForm(BlankChoiceLabelMixin, forms.Form):
    to_chuc = forms.ModelChoiceField(label=_("Tổ chức"), queryset=None, to_field_name="slug", required=False)
    ky = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=KIND_CHOICES, required=False)
    nam = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2100, required=False)
    so = forms.IntegerField(label=_("Tháng / quý / nửa năm"), min_value=1, max_value=12, required=False)
    tu = BoundedDateField(label=_("Từ ngày"), required=False)
    den = BoundedDateField(label=_("Đến ngày"), required=False)
    rieng = forms.BooleanField(label=_("Chỉ riêng tổ chức này (không gộp đơn vị trực thuộc)"), required=False)

    def __init__(self, *args, organisations, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].queryset = organisations
        self.today = today or timezone.localdate()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = data.get("ky") or PeriodKind.MONTH
        year = data.get("nam") or self.today.year
        try:
            if kind == PeriodKind.RANGE:
                if not data.get("tu") or not data.get("den"):
                    raise ValidationError(_("Nhập cả ngày bắt đầu và ngày kết thúc."))
                data["period"] = period_range(start=data["tu"], last_day=data["den"])
            else:
                default = {
                    PeriodKind.MONTH: self.today.month,
                    PeriodKind.QUARTER: (self.today.month - 1) // 3 + 1,
                    PeriodKind.HALF: 1 if self.today.month <= 6 else 2,
                }.get(kind, 1)
                data["period"] = period_build(kind=kind, year=year, number=data.get("so") or default)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return data
