from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class FactBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "info-circle"
        template = "core/blocks/fact_box.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"), form_classname="title", template="core/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock(label=_("image"))
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    document = DocumentChooserBlock(label=_("download"), template="core/blocks/document.html")
