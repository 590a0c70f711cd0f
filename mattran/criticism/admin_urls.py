from django.urls import path

from .views import backoffice as views

urlpatterns = [
    path("", views.draft_list_view, name="drafts"),
    path("moi/", views.draft_create_view, name="draft_create"),
    path("<int:pk>/", views.draft_detail_view, name="draft"),
    path("<int:pk>/van-ban-phan-bien.docx", views.consolidated_view, name="consolidated"),
    path("<int:pk>/phien-ban/<int:version_pk>/", views.version_file_view, name="version_file"),
    path("<int:pk>/y-kien/<int:comment_pk>/<str:action>/", views.comment_action_view, name="comment_action"),
    path("<int:pk>/loi-moi/<int:invitation_pk>/thu-hoi/", views.invitation_revoke_view, name="invitation_revoke"),
    path("<int:pk>/<str:action>/", views.draft_action_view, name="draft_action"),
]
