from django.urls import path

from bluebridge.complaints import views_other, views_public, views_staff

urlpatterns = [
    # Residents
    path("compliments-and-complaints/", views_public.home, name="complaints-home"),
    path("complaints/new/", views_public.complaint_new, name="complaint-new"),
    path(
        "complaints/track/<str:complaint_token>/",
        views_public.complaint_track,
        name="complaint-track",
    ),
    path("commendations/new/", views_public.commendation_new, name="commendation-new"),
    path(
        "commendations/thanks/<str:commendation_token>/",
        views_public.commendation_thanks,
        name="commendation-thanks",
    ),
    path("recovery/<str:recovery_token>/", views_public.recovery_case, name="recovery-case"),
    # Staff
    path("staff/complaints/", views_staff.complaint_list, name="staff-complaints"),
    path("staff/complaints/new/", views_staff.complaint_new, name="staff-complaint-new"),
    path(
        "staff/complaints/analytics/", views_other.analytics_page, name="staff-complaints-analytics"
    ),
    path(
        "staff/complaints/officer-signals/", views_other.signals_page, name="staff-officer-signals"
    ),
    path(
        "staff/complaints/<str:complaint_ref>/",
        views_staff.complaint_detail,
        name="staff-complaint",
    ),
    path(
        "staff/complaints/<str:complaint_ref>/act/",
        views_staff.complaint_act,
        name="staff-complaint-act",
    ),
    path(
        "staff/complaints/<str:complaint_ref>/evidence/<int:evidence_id>/",
        views_staff.evidence_file,
        name="staff-complaint-evidence",
    ),
    path("staff/commendations/", views_other.commendations, name="staff-commendations"),
    path(
        "staff/commendations/match/",
        views_other.commendation_match,
        name="staff-commendation-match",
    ),
    path("staff/recovery/", views_other.recovery_list, name="staff-recovery"),
    path(
        "staff/recovery/<str:recovery_ref>/",
        views_other.recovery_detail,
        name="staff-recovery-case",
    ),
]
