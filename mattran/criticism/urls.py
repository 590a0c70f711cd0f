from django.urls import path

from .views import links, public

app_name = "criticism"

urlpatterns = [
    path("", public.draft_list_view, name="list"),
    path("chuyen-gia/<str:token>/", links.expert_view, name="expert"),
    path("co-quan/<str:token>/", links.body_reply_view, name="body_reply"),
    path("co-quan/<str:token>/van-ban-phan-bien.docx", links.body_document_view, name="body_document"),
    path("<slug:slug>/", public.draft_detail_view, name="detail"),
    path("<slug:slug>/so-sanh/", public.draft_diff_view, name="diff"),
]
