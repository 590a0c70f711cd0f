"""Staff manage the register in the Wagtail admin.

The create, edit and delete views save through the services (``document_create`` / ``document_update`` /
``document_delete``), so an admin edit is validated exactly like any other write and leaves the same audit row
and history event. Every view sees only the entries of the organisations the user has a membership for
(``DocumentPermissionPolicy`` + ``OrganisationScopedMixin``), so an officer of ward A gets a 404 for ward B's
entries. Publishing and withdrawing are their own actions (buttons on the edit page).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import modelform_factory
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from mattran.core.viewsets import IndexView, ModelViewSet

from .forms import DocumentAdminForm
from .models import Document, PublicationStatus
from .permissions import DocumentPermissionPolicy, document_filter_for_user
from .services import (
    EDITABLE_FIELDS,
    document_create,
    document_delete,
    document_publish,
    document_update,
    document_withdraw,
)

FORM_FIELDS = [*EDITABLE_FIELDS, "file", "related_documents"]


def _form_errors_from(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class OrganisationScopedMixin:
    def get_queryset(self):
        return document_filter_for_user(super().get_queryset(), user=self.request.user)

    def get_base_object_queryset(self):
        return document_filter_for_user(Document.objects.all(), user=self.request.user)


class DocumentIndexView(OrganisationScopedMixin, IndexView):
    pass


class InvalidIs400Mixin:
    """The form shown again with its errors answers 400, as every refused input in the project does."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if response.status_code == 200:
            response.status_code = 400
        return response


class DocumentCreateView(InvalidIs400Mixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        document = document_create(
            actor=self.request.user,
            publish=data.get("publish", False),
            related_documents=list(data.get("related_documents") or []),
            file=data.get("file") or None,
            **{name: data.get(name) for name in EDITABLE_FIELDS},
        )
        log(instance=document, action="wagtail.create", content_changed=True)
        return document

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:  # a rule only the service can check; nothing was written
            _form_errors_from(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class DocumentEditView(InvalidIs400Mixin, OrganisationScopedMixin, generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        uploaded = data.get("file")
        document = document_update(
            actor=self.request.user,
            document=self.object,
            file=uploaded if isinstance(uploaded, UploadedFile) else None,
            related_documents=list(data.get("related_documents") or []),
            **{name: data.get(name) for name in EDITABLE_FIELDS},
        )
        self.has_content_changes = self.form.has_changed()
        log(instance=document, action="wagtail.edit", content_changed=self.has_content_changes)
        return document

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            _form_errors_from(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.publication_status == PublicationStatus.PUBLISHED:
            buttons.append(Button(_("Ngừng công bố"), url=reverse("documents_admin:withdraw", args=[self.object.pk]),
                                  icon_name="cross", priority=5))
            buttons.append(Button(_("Xem trên cổng"), url=self.object.get_absolute_url(), icon_name="view",
                                  priority=6))
        else:
            buttons.append(Button(_("Công bố"), url=reverse("documents_admin:publish", args=[self.object.pk]),
                                  icon_name="upload", priority=5))
        if self.object.file:  # drafts too: the download view lets this register's staff through
            buttons.append(Button(_("Tải tệp"), url=self.object.get_download_url(), icon_name="download", priority=7))
        return buttons


class DocumentDeleteView(OrganisationScopedMixin, generic.DeleteView):
    def delete_action(self):
        log(instance=self.object, action="wagtail.delete")
        document_delete(actor=self.request.user, document=self.object)


class DocumentHistoryView(OrganisationScopedMixin, HistoryView):
    pass


class DocumentUsageView(OrganisationScopedMixin, UsageView):
    pass


class DocumentOperationView(
    OrganisationScopedMixin, PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Confirm (GET) and perform (POST) one workflow step on an entry."""

    model = Document
    permission_required = "change"
    template_name = "documents/admin/document_confirm.html"
    operation = ""
    confirm_label = ""
    confirmation_message = ""

    def get_page_subtitle(self):
        return str(self.object)

    def get_success_url(self):
        return reverse("documents_admin:edit", args=[self.object.pk])

    def perform(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.perform()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message % {"document": self.object})
        return redirect(self.get_success_url())


class DocumentPublishView(DocumentOperationView):
    operation = "publish"
    page_title = gettext_lazy("Công bố văn bản")
    confirm_label = gettext_lazy("Công bố")
    confirmation_message = gettext_lazy("Công bố văn bản này trên cổng thông tin?")
    success_message = gettext_lazy("Đã công bố %(document)s.")

    def perform(self):
        document_publish(actor=self.request.user, document=self.object)


class DocumentWithdrawView(DocumentOperationView):
    operation = "withdraw"
    page_title = gettext_lazy("Ngừng công bố văn bản")
    confirm_label = gettext_lazy("Ngừng công bố")
    confirmation_message = gettext_lazy("Gỡ văn bản này khỏi cổng thông tin? Lịch sử và tệp vẫn được giữ.")
    success_message = gettext_lazy("Đã ngừng công bố %(document)s.")

    def perform(self):
        document_withdraw(actor=self.request.user, document=self.object, reason=self.request.POST.get("reason", ""))


class DocumentViewSet(ModelViewSet):
    model = Document
    icon = "doc-full"
    menu_label = gettext_lazy("Văn bản")
    menu_order = 250
    add_to_admin_menu = True
    name = "documents_admin"
    url_prefix = "van-ban"
    index_view_class = DocumentIndexView
    add_view_class = DocumentCreateView
    edit_view_class = DocumentEditView
    delete_view_class = DocumentDeleteView
    history_view_class = DocumentHistoryView
    usage_view_class = DocumentUsageView
    list_display = [
        "__str__",
        Column("issued_on", label=gettext_lazy("Ngày ban hành"), sort_key="issued_on"),
        "issuer_name",
        "organisation",
        "publication_status",
    ]
    list_filter = ["kind", "publication_status", "validity_status", "organisation"]
    search_fields = ["number", "abstract", "issuer_name", "signer"]
    form_fields = FORM_FIELDS

    @property
    def permission_policy(self):
        return DocumentPermissionPolicy(Document)

    def get_form_class(self, for_update=False):
        return modelform_factory(
            Document, form=DocumentAdminForm, fields=FORM_FIELDS, formfield_callback=self.formfield_for_dbfield
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", DocumentPublishView.as_view(permission_policy=self.permission_policy,
                                                                  header_icon=self.icon), name="publish"),
            path("withdraw/<int:pk>/", DocumentWithdrawView.as_view(permission_policy=self.permission_policy,
                                                                    header_icon=self.icon), name="withdraw"),
        ]


@hooks.register("register_admin_viewset")
def register_document_viewset():
    return DocumentViewSet()


@hooks.register("news_article_related")
def article_related_documents(article, request):
    """The article page's "Văn bản liên quan": register entries cited in its title, lead or body."""
    from django.template.loader import render_to_string

    from .selectors import document_list_referenced

    text = " ".join(
        str(part) for part in (article.title, getattr(article, "lead", ""), getattr(article, "body", "")) if part
    )
    documents = document_list_referenced(text=text)
    if not documents:
        return ""
    return render_to_string(
        "documents/includes/related_documents.html", {"documents": documents, "heading_level": 2}, request=request
    )
