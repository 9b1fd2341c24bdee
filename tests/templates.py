"""Fail a test on an undefined variable in the project's own templates.

Third-party templates (django-dsfr, the admin) rely on undefined variables rendering empty, so only templates
under jalons/ are held to this rule.
"""

import sys
from pathlib import Path

import pytest
from django.template.base import Template

RENDER_FUNCTIONS = {"_render", "instrumented_test_render"}
PROJECT_TEMPLATES = str(Path(__file__).resolve().parent.parent / "jalons")


def _current_template():
    frame = sys._getframe(1)
    while frame is not None:
        candidate = frame.f_locals.get("self")
        # Under tests, Django swaps Template._render for instrumented_test_render.
        if frame.f_code.co_name in RENDER_FUNCTIONS and isinstance(candidate, Template):
            return candidate.origin.name
        frame = frame.f_back
    return None


class FailOnUndefinedVariable(str):
    def __contains__(self, key):
        return key == "%s"

    def __mod__(self, variable):
        origin = _current_template()
        if origin and str(origin).startswith(PROJECT_TEMPLATES):
            pytest.fail(f"Variable de gabarit indéfinie « {variable} » dans {origin}")
        return ""
