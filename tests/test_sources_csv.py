"""Reading CSV files of articles: a row per Document through a column mapping, one error per bad
row (the others still read), one error for a mapping that does not fit the header."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimgraph.errors import InputTooLarge, MalformedDocument, SourceError, UnsupportedFormat, UsageError
from claimgraph.models import Document
from claimgraph.sources.csvfile import iter_csv, parse_column_spec

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ARCHIVE = FIXTURES / "wire-archive.csv"
ARCHIVE_COLUMNS = {
    "text": "body",
    "published": "date",
    "title": "headline",
    "url": "link",
    "outlet": "source",
    "id": "article_id",
    "lang": "language",
}


def read_csv(path: Path, **kwargs) -> list[Document | SourceError]:
    return list(iter_csv(path, **kwargs))


def test_sources_csv_rows_through_a_column_mapping():
    items = read_csv(ARCHIVE, columns=ARCHIVE_COLUMNS)
    assert [type(i).__name__ for i in items] == [
        "Document",
        "Document",
        "MalformedDocument",
        "MalformedDocument",
        "Document",
    ]
    asad, tower, _, _, conoco = items
    assert (asad.id, asad.title, asad.published, asad.outlet, asad.url, asad.lang) == (
        "wa-001",
        "Rockets hit Ain al-Asad air base",
        date(2024, 1, 21),
        "Wire A",
        "https://wire-a.example/asad",
        "en",
    )
    assert asad.text.endswith("US Central Command said.\n\nThe Islamic Resistance in Iraq claimed the attack.")
    assert asad.source == f"{ARCHIVE}:2"
    assert tower.published == date(2024, 1, 29)  # 2024-01-29T07:45:00Z
    assert tower.source == f"{ARCHIVE}:5"  # the first row spans lines 2-4
    assert conoco.title == "Drone targets Conoco gas field, Syria"  # a quoted comma
    assert json.loads(conoco.raw)["article_id"] == "wa-005"


def test_sources_csv_bad_rows_name_their_line_and_the_rest_continue():
    _, _, bad_date, no_text, _ = read_csv(ARCHIVE, columns=ARCHIVE_COLUMNS)
    assert bad_date.source == f"{ARCHIVE}:6"
    assert bad_date.reason == "invalid date 'last Tuesday' in column 'date'"
    assert "YYYY-MM-DD" in bad_date.hint and "the others are read" in bad_date.hint
    assert no_text.source == f"{ARCHIVE}:7"
    assert no_text.reason == "no text in column 'body'"


def test_sources_csv_default_mapping_uses_the_field_names(tmp_docs):
    path = tmp_docs.text(
        "plain.csv",
        "id,title,published,text,extra\n"
        "h1,Harir,2023-10-19,A drone was shot down near Harir air base.,ignored\n"
        ",,,Rockets hit Ain al-Asad air base.,\n",
    )
    first, second = read_csv(path, lang="en")
    assert (first.id, first.title, first.published, first.lang) == ("h1", "Harir", date(2023, 10, 19), "en")
    assert (second.id, second.title, second.published, second.url, second.outlet) == ("plain:3", "", None, None, None)


def test_sources_csv_partial_mapping_keeps_the_default_columns(tmp_docs):
    path = tmp_docs.text("p.csv", "title,body\nHarir,A drone targeted Harir air base.\n")
    (doc,) = read_csv(path, columns={"text": "body"})
    assert (doc.title, doc.text) == ("Harir", "A drone targeted Harir air base.")


def test_sources_csv_missing_mapped_column_is_one_error_listing_the_columns():
    (err,) = read_csv(ARCHIVE, columns={"text": "content", "published": "date"})
    assert type(err) is SourceError
    assert err.source == str(ARCHIVE)
    assert err.reason == (
        "no column 'content' (for text); the columns are: 'article_id', 'headline', 'date', 'source', "
        "'link', 'language', 'body'"
    )
    assert "--csv-columns text=body" in err.hint


def test_sources_csv_without_text_column_by_default(tmp_docs):
    (err,) = read_csv(ARCHIVE)
    assert err.reason.startswith("no column 'text' (for text); the columns are: 'article_id'")


def test_sources_csv_semicolons_and_bom(tmp_docs):
    path = tmp_docs.bytes(
        "excel.csv", "\ufefftext;published\nRockets hit the base, officials said.;2024-01-21\n".encode()
    )
    (doc,) = read_csv(path)
    assert (doc.text, doc.published) == ("Rockets hit the base, officials said.", date(2024, 1, 21))


def test_sources_csv_long_fields_within_the_size_limit(tmp_docs):
    body = "A drone attack was reported. " * 10_000  # 290 KB: over the csv module's default field limit
    path = tmp_docs.text("long.csv", f'text\n"{body}"\n')
    (doc,) = read_csv(path)
    assert doc.text == body


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\n\ntext\n", "no header row: the first line is blank"),
        (b"text,title\n", "no rows after the header"),
        (b"text,title\n,\n  ,  \n", "no rows after the header"),
    ],
)
def test_sources_csv_files_without_rows(tmp_docs, content, reason):
    (err,) = read_csv(tmp_docs.bytes("e.csv", content))
    assert isinstance(err, MalformedDocument)
    assert err.reason == reason


def test_sources_csv_not_utf8_names_the_line(tmp_docs):
    path = tmp_docs.bytes("latin.csv", b"text\nfirst report\nCaf\xe9 attack\n")
    first, err = read_csv(path)
    assert isinstance(first, Document)
    assert isinstance(err, UnsupportedFormat)
    assert err.source == f"{path}:3"
    assert "offset 21" in err.reason  # 5 + 13 bytes of lines 1-2, 3 into line 3
    assert "iconv" in err.hint


def test_sources_csv_size_checked_before_reading(tmp_docs):
    (err,) = read_csv(tmp_docs.sparse("huge.csv", 100 * 1024 * 1024))
    assert isinstance(err, InputTooLarge)
    assert "--max-bytes" in err.hint


def test_sources_csv_parse_column_spec():
    assert parse_column_spec("text=body, published = date,title=headline") == {
        "text": "body",
        "published": "date",
        "title": "headline",
    }
    assert parse_column_spec("text=Article Body") == {"text": "Article Body"}


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("text", "'text' is not FIELD=COLUMN"),
        ("text=", "'text=' is not FIELD=COLUMN"),
        ("=body", "'=body' is not FIELD=COLUMN"),
        ("text=a,text=b", "field 'text' is mapped twice"),
        ("", "no FIELD=COLUMN pair"),
        ("body=text", "unknown CSV field 'body'"),
    ],
)
def test_sources_csv_malformed_column_spec_is_a_usage_error_with_an_example(spec, problem):
    with pytest.raises(UsageError) as info:
        parse_column_spec(spec)
    assert problem in str(info.value)
    assert "text=body" in str(info.value)
    assert info.value.exit_code == 2
