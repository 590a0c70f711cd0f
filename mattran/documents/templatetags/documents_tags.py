"""Template API of the register for other apps' templates (the news article page):

    {% load documents_tags %}
    {{ page.body|link_document_references }}        links "Quyết định 994-QĐ/TU ngày 25/5/2017" to its entry
    {% related_documents text=page.body %}           the "Văn bản liên quan" list (nothing when empty)
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from ..linking import link_references_in_html
from ..selectors import document_list_referenced

register = template.Library()


@register.filter(needs_autoescape=True)
def link_document_references(value, autoescape=True):
    """Link the document mentions in ``value``: an HTML fragment marked safe (rich text, a StreamField value,
    ``|richtext`` output) or plain text, which is escaped first when autoescaping is on."""
    if value is None:
        return ""
    if hasattr(value, "__html__") and not isinstance(value, str):
        html = str(value.__html__())  # RichText, StreamValue…
    elif isinstance(value, SafeData) or not autoescape:
        html = str(value)
    else:
        html = str(conditional_escape(value))
    return mark_safe(link_references_in_html(html))  # noqa: S308 — re-serialised by BeautifulSoup, text escaped


@register.inclusion_tag("documents/includes/related_documents.html")
def related_documents(text="", heading_level=2):
    """ "Văn bản liên quan": the published register entries that ``text`` mentions."""
    if hasattr(text, "__html__") and not isinstance(text, str):
        text = text.__html__()
    return {"documents": document_list_referenced(text=str(text or "")), "heading_level": heading_level}
