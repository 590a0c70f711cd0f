"""Public pages of the văn bản register: list with filters, detail, file download."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mattran.core.files import private_file_response

from ..files import CONTENT_TYPES
from ..forms import DocumentFilterForm
from ..models import Document
from ..permissions import DocumentPermissionPolicy
from ..selectors import document_get_public, document_list_public, document_list_related_public

PAGE_SIZE = 20


@require_safe
def document_list(request):
    form = DocumentFilterForm(request.GET or None)
    status = 200
    documents = Document.objects.none()
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        filters = form.to_filters() if form.is_bound else None
        documents = document_list_public(filters=filters)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "documents/document_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "filtered": form.is_bound},
        status=status,
    )


@require_safe
def document_detail(request, slug):
    document = document_get_public(slug=slug)
    if document is None:
        raise Http404
    return render(
        request,
        "documents/document_detail.html",
        {"document": document, "related": document_list_related_public(document=document)},
    )


@require_safe
def document_download(request, slug):
    """The only way to a register file (they live in the private storage): a published entry's file for
    everyone; a draft's or withdrawn entry's only for staff who may manage that organisation's register."""
    document = document_get_public(slug=slug)
    if document is None:
        document = Document.objects.select_related("organisation").filter(slug=slug).first()
        if document is None or not DocumentPermissionPolicy(Document).user_has_permission_for_instance(
            request.user, "view", document
        ):
            raise Http404
    if not document.file:
        raise Http404
    return private_file_response(
        document.file,
        filename=document.download_filename(),
        content_type=CONTENT_TYPES.get(document.file_extension, "application/octet-stream"),
    )
