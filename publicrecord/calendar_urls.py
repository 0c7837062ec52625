from django.urls import path

from publicrecord.private_calendar import private_calendar

urlpatterns = [path("<str:token>.ics", private_calendar, name="private-calendar")]
