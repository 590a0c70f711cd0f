"""StreamField blocks of an article body: paragraph, image with caption, quote."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    """A photo and its caption ("Quang cảnh hội nghị"). The image may be missing: pages imported from the old
    portal kept their captions but not their photos, and the caption is still shown where the photo stood."""

    image = ImageChooserBlock(label=_("ảnh"), required=False)
    caption = blocks.CharBlock(label=_("chú thích"), max_length=500)
    alt = blocks.CharBlock(
        label=_("mô tả ảnh cho người khiếm thị"),
        required=False,
        max_length=255,
        help_text=_("Để trống thì dùng chú thích."),
    )

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "news/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation from a speaker, set apart from the running text."""

    text = blocks.TextBlock(label=_("trích dẫn"))
    attribution = blocks.CharBlock(label=_("người phát biểu"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"),
        features=["bold", "italic", "link", "ol", "ul"],
        template="news/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
