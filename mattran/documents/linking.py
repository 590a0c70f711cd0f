"""Turn document mentions inside an HTML fragment into links to the register.

Only text nodes are touched, never a tag's attributes, never text already inside a link (or a script, style,
heading's anchor…); the result is re-serialised by BeautifulSoup, so everything it contains is escaped.
"""

import unicodedata
from html import unescape

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Doctype, ProcessingInstruction
from django.utils.translation import gettext as _

from .references import find_references
from .selectors import document_resolve_references

SKIP_PARENTS = {"a", "script", "style", "textarea", "code", "pre", "button", "select", "option", "title"}
LINK_CLASS = "document-ref"


def _skippable(node) -> bool:
    if isinstance(node, Comment | Doctype | ProcessingInstruction):
        return True
    return any(parent.name in SKIP_PARENTS for parent in node.parents)


def link_references_in_html(html: str) -> str:
    """``html`` with every mention that resolves to a published register entry wrapped in
    ``<a class="document-ref" href="/van-ban/…/">``. Unresolved mentions stay plain text."""
    if not html:
        return ""
    if not find_references(unescape(html)):  # most fragments mention no document: skip the parse
        return html
    soup = BeautifulSoup(html, "html.parser")
    nodes = [node for node in soup.find_all(string=True) if not _skippable(node)]
    work = []
    for node in nodes:
        text = unicodedata.normalize("NFC", str(node))
        references = find_references(text)
        if references:
            work.append((node, text, references))
    if not work:
        return html
    resolved = document_resolve_references(references=[r for _node, _text, refs in work for r in refs])
    if not resolved:
        return html
    # One href and title per entry (a display label costs a translation lookup; an article repeats mentions).
    attrs = {
        document.pk: {
            "class": LINK_CLASS,
            "href": document.get_absolute_url(),
            "title": _("%(document)s — %(abstract)s") % {"document": document, "abstract": document.abstract[:150]},
        }
        for document in set(resolved.values())
    }
    for node, text, references in work:
        pieces, position = [], 0
        for reference in references:
            document = resolved.get(reference)
            if document is None:
                continue
            pieces.append(NavigableString(text[position : reference.start]))
            link = soup.new_tag("a", attrs=dict(attrs[document.pk]))
            link.string = text[reference.start : reference.end]
            pieces.append(link)
            position = reference.end
        if not pieces:
            continue
        pieces.append(NavigableString(text[position:]))
        for piece in pieces:
            node.insert_before(piece)
        node.extract()
    return str(soup)
