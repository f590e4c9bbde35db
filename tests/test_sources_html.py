"""Reading saved web pages: the article text without boilerplate or scripts, its metadata with
fallbacks to the page's own tags, the raw page kept, and one clear error for a page without text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimgraph.errors import InputTooLarge, MalformedDocument, SourceError, UnsupportedFormat
from claimgraph.models import Document
from claimgraph.sources.html import iter_html

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
AIN_AL_ASAD = FIXTURES / "ain-al-asad.html"


def read_page(path: Path, **kwargs) -> Document | SourceError:
    items = list(iter_html(path, **kwargs))
    assert len(items) == 1, items
    return items[0]


def read_doc(path: Path, **kwargs) -> Document:
    doc = read_page(path, **kwargs)
    assert isinstance(doc, Document), doc
    return doc


def page(body: str, head: str = "", attrs: str = ' lang="en"') -> str:
    return f"<!DOCTYPE html>\n<html{attrs}>\n<head>{head}</head>\n<body>{body}</body>\n</html>\n"


ARTICLE = (
    "<article><p>ERBIL - A drone was shot down near Harir air base, north-east of Erbil, on Tuesday, "
    "a coalition official said. No one was hurt.</p>"
    "<p>The Islamic Resistance in Iraq said it had targeted the base with a drone.</p></article>"
)


def test_sources_html_article_text_without_boilerplate_or_scripts():
    doc = read_doc(AIN_AL_ASAD)
    assert doc.text.startswith("Drone attack targets Ain al-Asad air base\n\nBAGHDAD - Two one-way attack drones")
    assert "The Islamic Resistance in Iraq, an umbrella for Iran-backed Iraqi militias, claimed the attack" in doc.text
    for boilerplate in ("Subscribe", "Most read", "Oil prices", "All rights reserved", "Privacy policy"):
        assert boilerplate not in doc.text
    for script in ("SCRIPT", "trackingConfig", "console.log", "font-family"):
        assert script not in doc.text


def test_sources_html_paragraphs_are_separated_by_a_blank_line():
    paragraphs = read_doc(AIN_AL_ASAD).text.split("\n\n")
    assert len(paragraphs) == 5  # the headline and four paragraphs
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)
    assert paragraphs[2].startswith("One drone was shot down by the base's air defences")
    assert "  " not in paragraphs[1]  # the source's line breaks and indentation collapsed


def test_sources_html_metadata_and_provenance():
    doc = read_doc(AIN_AL_ASAD, lang="ar")
    assert doc.title == "Drone attack targets Ain al-Asad air base"
    assert doc.published == date(2024, 1, 21)
    assert doc.outlet == "Gulf Wire"
    assert doc.url == "https://gulfwire.example/iraq/2024/01/21/ain-al-asad-drone-attack"
    assert doc.lang == "en"  # the page states its language
    assert (doc.id, doc.kind, doc.source) == ("ain-al-asad", "html", str(AIN_AL_ASAD))
    assert doc.raw == AIN_AL_ASAD.read_text(encoding="utf-8")


def test_sources_html_metadata_falls_back_to_head_tags(tmp_docs):
    head = (
        '<meta property="article:published_time" content="2023-10-19T08:00:00+03:00">'
        '<link rel="canonical" href="https://kurdwire.example/harir">'
        "<title>Drone downed near Harir</title>"
    )
    doc = read_doc(tmp_docs.text("harir.html", page(ARTICLE, head, attrs="")), lang="fr")
    assert doc.title == "Drone downed near Harir"
    assert doc.published == date(2023, 10, 19)
    assert doc.url == "https://kurdwire.example/harir"
    assert doc.lang == "fr"  # no <html lang>: the caller's default


def test_sources_html_page_without_metadata(tmp_docs):
    doc = read_doc(tmp_docs.text("bare.html", page(ARTICLE)))
    assert (doc.title, doc.published, doc.url, doc.outlet) == ("", None, None, None)
    assert doc.text.startswith("ERBIL - A drone was shot down")


def test_sources_html_arabic_page_in_a_declared_legacy_encoding(tmp_docs):
    html = page(
        "<article><p>استهدف مجاهدو المقاومة الإسلامية في العراق قاعدة عين الأسد بطائرة مسيرة، وأصابت هدفها.</p>"
        "<p>وقال مصدر أمني إن الهجوم لم يسفر عن إصابات.</p></article>",
        '<meta charset="windows-1256"><title>استهداف قاعدة عين الأسد</title>',
        attrs=' lang="ar" dir="rtl"',
    )
    doc = read_doc(tmp_docs.bytes("asad-ar.html", html.encode("cp1256")))
    assert doc.text == (
        "استهدف مجاهدو المقاومة الإسلامية في العراق قاعدة عين الأسد بطائرة مسيرة، وأصابت هدفها.\n\n"
        "وقال مصدر أمني إن الهجوم لم يسفر عن إصابات."
    )
    assert doc.title == "استهداف قاعدة عين الأسد"
    assert doc.lang == "ar"


def test_sources_html_scripts_and_styles_never_reach_the_text(tmp_docs):
    body = (
        "<script>var leaked = 'SCRIPT-IN-BODY';</script><style>.x{color:red}</style>"
        "<noscript>NOSCRIPT-TEXT</noscript>" + ARTICLE.replace("</p>", "<script>alert('INLINE')</script></p>", 1)
    )
    doc = read_doc(tmp_docs.text("s.html", page(body)))
    for leaked in ("SCRIPT-IN-BODY", "color:red", "INLINE", "alert"):
        assert leaked not in doc.text


@pytest.mark.parametrize(
    "body",
    [
        '<nav><a href="/">Home</a> <a href="/iraq">Iraq</a></nav><footer>(c) 2024 Gulf Wire</footer>',
        "<script>document.write('Rendered by JavaScript')</script><div id='app'></div>",
        "",
    ],
)
def test_sources_html_page_without_article_text_is_malformed(tmp_docs, body):
    path = tmp_docs.text("empty-page.html", page(body, "<title>Gulf Wire</title>"))
    err = read_page(path)
    assert isinstance(err, MalformedDocument)
    assert err.source == str(path)
    assert err.reason == "no article text found in the page"
    assert "JavaScript" in err.hint and ".txt" in err.hint


def test_sources_html_empty_and_binary_files(tmp_docs):
    assert isinstance(read_page(tmp_docs.bytes("empty.html", b"")), MalformedDocument)
    err = read_page(tmp_docs.bytes("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert isinstance(err, UnsupportedFormat)
    assert "binary data" in err.reason


def test_sources_html_undeclared_legacy_encoding_gets_the_iconv_hint(tmp_docs):
    html = page("<p>" + "قاعدة عين الأسد " * 20 + "</p>")
    err = read_page(tmp_docs.bytes("nocharset.html", html.encode("cp1256")))
    assert isinstance(err, UnsupportedFormat)
    assert "not UTF-8" in err.reason and "<meta charset>" in err.reason
    assert "iconv" in err.hint


def test_sources_html_size_checked_before_reading(tmp_docs):
    path = tmp_docs.sparse("huge.html", 100 * 1024 * 1024)
    err = read_page(path)
    assert isinstance(err, InputTooLarge)
    assert err.reason.startswith("100.0 MiB")
    assert isinstance(read_page(AIN_AL_ASAD, max_bytes=1000), InputTooLarge)
