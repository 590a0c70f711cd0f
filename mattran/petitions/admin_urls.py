from django.urls import path

from .views import backoffice, intake, triage

app_name = "petitions_admin"
urlpatterns = [
    path("", backoffice.queue_view, name="queue"),
    path("thao-tac-hang-loat/", backoffice.bulk_action_view, name="bulk"),
    path("tiep-nhan/", intake.intake_view, name="intake"),
    path("nhap-xlsx/", intake.import_view, name="import"),
    path("nhap-xlsx/mau.xlsx", intake.import_template_view, name="import_template"),
    path("<int:pk>/", backoffice.detail_view, name="detail"),
    path("<int:pk>/tep/<int:attachment_id>/", backoffice.attachment_view, name="attachment"),
    path("<int:pk>/van-ban-tra-loi/", backoffice.answer_document_view, name="answer_document"),
    path("<int:pk>/gui-lai-duong-dan/", backoffice.liaison_link_resend_view, name="resend_link"),
    path("<int:pk>/che-do-mat/", backoffice.confidential_view, name="confidential"),
    path("<int:pk>/ca-nhan/", backoffice.personal_data_view, name="personal_data"),
    path("<int:pk>/ghi-chu/", triage.note_view, name="note"),
    path("<int:pk>/don-doc/", triage.chase_view, name="chase"),
    path("<int:pk>/giao-can-bo/", triage.assign_view, name="assign"),
    # last: one path segment naming a workflow action (accept, forward, answer…)
    path("<int:pk>/<str:action>/", backoffice.action_view, name="action"),
]
