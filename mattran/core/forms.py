"""Form helpers shared by every app: turning a service's ValidationError into form errors, NUL-free query
forms, date fields limited to 1900–2100, and a translated empty choice instead of Django's "---------"."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .parsing import EARLIEST, LATEST, date_in_range


def add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: field-keyed messages on their field when the form has
    it (else at the top), plain messages at the top. ``ValidationError`` has ``error_dict`` *or*
    ``error_list``, never both, so the branch must test which one it is."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.error_list)


def form_service_run(form: forms.Form, run) -> tuple[bool, object]:
    """The step every officer action view takes: validate ``form``, call ``run(form.cleaned_data)`` (one service
    call). Returns ``(True, result)``; or ``(False, refusal)`` when the form is invalid (refusal None) or the
    service refused with a ``ValidationError`` (nothing written) — its errors are then on the form, and the caller
    re-renders the page with a 400."""
    if not form.is_valid():
        return False, None
    try:
        return True, run(form.cleaned_data)
    except ValidationError as exc:
        add_validation_errors(form, exc)
        return False, exc


def without_nul(data):
    """A copy of a QueryDict (GET or POST) with NUL characters removed from every value."""
    if data is None:
        return None
    data = data.copy()
    for name, values in data.lists():
        data.setlist(name, [value.replace("\x00", "") if isinstance(value, str) else value for value in values])
    return data


class BoundedDateField(forms.DateField):
    """A date between 1900 and 2100: beyond, date arithmetic overflows and the database cannot store it."""

    default_error_messages = {
        "invalid": _("Ngày không hợp lệ (ví dụ: 2026-07-01)."),
        "out_of_range": _("Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100."),
    }

    def validate(self, value):
        super().validate(value)
        if value is not None and not date_in_range(value):
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")


class BoundedDateTimeField(forms.DateTimeField):
    """A date-time between 1900 and 2100 (see ``BoundedDateField``)."""

    default_error_messages = {
        "out_of_range": _("Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100."),
    }

    def validate(self, value):
        super().validate(value)
        if value is not None and not date_in_range(value):
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")


# Django's empty choice of a select ("---------" for a ModelChoiceField and for a model field with choices):
# meaningless to a reader and to a screen reader, and the same in every language.
DJANGO_BLANK_LABEL = "---------"
BLANK_CHOICE_LABEL = _("— Chọn —")


def blank_choice_label_set(field, label=BLANK_CHOICE_LABEL):
    """Give a select's empty choice a translated label when it still has Django's "---------" (a label a form
    chose itself, such as "— Chọn lĩnh vực —" or "Tất cả", is kept). Returns the field."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and str(field.empty_label) == DJANGO_BLANK_LABEL:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(value == "" and str(text) == DJANGO_BLANK_LABEL for value, text in choices):
            field.choices = [
                (value, label if value == "" and str(text) == DJANGO_BLANK_LABEL else text) for value, text in choices
            ]
    return field


class BlankChoiceLabelMixin:
    """For a form with selects: every empty choice reads "— Chọn —" (translated), not "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            blank_choice_label_set(field)


__all__ = [
    "BLANK_CHOICE_LABEL", "EARLIEST", "LATEST", "BlankChoiceLabelMixin", "BoundedDateField", "BoundedDateTimeField",
    "add_validation_errors", "blank_choice_label_set", "without_nul",
]
