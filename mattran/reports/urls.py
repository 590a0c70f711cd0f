from django.urls import path

from . import views, views_files

app_name = "reports_admin"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("xlsx/<slug:table>/", views.xlsx_view, name="xlsx"),
    path("bao-cao-docx/", views_files.request_view, name="docx_request"),
    path("bao-cao-docx/<int:pk>/", views_files.status_view, name="docx_status"),
    path("bao-cao-docx/<int:pk>/tai-ve/", views_files.download_view, name="docx_download"),
    path("bao-cao-docx/<int:pk>/pdf/", views_files.pdf_view, name="docx_pdf"),
]
