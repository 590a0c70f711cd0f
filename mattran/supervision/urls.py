from django.urls import path

from .feeds import AccountabilityFeed
from .views import public

app_name = "supervision"

urlpatterns = [
    path("", public.accountability_list_view, name="list"),
    path("rss/", AccountabilityFeed(), name="feed"),
    path("<slug:slug>/", public.accountability_detail_view, name="detail"),
]
