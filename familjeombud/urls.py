from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from accounts import oidc as accounts_oidc
from accounts import views as accounts_views

from . import views
from .composed import UnitPageView

admin.site.site_header = "Familjeombudsportalen – administration"
admin.site.site_title = "Familjeombudsportalen"
admin.site.index_title = "Innehåll och register"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("halsa/", include("familjeombud.health")),
    # Browsers ask for /favicon.ico on their own; the file is static (whitenoise), its hashed
    # name looked up per request, so the URLconf loads before collectstatic has run.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("favicon.ico")),
        name="favicon",
    ),
    path("logga-in/", accounts_views.LoginView.as_view(), name="login"),
    path("logga-ut/", accounts_views.logout_view, name="logout"),
    # The region's sign-in (OpenID Connect); answers 404 while no provider is configured.
    path(
        "logga-in/region/",
        accounts_oidc.PortalAuthenticationRequestView.as_view(),
        name="oidc_authentication_init",
    ),
    path(
        "logga-in/region/svar/",
        accounts_oidc.PortalCallbackView.as_view(),
        name="oidc_authentication_callback",
    ),
    path("logga-in/", include("accounts.urls")),
    path("stodpaket/", include("mandates.urls")),
    # The unit page shows readiness and training's open actions: composed here, first match.
    path("beredskap/verksamheter/<int:pk>/", UnitPageView.as_view(), name="unit_page"),
    path("beredskap/", include("checklists.urls")),
    path("samverkan/", include("samverkan.urls")),
    path("utbildning/", include("training.urls")),
    path("paminnelser/", include("automation.urls")),
    path("", include("familjeombud.public_urls")),
    path("", include("familjeombud.audit_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "familjeombud.views.bad_request"
handler403 = "familjeombud.views.permission_denied"
handler404 = "familjeombud.views.page_not_found"
handler500 = "familjeombud.outage.server_error"
