from django.urls import path

from .views import public

app_name = "documents"
urlpatterns = [
    path("", public.document_list, name="list"),
    path("<slug:slug>/", public.document_detail, name="detail"),
    path("<slug:slug>/tai-ve/", public.document_download, name="download"),
]
