from django.contrib.auth import views as auth_views
from django.urls import path

from bluebridge.core import views
from bluebridge.core.access import allow
from bluebridge.core.roles import PUBLIC

login_view = allow(PUBLIC)(auth_views.LoginView.as_view(template_name="core/login.html"))
logout_view = allow(PUBLIC)(auth_views.LogoutView.as_view())

urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/audit/", views.audit_log, name="staff-audit"),
    path("staff/tokens/", views.api_tokens, name="staff-tokens"),
    path("accounts/login/", login_view, name="login"),
    path("accounts/logout/", logout_view, name="logout"),
]
