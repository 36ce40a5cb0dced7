"""The routine's text for samverkan's templates (samverkan/routine.py is its one source)."""

from django import template

from samverkan import routine

register = template.Library()


@register.simple_tag
def routine_lines(*keys):
    return routine.lines(*keys)


@register.simple_tag
def routine_section(key):
    return routine.section(key)
