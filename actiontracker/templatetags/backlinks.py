"""``{% back_to "action-list" %}``: the register as the user left it (actiontracker.backlinks)."""

from django import template

from actiontracker import backlinks

register = template.Library()


@register.simple_tag(takes_context=True)
def back_to(context, url_name: str) -> str:
    return backlinks.back_to(context.get("request"), url_name)
