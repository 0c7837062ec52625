"""The chaser letters' pages, added to correspondence/urls.py."""

from django.urls import path

from correspondence.views import chaser_letters

urlpatterns = [
    path(
        "correspondence/chaser-letters/",
        chaser_letters.ChaserLetterListView.as_view(),
        name="chaser-letter-list",
    ),
    path(
        "correspondence/chaser-letters/new/",
        chaser_letters.ChaserLetterCreateView.as_view(),
        name="chaser-letter-create",
    ),
    path(
        "correspondence/chaser-letters/<int:pk>/letter.pdf",
        chaser_letters.ChaserLetterPdfView.as_view(),
        name="chaser-letter-pdf",
    ),
    path(
        "correspondence/chaser-letters/<int:pk>/send/",
        chaser_letters.ChaserLetterSendView.as_view(),
        name="chaser-letter-send",
    ),
]
