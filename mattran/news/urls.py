from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("dem/", views.count, name="count"),
    path("dem/pixel.gif", views.pixel, name="pixel"),
]
