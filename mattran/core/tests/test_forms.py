"""The empty choice of the project's selects reads "— Chọn —" (translated), never Django's "---------"."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import get_resolver
from django.utils import translation
from wagtail.admin.viewsets import viewsets

import mattran
from mattran.accounts.models import Role
from mattran.accounts.services import membership_grant
from mattran.accounts.tests.factories import UserFactory
from mattran.core.forms import DJANGO_BLANK_LABEL, BlankChoiceLabelMixin, blank_choice_label_set
from mattran.core.viewsets import IndexView, ModelViewSet
from mattran.organisations.models import Topic
from mattran.organisations.tests.factories import OrganisationFactory


def _offers_djangos_blank(field) -> bool:
    if isinstance(field, forms.ModelChoiceField):
        return field.empty_label is not None and str(field.empty_label) == DJANGO_BLANK_LABEL
    if isinstance(field, forms.ChoiceField):
        return any(str(text) == DJANGO_BLANK_LABEL for _value, text in field.choices)
    return False


def _project_form_classes():
    for module_info in pkgutil.walk_packages(mattran.__path__, "mattran."):
        if ".tests" in module_info.name or ".migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                yield obj


def _project_model_viewsets():
    get_resolver().url_patterns  # noqa: B018 — the admin's URLs register the viewsets

    def walk(items):
        for viewset in items:
            yield viewset
            yield from walk(getattr(viewset, "viewsets", None) or [])

    return [v for v in walk(viewsets.viewsets) if isinstance(v, ModelViewSet) and v.model is not None]


def test_blank_choice_label_set_names_the_empty_choice_of_a_model_select():
    field = blank_choice_label_set(forms.ModelChoiceField(queryset=Topic.objects.none(), required=False))
    with translation.override("vi"):
        assert str(field.empty_label) == "— Chọn —"
    with translation.override("en"):
        assert str(field.empty_label) == "— Choose —"


def test_blank_choice_label_set_names_the_empty_choice_of_a_choice_select_and_keeps_the_others():
    field = blank_choice_label_set(forms.ChoiceField(choices=[("", DJANGO_BLANK_LABEL), ("a", "A")]))
    with translation.override("vi"):
        assert [(value, str(text)) for value, text in field.choices] == [("", "— Chọn —"), ("a", "A")]


def test_blank_choice_label_set_keeps_a_label_the_form_chose():
    field = blank_choice_label_set(forms.ModelChoiceField(queryset=Topic.objects.none(), empty_label="Tất cả"))
    assert field.empty_label == "Tất cả"


def test_every_project_form_whose_selects_have_djangos_empty_choice_relabels_it():
    unlabelled = [
        f"{form_class.__module__}.{form_class.__name__}"
        for form_class in _project_form_classes()
        if any(_offers_djangos_blank(field) for field in form_class.base_fields.values())
        and not issubclass(form_class, BlankChoiceLabelMixin)
    ]
    assert unlabelled == []


def test_every_admin_model_screen_of_the_project_is_built_on_the_core_viewset():
    from wagtail.admin.viewsets.model import ModelViewSet as WagtailModelViewSet

    get_resolver().url_patterns  # noqa: B018
    own = [v for v in viewsets.viewsets if isinstance(v, WagtailModelViewSet) and type(v).__module__.startswith("mattran")]
    assert own and all(isinstance(v, ModelViewSet) for v in own), [type(v).__name__ for v in own]
    assert all(issubclass(v.index_view_class, IndexView) for v in own), [type(v).__name__ for v in own]


@pytest.mark.django_db
def test_no_admin_model_form_of_the_project_offers_djangos_empty_choice():
    found = []
    for viewset in _project_model_viewsets():
        if "add" not in {pattern.name for pattern in viewset.get_urlpatterns()}:
            continue
        for for_update in (False, True):
            form = viewset.get_form_class(for_update=for_update)()
            found += [f"{type(viewset).__name__}.{name}" for name, field in form.fields.items()
                      if _offers_djangos_blank(field)]
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/quan-tri/memberships/new/", "/quan-tri/routing_rules/new/", "/quan-tri/van-ban/new/",
    "/quan-tri/memberships/", "/quan-tri/organisations/", "/quan-tri/van-ban/",
])
def test_admin_model_screens_show_a_translated_empty_choice(client, url):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(url)
    assert response.status_code == 200
    assert DJANGO_BLANK_LABEL not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/quan-tri/kien-nghi/tiep-nhan/", "/quan-tri/kien-nghi/nhap-xlsx/", "/quan-tri/giam-sat/cuoc-giam-sat/moi/",
])
def test_officer_screens_show_a_translated_empty_choice(client, url):
    officer = UserFactory()
    membership_grant(actor="test", user=officer, organisation=OrganisationFactory(), role=Role.OFFICER)
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert DJANGO_BLANK_LABEL not in html and "— Chọn —" in html


@pytest.mark.django_db
def test_admin_listing_filters_offer_all_as_their_empty_choice(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/quan-tri/van-ban/").content.decode()
    filters = html.split('id="filters-drilldown"', 1)[-1]
    assert ">Tất cả</option>" in filters and DJANGO_BLANK_LABEL not in html
