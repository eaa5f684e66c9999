"""Widgets of the list pages and forms.

FastSelect renders its options in Python instead of one template per option: filter forms of a large region have
a hundred or more options, and Django's template-per-option rendering was the largest cost of a list page
(bench/RESULTS.md). The output is the same markup, escaped with format_html. DateInput is the browser's date
picker."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        widget = context["widget"]
        final_attrs = {**widget["attrs"], "name": widget["name"]}
        options = []
        for _group, group_options, _index in widget["optgroups"]:
            for option in group_options:
                options.append(
                    (
                        option["value"] if option["value"] is not None else "",
                        mark_safe(" selected") if option["selected"] else "",  # noqa: S308 - a constant
                        option["label"],
                    )
                )
        attributes = format_html_join(
            "", ' {}="{}"', ((k, v) for k, v in final_attrs.items() if v not in (None, False))
        )
        return format_html(
            "<select{}>{}</select>", attributes, format_html_join("", '<option value="{}"{}>{}</option>', options)
        )


class DateInput(forms.DateInput):
    """A date field as the browser's date picker (ISO value), in every form and filter."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
