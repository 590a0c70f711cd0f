"""Admin for API keys: created through ``api_key_create`` (the raw key is shown once), stopped through
``api_key_deactivate``; each officer sees and issues keys only for the organisations they administer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import log
from wagtail.permission_policies.base import ModelPermissionPolicy

from mattran.accounts.models import Role
from mattran.accounts.permissions import organisation_filter, organisation_list_for
from mattran.core.viewsets import IndexView, ModelViewSet

from .models import ApiKey, Open311Request
from .services import api_key_create, api_key_deactivate


class _OwnOrganisationsMixin:
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "organisation" in form.fields:
            form.fields["organisation"].queryset = organisation_list_for(user=self.request.user, roles=[Role.ADMIN])
        return form


class ApiKeyCreateView(_OwnOrganisationsMixin, generic.CreateView):
    def form_valid(self, form):
        self.form = form
        data = form.cleaned_data
        try:
            self.object, raw_key = api_key_create(
                name=data["name"],
                organisation=data["organisation"],
                posts_per_hour=data["posts_per_hour"],
                contact=data.get("contact", ""),
                actor=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        log(instance=self.object, action="wagtail.create", content_changed=True)
        response = TemplateResponse(
            self.request,
            "api/apikey_created.html",
            {"api_key": self.object, "raw_key": raw_key, "index_url": reverse(self.index_url_name)},
        )
        add_never_cache_headers(response)  # the raw key must not stay in any cache
        return response


class ApiKeyIndexView(IndexView):
    def get_base_queryset(self):
        return organisation_filter(super().get_base_queryset(), user=self.request.user, roles=[Role.ADMIN])


class ApiKeyEditView(_OwnOrganisationsMixin, generic.EditView):
    def get_object(self, queryset=None):
        api_key = super().get_object(queryset)
        if not organisation_list_for(user=self.request.user, roles=[Role.ADMIN]).filter(
            pk=api_key.organisation_id
        ).exists():
            raise Http404
        return api_key


def _deactivate_link(api_key: ApiKey):
    if not api_key.is_active:
        return _("đã ngừng dùng")
    return format_html(
        '<a class="button button-small button-secondary" href="{}">{}</a>',
        reverse("api_keys:deactivate", args=[api_key.pk]),
        _("Ngừng dùng"),
    )


def api_key_deactivate_view(request, pk: int):
    if not request.user.has_perm("api.change_apikey"):
        raise PermissionDenied
    api_key = get_object_or_404(
        organisation_filter(ApiKey.objects.all(), user=request.user, roles=[Role.ADMIN]), pk=pk
    )
    if request.method == "POST":
        try:
            api_key_deactivate(api_key=api_key, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã ngừng dùng khóa “%(name)s”.") % {"name": api_key.name})
        return redirect("api_keys:index")
    return TemplateResponse(request, "api/apikey_deactivate.html", {"api_key": api_key})


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = gettext_lazy("Khóa API (Open311)")
    add_to_settings_menu = True
    add_view_class = ApiKeyCreateView
    edit_view_class = ApiKeyEditView
    index_view_class = ApiKeyIndexView
    copy_view_enabled = False
    form_fields = ["name", "organisation", "posts_per_hour", "contact"]
    list_display = [
        "name",
        "organisation",
        "prefix",
        "posts_per_hour",
        "last_used_at",
        Column("deactivate", label=gettext_lazy("Trạng thái"), accessor=_deactivate_link),
    ]
    search_fields = ["name", "prefix"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/ngung-dung/", api_key_deactivate_view, name="deactivate")
        ]


@hooks.register("register_admin_viewset")
def register_api_keys():
    return ApiKeyViewSet("api_keys")


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Open311 requests are written only by the POST endpoint; staff may look, never add, edit or delete."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class Open311RequestIndexView(IndexView):
    def get_base_queryset(self):
        return organisation_filter(
            super().get_base_queryset().select_related("petition", "api_key"),
            user=self.request.user,
            field="petition__organisation",
        )


class Open311RequestViewSet(ModelViewSet):
    """What an application sent besides the petition (its photo link, device and account ids), for the
    officers of the receiving organisation."""

    model = Open311Request
    icon = "link"
    menu_label = gettext_lazy("Yêu cầu Open311")
    add_to_settings_menu = True
    index_view_class = Open311RequestIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["media_url"]
    list_display = ["petition", "api_key", "media_url", "device_id", "account_id", "created_at"]
    # The petition column prints its reference (``Petition.__str__``): never its title (it may be confidential)
    # nor the submitter's secret tracking code.
    search_fields = ["petition__reference", "token"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


@hooks.register("register_admin_viewset")
def register_open311_requests():
    return Open311RequestViewSet("open311_requests")
