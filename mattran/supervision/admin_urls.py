from django.urls import path

from .views import backoffice as views
from .views import liaison, recommendations

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("chuong-trinh/", views.programme_list_view, name="programmes"),
    path("chuong-trinh/<int:pk>/", views.programme_detail_view, name="programme"),
    path("chon-noi-dung/", views.topic_picker_view, name="topic_picker"),
    path("cuoc-giam-sat/moi/", views.activity_create_view, name="activity_create"),
    path("cuoc-giam-sat/<int:pk>/", views.activity_detail_view, name="activity"),
    path("cuoc-giam-sat/<int:pk>/tai-lieu/<int:document_pk>/", views.activity_document_view, name="activity_document"),
    path("cuoc-giam-sat/<int:pk>/kien-nghi/", views.recommendation_create_view, name="recommendation_create"),
    path("cuoc-giam-sat/<int:pk>/<str:action>/", views.activity_action_view, name="activity_action"),
    path("kien-nghi/<int:pk>/", recommendations.recommendation_detail_view, name="recommendation"),
    path("kien-nghi/<int:pk>/cong-van.docx", recommendations.recommendation_letter_view, name="recommendation_letter"),
    path("kien-nghi/<int:pk>/minh-chung/<int:milestone_pk>/", recommendations.recommendation_evidence_view, name="evidence"),
    path("kien-nghi/<int:pk>/<str:action>/", recommendations.recommendation_action_view, name="recommendation_action"),
    path("co-quan/", liaison.my_list_view, name="liaison_list"),
    path("co-quan/<int:pk>/", liaison.my_detail_view, name="liaison_detail"),
    path("co-quan/<int:pk>/<str:action>/", liaison.my_action_view, name="liaison_action"),
]
