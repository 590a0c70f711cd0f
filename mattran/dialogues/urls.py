from django.urls import path

from .views import public

app_name = "dialogues"

urlpatterns = [
    path("", public.meeting_list_view, name="list"),
    path("lich.ics", public.calendar_view, name="calendar"),
    path("ky-hop/<int:pk>/", public.session_detail_view, name="session"),
    path("<slug:slug>/", public.meeting_detail_view, name="detail"),
]
