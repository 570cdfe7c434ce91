"""Pages of this app (public and staff). Included at the site root by bluebridge.urls."""

from django.urls import URLPattern, path

from bluebridge.feedback import views_public, views_staff

urlpatterns: list[URLPattern] = [
    path("survey/thanks/", views_public.survey_thanks, name="survey-thanks"),
    path("survey/<str:survey_token>/", views_public.survey_answer, name="survey-answer"),
    path("community-survey/", views_public.community_survey, name="community-survey"),
    path("staff/feedback/", views_staff.dashboard_page, name="feedback-dashboard"),
    path("staff/feedback/export.csv", views_staff.export_csv, name="feedback-export"),
    path("staff/feedback/community-qr.svg", views_staff.community_qr, name="feedback-qr"),
    path("staff/feedback/surveys/", views_staff.survey_list, name="feedback-surveys"),
    path(
        "staff/feedback/surveys/<slug:survey>/",
        views_staff.survey_edit,
        name="feedback-survey-edit",
    ),
]
