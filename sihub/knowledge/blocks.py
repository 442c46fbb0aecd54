from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from sihub.core.blocks import BodyBlock


class FigureBlock(blocks.StructBlock):
    """A chart or diagram with the caption and source readers need to trust it."""

    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "image"
        template = "knowledge/blocks/figure.html"


class ArticleBodyBlock(BodyBlock):
    figure = FigureBlock()
    embed = EmbedBlock(label=_("embed (video, slides)"), required=False)
