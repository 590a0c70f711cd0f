"""Staff intake in the admin: one petition taken at the desk or on the phone, and the XLSX import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.accounts.permissions import organisation_list_for
from mattran.core.forms import add_validation_errors

from .. import selectors, services
from ..forms import ImportForm, PetitionStaffForm
from ..imports import import_template_xlsx


def intake_view(request):
    organisations = organisation_list_for(user=request.user).active_on(timezone.localdate())
    if not organisations.exists():
        raise PermissionDenied
    if request.method == "POST":
        form = PetitionStaffForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            data = form.cleaned_data
            try:
                petition = services.petition_submit(
                    channel=data["channel"], kind=data["kind"], topic=data["topic"], title=data["title"],
                    content=data["content"], organisation=data["organisation"], address=data["address"],
                    submitter_name=data["submitter_name"], submitter_phone=data["submitter_phone"],
                    submitter_email=data["submitter_email"], submitter_address=data["submitter_address"],
                    show_name_publicly=data["show_name_publicly"], publish_consent=data["publish_consent"],
                    confidential=data["confidential"], attachments=data["attachments"],
                    external_reference=data["external_reference"],
                    idempotency_key="staff:" + data["form_token"], submitted_at=form.submitted_at,
                    actor=request.user,
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                # The one screen that shows a secret key to staff: the receipt to hand (or read out) to the
                # submitter now. It is not shown again, nor stored in a message cookie.
                similar = selectors.petition_list_similar_open(
                    organisation=petition.organisation, title=petition.title, content=petition.content,
                    exclude_pk=petition.pk,
                )
                response = render(
                    request, "petitions/admin/intake_receipt.html", {"petition": petition, "similar": similar}
                )
                response["Cache-Control"] = "no-store"
                return response
        status = 400
    else:
        form = PetitionStaffForm(organisations=organisations)
        status = 200
    return render(request, "petitions/admin/intake.html", {"form": form}, status=status)


def import_view(request):
    organisations = organisation_list_for(user=request.user).active_on(timezone.localdate())
    if not organisations.exists():
        raise PermissionDenied
    errors = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            try:
                created = services.petition_import_xlsx(
                    file=form.cleaned_data["file"], organisation=form.cleaned_data["organisation"], actor=request.user
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Đã nhập %(n)s kiến nghị.") % {"n": len(created)})
                return HttpResponseRedirect(reverse("petitions_admin:queue"))
        status = 400
    else:
        form = ImportForm(organisations=organisations)
        status = 200
    return render(request, "petitions/admin/import.html", {"form": form, "errors": errors}, status=status)


def import_template_view(request):
    response = HttpResponse(
        import_template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-kien-nghi.xlsx"'
    return response
