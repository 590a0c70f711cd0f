from django import template

register = template.Library()


@register.simple_tag
def facet_query(params, name, value, selected):
    """The queue's query string with facet ``name`` set to ``value`` (or removed when already selected)."""
    query = params.copy()
    query.pop("p", None)
    if selected:
        query.pop(name, None)
    else:
        query[name] = value
    return query.urlencode()
