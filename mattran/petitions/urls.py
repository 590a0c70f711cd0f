from django.urls import path

from .feeds import AnsweredPetitionsFeed
from .views import public

app_name = "petitions"
urlpatterns = [
    path("gui/", public.petition_submit_view, name="submit"),
    path("da-gui/<str:code>/", public.petition_receipt_view, name="receipt"),
    path("tra-cuu/", public.petition_track_view, name="track"),
    path("tra-cuu/<str:code>/danh-gia/", public.petition_rate_view, name="rate"),
    path("tra-cuu/<str:code>/mo-lai/", public.petition_reopen_view, name="reopen"),
    path("da-tra-loi/", public.petition_answered_list_view, name="answered"),
    path("da-tra-loi/rss/", AnsweredPetitionsFeed(), name="answered_feed"),
    path("thong-ke/", public.petition_stats_view, name="stats"),
    path("co-quan/<str:token>/", public.liaison_view, name="liaison"),
]
