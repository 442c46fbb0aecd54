from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from sihub.api.api import api
from sihub.core import views as core_views
from sihub.core.seo import Sitemap

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # All languages in one sitemap (see seo.Sitemap for why not Wagtail's own).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("search/", include("sihub.search.urls")),
    path("agenda2030/", include("sihub.sdg.urls")),
    path("actors/", include("sihub.actors.urls")),
    path("digest/", include("sihub.monitoring.urls")),
    path("initiatives/", include("sihub.impact.urls")),
    path("coalitions/", include("sihub.coalitions.urls")),
    path("events/", include("sihub.events.urls")),
    path("surveys/", include("sihub.surveys.urls")),
    path("", include("sihub.core.urls")),
    path("", include("sihub.knowledge.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "sihub.core.views.page_not_found"
handler500 = "sihub.core.views.server_error"
