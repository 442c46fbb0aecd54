from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "sihub.cases"
    label = "cases"
    verbose_name = _("Good examples")

    def ready(self) -> None:
        # Good examples join the ecosystem graph through the actors app's registry
        # (actors never imports cases): organisations involved in the same example
        # are linked in the network, and each profile lists its examples.
        from sihub.actors.graph import (
            EdgeStyle,
            register_content_provider,
            register_edge_kind,
            register_edge_provider,
        )
        from sihub.cases import selectors
        from sihub.cases.models import CasePage
        from sihub.sdg.suggestions import fields_text, register_taggable

        register_edge_provider("cases", selectors.case_actor_edges)
        register_edge_kind(selectors.CASE_EDGE_KIND, _("In the same good example"),
                           EdgeStyle(line="dotted", colour="#117733", directed=False,
                                     dash="1 3"))
        register_content_provider("cases", selectors.case_links_for_actor)
        # SDG suggestions from the example's text, refreshed when it is published.
        register_taggable(CasePage, text=fields_text(
            "title", "summary", "challenge", "solution", "target_groups", "results", "scaling"))
