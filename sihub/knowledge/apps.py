from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "sihub.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        # SDG suggestions from each page's text, refreshed when it is published
        # (sdg/suggestions.py). A method's purpose says most about what it is for.
        from sihub.knowledge import models
        from sihub.sdg.suggestions import fields_text, register_taggable

        register_taggable(models.KnowledgePage, text=fields_text("title", "intro", "body"))
        register_taggable(models.MethodPage,
                          text=fields_text("title", "intro", "purpose", "body"))
