from django.urls import include, path

from bluebridge.servicedesk import views_public, views_staff

urlpatterns = [
    # Residents
    path("report/", views_public.report, name="report"),
    path("report/screen/", views_public.report_screen, name="report-screen"),
    path("report/fields/", views_public.report_fields, name="report-fields"),
    path("report/done/<str:token>/", views_public.report_done, name="report-done"),
    path("track/", views_public.track_lookup, name="track-lookup"),
    path("track/<str:token>/", views_public.track, name="track"),
    # Staff
    path("staff/queue/", views_staff.queue, name="staff-queue"),
    path("staff/requests/<str:reference>/", views_staff.request_detail, name="staff-request"),
    path(
        "staff/requests/<str:reference>/status/",
        views_staff.request_status,
        name="staff-request-status",
    ),
    path(
        "staff/requests/<str:reference>/note/", views_staff.request_note, name="staff-request-note"
    ),
    path(
        "staff/requests/<str:reference>/assign/",
        views_staff.request_assign,
        name="staff-request-assign",
    ),
    path(
        "staff/requests/<str:reference>/merge/",
        views_staff.request_merge,
        name="staff-request-merge",
    ),
    path(
        "staff/requests/<str:reference>/photo/",
        views_staff.request_photo,
        name="staff-request-photo",
    ),
    path("staff/sla/", views_staff.sla_performance, name="staff-sla"),
    path("staff/open311-keys/", include("bluebridge.servicedesk.open311.staff_urls")),
]
