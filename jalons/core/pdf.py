"""PDF documents (certificates, attendance lists, dossiers) from HTML templates, rendered by WeasyPrint."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name, context):
    from weasyprint import HTML  # imported on use: it loads Pango and friends, which most requests never need

    return HTML(string=render_to_string(template_name, context)).write_pdf()


def pdf_response(template_name, context, filename):
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
