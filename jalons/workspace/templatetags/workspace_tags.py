from django import template
from django.template.defaultfilters import filesizeformat

from jalons.core.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def filesize(size):
    return filesizeformat(size)
