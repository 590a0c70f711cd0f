"""Memberships in the admin ("Phân công"). The create, edit and delete views save through the services
(``membership_grant`` / ``membership_update`` / ``membership_revoke``), so an admin edit changes the person's
Wagtail groups and admin access at once and leaves an audit row, like any other write. Only users with the
Membership model permissions (in practice superusers) see the menu item: Wagtail hides it from everyone else."""

from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.log_actions import log

from mattran.core.viewsets import ModelViewSet

from .models import Membership
from .services import MEMBERSHIP_EDITABLE_FIELDS, membership_grant, membership_revoke, membership_update

CREATE_FIELDS = ["user", *MEMBERSHIP_EDITABLE_FIELDS]


class ServiceErrorsAs400Mixin:
    """A rule only the service checks comes back as form errors; refused input answers 400."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if response.status_code == 200:
            response.status_code = 400
        return response


class MembershipCreateView(ServiceErrorsAs400Mixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        membership = membership_grant(
            actor=self.request.user,
            user=data["user"],
            organisation=data["organisation"],
            role=data["role"],
            body=data.get("body"),
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
        )
        log(instance=membership, action="wagtail.create", content_changed=True)
        return membership


class MembershipEditView(ServiceErrorsAs400Mixin, generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        # the form has already applied its values to self.object; the service reloads it from the database
        membership = membership_update(
            actor=self.request.user,
            membership=self.object,
            **{name: data.get(name) for name in MEMBERSHIP_EDITABLE_FIELDS},
        )
        self.has_content_changes = self.form.has_changed()
        log(instance=membership, action="wagtail.edit", content_changed=self.has_content_changes)
        return membership


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self):
        log(instance=self.object, action="wagtail.delete")
        membership_revoke(actor=self.request.user, membership=self.object)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Phân công")
    menu_order = 210
    add_to_admin_menu = True
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    list_display = ["user", "organisation", "role", "body", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name"]
    form_fields = CREATE_FIELDS

    def get_form_class(self, for_update=False):
        # The person of a membership is fixed: to move a role to someone else, end it and grant a new one.
        fields = MEMBERSHIP_EDITABLE_FIELDS if for_update else CREATE_FIELDS
        return modelform_factory(
            Membership, form=WagtailAdminModelForm, fields=fields, formfield_callback=self.formfield_for_dbfield
        )


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet("memberships")
