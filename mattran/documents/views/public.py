"""Public pages of the văn bản register: list with filters, detail, file download."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mattran.core.text import vi_slugify

from ..files import CONTENT_TYPES
from ..forms import DocumentFilterForm
from ..models import Document
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
    document = document_get_public(slug=slug)
    if document is None or not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(document.file_extension, "application/octet-stream"))
    name = document.download_filename()
    ascii_name = f"{vi_slugify(name.rsplit('.', 1)[0]) or 'van-ban'}.{document.file_extension}"
    # RFC 6266: an ASCII fallback for old clients, the Vietnamese name for everyone else.
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
