import pytest
from django.template import Context, Engine
from django.template.base import Origin, Template

from .templates import PROJECT_TEMPLATES


@pytest.mark.parametrize(
    ("origin", "fails"), [(f"{PROJECT_TEMPLATES}/exemple.html", True), ("/site-packages/dsfr/x.html", False)]
)
def test_undefined_variable_fails_only_in_project_templates(origin, fails):
    from django.template import engines

    engine = engines["django"].engine  # carries FailOnUndefinedVariable (tests/conftest.py)
    template = Template("{{ absente }}", origin=Origin(origin), engine=engine)
    if fails:
        with pytest.raises(pytest.fail.Exception, match="absente"):
            template.render(Context({}))
    else:
        assert template.render(Context({})) == ""


def test_engine_is_the_configured_one():
    assert isinstance(Engine.get_default(), Engine)
