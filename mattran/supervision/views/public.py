"""The public accountability page (/giam-sat/): published supervisions, their findings and every
recommendation's status, progress and milestones. No personal data; only what the committee published."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from mattran.organisations.models import Body, Organisation

from .. import selectors
from ..models import RecommendationStatus, SupervisionActivity


class AccountabilityFilterForm(forms.Form):
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    to_chuc = forms.SlugField(label=_("Ủy ban"), required=False, max_length=100)
    co_quan = forms.SlugField(label=_("Cơ quan"), required=False, max_length=100)
    tinh_trang = forms.ChoiceField(
        label=_("Tình trạng kiến nghị"),
        required=False,
        choices=[("", _("Tất cả"))] + [c for c in RecommendationStatus.choices if c[0] != RecommendationStatus.DRAFTED],
    )


def _filters(request):
    # The form's field names use "_"; the URL keeps the project's hyphenated parameters.
    data = {key.replace("-", "_"): value for key, value in request.GET.items()}
    form = AccountabilityFilterForm(data)
    if not form.is_valid():
        return form, {}
    values = form.cleaned_data
    return form, {
        "year": values["nam"],
        "organisation": Organisation.objects.filter(slug=values["to_chuc"]).first() if values["to_chuc"] else None,
        "body": Body.objects.filter(slug=values["co_quan"]).first() if values["co_quan"] else None,
        "status": values["tinh_trang"] or None,
    }


def accountability_list_view(request):
    form, filters = _filters(request)
    activities = selectors.activity_list_public(**filters)
    page = Paginator(activities, 10).get_page(request.GET.get("trang"))
    return render(
        request,
        "supervision/accountability_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "shares": selectors.recommendation_share_public(activities=activities),
            "organisations": selectors.organisation_list_with_public_supervisions(),
            "years": range(datetime.date.today().year, 2017, -1),
            "statuses": form.fields["tinh_trang"].choices,
        },
        status=200 if form.is_valid() else 400,
    )


def accountability_detail_view(request, slug: str):
    activity = get_object_or_404(SupervisionActivity.objects.filter(is_published=True), slug=slug)
    recommendations = selectors.recommendation_list_public(activity=activity)
    if recommendations is None:
        raise Http404
    return render(
        request,
        "supervision/accountability_detail.html",
        {"activity": activity, "recommendations": recommendations},
    )
