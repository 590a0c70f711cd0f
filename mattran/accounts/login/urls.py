"""Included at /quan-tri/ before Wagtail's admin URLs, so /quan-tri/login/ is the two-step login."""

from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.PasswordStepView.as_view(), name="accounts_login"),
    path("login/ma-xac-thuc/", views.code_view, name="accounts_login_code"),
    path("login/thiet-lap-xac-thuc/", views.enrol_view, name="accounts_login_enrol"),
    path("account/xac-thuc-hai-buoc/", views.account_view, name="accounts_two_factor"),
]
