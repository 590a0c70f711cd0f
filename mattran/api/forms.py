"""Parsing of an Open311 POST (form-encoded, as GeoReport clients send it)."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .open311 import DEFAULT_KIND, DESCRIPTION_LIMIT, OPEN311_KINDS

TITLE_LENGTH = 200
TITLE_FROM_DESCRIPTION = 120
COORDINATE_PLACES = Decimal("0.000001")  # the petition stores six decimal places (about 10 cm)


def title_from_description(text: str) -> str:
    """Open311 has no title: the first line of the description, cut at a word near 120 characters."""
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    if len(first) <= TITLE_FROM_DESCRIPTION:
        return first
    cut = first[:TITLE_FROM_DESCRIPTION].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


class Open311RequestForm(forms.Form):
    """The spec's POST arguments. ``service_code`` and ``jurisdiction_id`` are resolved by the view, because
    the spec answers "not provided" (400) and "not found" (404) differently."""

    service_code = forms.CharField(max_length=60, required=False)
    jurisdiction_id = forms.CharField(max_length=100, required=False)
    lat = forms.DecimalField(min_value=-90, max_value=90, required=False)
    long = forms.DecimalField(min_value=-180, max_value=180, required=False)
    address_string = forms.CharField(max_length=255, required=False)
    address_id = forms.CharField(max_length=100, required=False)
    email = forms.EmailField(required=False)
    device_id = forms.CharField(max_length=100, required=False)
    account_id = forms.CharField(max_length=100, required=False)
    first_name = forms.CharField(max_length=70, required=False)
    last_name = forms.CharField(max_length=70, required=False)
    phone = forms.CharField(max_length=30, required=False)
    description = forms.CharField(max_length=DESCRIPTION_LIMIT, required=False)
    media_url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    # attribute[...] of the service definition
    kind = forms.ChoiceField(choices=[(k, k) for k in OPEN311_KINDS], required=False)
    title = forms.CharField(max_length=TITLE_LENGTH, required=False)
    publish_consent = forms.ChoiceField(choices=[("true", "true"), ("false", "false")], required=False)

    ATTRIBUTES = ("kind", "title", "publish_consent")

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for code in self.ATTRIBUTES:
                value = data.get(f"attribute[{code}]")
                if value is not None:
                    data[code] = value
                elif code in data:
                    # Only the attribute[...] spelling sets an attribute; a bare "kind=" is not the spec's.
                    del data[code]
        super().__init__(data, **kwargs)

    def clean_lat(self):
        value = self.cleaned_data["lat"]
        return value.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP) if value is not None else None

    def clean_long(self):
        value = self.cleaned_data["long"]
        return value.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP) if value is not None else None

    def clean_kind(self):
        return self.cleaned_data["kind"] or DEFAULT_KIND

    def clean_publish_consent(self):
        return self.cleaned_data["publish_consent"] == "true"

    def clean(self):
        data = super().clean()
        lat, long = data.get("lat"), data.get("long")
        if "lat" in self.errors or "long" in self.errors:
            return data
        if (lat is None) != (long is None):
            raise forms.ValidationError(_("lat và long phải được gửi cùng nhau."), code="lat_long_pair")
        if lat is None and not data.get("address_string") and not data.get("address_id"):
            raise forms.ValidationError(
                _("Thiếu vị trí: hãy gửi lat và long, hoặc address_string, hoặc address_id."), code="location"
            )
        if not (data.get("description") or "").strip():
            self.add_error("description", _("Hãy gửi nội dung ý kiến (description)."))
        return data

    @property
    def address(self) -> str:
        data = self.cleaned_data
        if data.get("address_string"):
            return data["address_string"].strip()
        if data.get("address_id"):
            return str(_("Mã địa chỉ: %(id)s")) % {"id": data["address_id"].strip()}
        return ""

    @property
    def title_value(self) -> str:
        return (self.cleaned_data.get("title") or "").strip() or title_from_description(
            self.cleaned_data["description"]
        )

    def error_descriptions(self) -> list[str]:
        result = []
        for field, errors in self.errors.items():
            name = f"attribute[{field}]" if field in self.ATTRIBUTES else field
            for message in errors:
                result.append(message if field == "__all__" else f"{name}: {message}")
        return result
