from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sihub.actors"
    verbose_name = _("Ecosystem actors")

    def ready(self) -> None:
        # Cache plumbing, not business logic: the directory, profiles, map and
        # network are served from the anonymous page cache, so any change to
        # actors, offerings, relations or public contacts retires it.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from sihub.actors import models
        from sihub.core import pagecache

        for model in (models.Actor, models.Offering, models.Relation, models.Contact):
            for signal in (post_save, post_delete):
                signal.connect(pagecache.invalidate, sender=model,
                               dispatch_uid=f"pagecache-{model.__name__}-{signal!r}")
        for through in (models.Actor.sdgs.through, models.Actor.counties.through,
                        models.Actor.municipalities.through, models.Actor.themes.through,
                        models.Offering.counties.through, models.Offering.municipalities.through):
            m2m_changed.connect(pagecache.invalidate, sender=through,
                                dispatch_uid=f"pagecache-m2m-{through.__name__}")

        # SDG suggestions from the profile in both languages, refreshed on save.
        from sihub.sdg.suggestions import fields_text, register_taggable

        register_taggable(models.Actor,
                          text=fields_text("name", "description_sv", "description_en"))
