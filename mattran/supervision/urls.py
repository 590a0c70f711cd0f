from django.urls import path

from .feeds import AccountabilityFeed
from .views import liaison, public

app_name = "supervision"

urlpatterns = [
    path("", public.accountability_list_view, name="list"),
    path("rss/", AccountabilityFeed(), name="feed"),
    path("co-quan/<str:token>/", liaison.signed_link_view, name="liaison"),
    path("<slug:slug>/", public.accountability_detail_view, name="detail"),
]
