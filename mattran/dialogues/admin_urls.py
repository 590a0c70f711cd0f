from django.urls import path

from .views import backoffice as views
from .views import recording, sessions

urlpatterns = [
    path("", views.meeting_list_view, name="meetings"),
    path("moi/", views.meeting_create_view, name="meeting_create"),
    path("ky-hop/", sessions.session_list_view, name="sessions"),
    path("ky-hop/<int:pk>/", sessions.session_detail_view, name="session"),
    path("ky-hop/<int:pk>/nhom-lai/", sessions.consolidation_run_view, name="consolidation_run"),
    path("ky-hop/<int:pk>/kien-nghi-cu-tri.docx", sessions.session_docx_view, name="session_docx"),
    path("ky-hop/<int:pk>/kien-nghi-cu-tri.xlsx", sessions.session_xlsx_view, name="session_xlsx"),
    path("ky-hop/<int:pk>/nhom/<int:group_pk>/<str:action>/", sessions.group_action_view, name="group_action"),
    path("<int:pk>/", views.meeting_detail_view, name="meeting"),
    path("<int:pk>/sua/", views.meeting_edit_view, name="meeting_edit"),
    path("<int:pk>/ghi-y-kien/", recording.record_view, name="record"),
    path("<int:pk>/cau-hoi/", recording.questions_view, name="questions"),
    path("<int:pk>/cau-hoi/<int:opinion_pk>/tra-loi/", recording.question_answer_view, name="question_answer"),
    path("<int:pk>/bien-ban.pdf", views.minutes_file_view, name="minutes_file"),
    path("<int:pk>/<str:action>/", views.meeting_action_view, name="meeting_action"),
]
