from html.parser import HTMLParser

import pytest

from jalons.core.markup import render_markdown
from jalons.practices.text import light_stem, search_terms, significant_words


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">lien</a>',
        "<iframe src='https://exemple.test'></iframe>",
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_script_and_event_handlers_are_inert(markup):
    html = render_markdown(f"Avant {markup} après", headings=True)
    elements = Elements()
    elements.feed(html)
    assert not {"script", "img", "iframe", "svg"} & {tag for tag, _attrs in elements.found}, html
    for _tag, attrs in elements.found:
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert "javascript" not in (value or ""), html
    assert "Avant" in html and "après" in html


class Elements(HTMLParser):
    """The elements and attributes an HTML fragment really contains (escaped text is not an element)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def test_markdown_subset_is_rendered():
    html = render_markdown(
        headings=True, text="# Titre\n\n**gras**, *italique*\n\n- un\n- deux\n\n[site](https://exemple.test)"
    )
    assert "<h3>Titre</h3>" in html  # the page owns h1 and h2
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html
    assert "<ul>" in html and "<li>un</li>" in html
    assert 'href="https://exemple.test"' in html and 'rel="nofollow noopener noreferrer"' in html


@pytest.mark.parametrize(
    "word", ["hébergement", "hébergements", "hébergés", "hébergée", "Hébergées", "HEBERGEMENT", "hebergee"]
)
def test_light_stem_joins_the_forms_of_a_word(word):
    (plain,) = significant_words(word)
    assert light_stem(plain) == "heberg"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", []),
        ("   ", []),
        ("le la les de des et", []),
        ("?!;:,. -- ... «»", []),
        ("Hébergement, d'urgence !", ["hebergement", "urgence"]),
        ("mobilité " * 500, ["mobilite"]),
    ],
)
def test_search_terms(query, expected):
    assert search_terms(query) == expected


def test_very_long_query_is_cut():
    terms = search_terms(" ".join(f"mot{index}x" for index in range(1000)))
    assert 0 < len(terms) <= 12
