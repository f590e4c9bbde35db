"""Reading documents from files: good inputs become Documents, bad inputs become one clear
SourceError each (naming the input and saying what to do), and never stop the batch."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputTooLarge, MalformedDocument, SourceError, UnsupportedFormat
from claimgraph.models import Document
from claimgraph.sources.files import DEFAULT_MAX_BYTES, iter_documents


def read_all(*paths, **kwargs) -> list[Document | SourceError]:
    return list(iter_documents(list(paths), **kwargs))


def read_one(path: Path, **kwargs) -> Document | SourceError:
    items = read_all(path, **kwargs)
    assert len(items) == 1, items
    return items[0]


def read_error(path: Path, kind: type[SourceError] = SourceError, **kwargs) -> SourceError:
    item = read_one(path, **kwargs)
    assert isinstance(item, kind), f"expected {kind.__name__}, got {item!r}"
    return item


# -- good inputs -----------------------------------------------------------------------------


def test_sources_files_txt_whole_file_is_the_text(tmp_docs):
    path = tmp_docs.text("kh-statement.txt", "Kataib Hezbollah announced a suspension.\n\nSecond paragraph.\n")
    doc = read_one(path, lang="en")
    assert isinstance(doc, Document)
    assert doc.id == "kh-statement"
    assert doc.text == "Kataib Hezbollah announced a suspension.\n\nSecond paragraph.\n"
    assert doc.published is None
    assert doc.lang == "en"
    assert doc.source == str(path)


def test_sources_files_txt_utf8_bom_is_dropped_and_arabic_kept(tmp_docs):
    path = tmp_docs.bytes("ar.txt", "\ufeffالمقاومة الإسلامية في العراق".encode())
    doc = read_one(path)
    assert doc.text == "المقاومة الإسلامية في العراق"


def test_sources_files_json_reads_every_field(tmp_docs, report):
    report["outlet"] = "Wire"
    report["synthetic"] = True  # unknown keys are ignored
    path = tmp_docs.json("a.json", report)
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.lang, doc.outlet) == ("tower22", report["title"], "en", "Wire")
    assert doc.published == date(2024, 1, 29)
    assert doc.text == report["text"]
    assert doc.source == str(path)
    assert json.loads(doc.raw) == report


def test_sources_files_json_without_id_uses_file_stem_and_source_as_outlet(tmp_docs):
    path = tmp_docs.json("no-id.json", {"text": "A rocket hit the base.", "source": "Reuters"})
    doc = read_one(path, lang="fr")
    assert (doc.id, doc.outlet, doc.lang, doc.title, doc.published) == ("no-id", "Reuters", "fr", "", None)


def test_sources_files_record_lang_wins_over_default(tmp_docs):
    doc = read_one(tmp_docs.json("ar.json", {"text": "نص", "lang": "ar"}), lang="en")
    assert doc.lang == "ar"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-01-28", date(2024, 1, 28)),
        ("2024-01-28T23:30:00Z", date(2024, 1, 28)),
        ("2024-01-28T23:30:00+03:00", date(2024, 1, 28)),
        ("2024-01-28 08:00", date(2024, 1, 28)),
        (None, None),
        ("", None),
    ],
)
def test_sources_files_published_accepts_dates_and_iso_datetimes(tmp_docs, published, expected):
    doc = read_one(tmp_docs.json("d.json", {"text": "x", "published": published}))
    assert doc.published == expected


def test_sources_files_jsonl_streams_records_with_line_ids(tmp_docs, report):
    path = tmp_docs.jsonl("batch.jsonl", [report, "", {"text": "second report"}])
    first, second = read_all(path)
    assert (first.id, first.source) == ("tower22", f"{path}:1")
    assert (second.id, second.source) == ("batch:3", f"{path}:3")
    assert json.loads(second.raw) == {"text": "second report"}


def test_sources_files_directory_is_read_recursively_in_sorted_order(tmp_docs):
    tmp_docs.text("b.txt", "bravo")
    tmp_docs.text("a.txt", "alpha")
    tmp_docs.json("sub/c.json", {"text": "charlie"})
    tmp_docs.jsonl("sub/d.jsonl", [{"text": "delta"}])
    tmp_docs.text(".hidden.txt", "hidden")
    tmp_docs.text(".git/e.txt", "in a hidden folder")
    tmp_docs.text("notes.md", "not a document type")
    tmp_docs.bytes("scan.pdf", b"%PDF-1.4")
    skipped: list[Path] = []
    docs = read_all(tmp_docs.root, skipped=skipped)
    assert [d.text for d in docs] == ["alpha", "bravo", "charlie", "delta"]
    assert sorted(p.name for p in skipped) == ["notes.md", "scan.pdf"]


def test_sources_files_errors_are_yielded_and_the_rest_still_read(tmp_docs):
    good1 = tmp_docs.text("1.txt", "first")
    bad = tmp_docs.text("2.json", "{not json")
    good2 = tmp_docs.text("3.txt", "third")
    items = read_all(good1, bad, tmp_docs.root / "missing.txt", good2)
    assert [type(i).__name__ for i in items] == ["Document", "MalformedDocument", "SourceError", "Document"]


# -- bad inputs: one clear error each --------------------------------------------------------


def test_sources_files_missing_path_is_an_error_naming_it(tmp_path):
    err = read_error(tmp_path / "nope.txt")
    assert str(tmp_path / "nope.txt") in str(err)
    assert "no such file" in str(err)
    assert err.exit_code == 2


@pytest.mark.parametrize("name", ["empty.txt", "empty.json", "empty.jsonl"])
def test_sources_files_empty_file(tmp_docs, name):
    err = read_error(tmp_docs.bytes(name, b""), MalformedDocument)
    assert "empty file" in str(err)
    assert err.source.endswith(name)


def test_sources_files_whitespace_only_txt(tmp_docs):
    err = read_error(tmp_docs.text("blank.txt", " \n\t\n"), MalformedDocument)
    assert "whitespace" in err.reason


def test_sources_files_blank_lines_only_jsonl(tmp_docs):
    err = read_error(tmp_docs.text("blank.jsonl", "\n\n  \n"), MalformedDocument)
    assert "no documents" in err.reason


def test_sources_files_binary_file_names_nul_offset(tmp_docs):
    path = tmp_docs.bytes("image.txt", b"GIF89a\x00\x01\x02")
    err = read_error(path, UnsupportedFormat)
    assert "binary" in err.reason
    assert "offset 6" in err.reason
    assert err.hint


def test_sources_files_utf16_is_recognised(tmp_docs):
    err = read_error(tmp_docs.bytes("u16.txt", "hello".encode("utf-16")), UnsupportedFormat)
    assert "UTF-16" in err.reason
    assert "iconv" in err.hint


def test_sources_files_non_utf8_gives_byte_offset_and_iconv_hint(tmp_docs):
    path = tmp_docs.bytes("latin1.txt", "Café attack".encode("latin-1"))
    err = read_error(path, UnsupportedFormat)
    assert "not UTF-8" in err.reason
    assert "0xE9" in err.reason
    assert "offset 3" in err.reason
    assert "iconv" in err.hint
    assert str(path) in str(err)


def test_sources_files_non_utf8_in_jsonl_offset_is_from_file_start(tmp_docs):
    path = tmp_docs.bytes("mixed.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    good, err = read_all(path)
    assert isinstance(good, Document)
    assert isinstance(err, UnsupportedFormat)
    assert err.source == f"{path}:2"
    assert "offset 28" in err.reason  # 15 bytes of line 1 + 13 into line 2


def test_sources_files_invalid_json_gives_line_and_column(tmp_docs):
    path = tmp_docs.text("broken.json", '{\n  "text": "a",\n  "title": oops\n}')
    err = read_error(path, MalformedDocument)
    assert "invalid JSON at line 3, column 12" in err.reason
    assert "json.tool" in err.hint


def test_sources_files_invalid_jsonl_line_names_path_and_line(tmp_docs, report):
    path = tmp_docs.jsonl("batch.jsonl", [report, '{"text": "unterminated', {"text": "third"}])
    first, err, third = read_all(path)
    assert isinstance(err, MalformedDocument)
    assert err.source == f"{path}:2"
    assert str(err).startswith(f"{path}:2: invalid JSON")
    assert (first.id, third.id) == ("tower22", "batch:3")


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ([{"text": "a"}], "JSON is a list, not a document object"),
        ("just a string", "JSON is a string, not a document object"),
        (42, "JSON is a number, not a document object"),
        ({"title": "no body", "published": "2024-01-01"}, "missing 'text' (keys: published, title)"),
        ({"text": ["para 1", "para 2"]}, "'text' is a list, not a string"),
        ({"text": None}, "'text' is null, not a string"),
        ({"text": "   "}, "'text' is empty"),
        ({"text": "x", "id": {"a": 1}}, "'id' is an object"),
        ({"text": "x", "title": 7}, "'title' is a number, not a string"),
    ],
)
def test_sources_files_json_that_is_not_a_document(tmp_docs, record, reason):
    err = read_error(tmp_docs.json("bad.json", record), MalformedDocument)
    assert err.reason == reason
    assert err.hint


def test_sources_files_json_list_hint_points_to_jsonl(tmp_docs):
    err = read_error(tmp_docs.json("many.json", [{"text": "a"}, {"text": "b"}]), MalformedDocument)
    assert ".jsonl" in err.hint


@pytest.mark.parametrize("published", ["yesterday", "2024-13-01", "28/01/2024", 20240128, True])
def test_sources_files_invalid_published(tmp_docs, published):
    err = read_error(tmp_docs.json("d.json", {"text": "x", "published": published}), MalformedDocument)
    assert "invalid 'published'" in err.reason
    assert "YYYY-MM-DD" in err.hint


def test_sources_files_explicit_unsupported_type(tmp_docs):
    err = read_error(tmp_docs.bytes("report.pdf", b"%PDF-1.4"), UnsupportedFormat)
    assert "unsupported file type '.pdf'" in err.reason
    assert ".jsonl" in err.hint


def test_sources_files_50mb_file_rejected_before_reading(tmp_docs, monkeypatch):
    path = tmp_docs.sparse("huge.txt", 50 * 1024 * 1024)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened although it is over the limit")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "read_text", no_reading)
    err = read_error(path, InputTooLarge)
    assert str(path) in str(err)
    assert err.reason == "50.0 MiB (52428800 bytes), over the limit of 20.0 MiB (20971520 bytes)"
    assert "--max-bytes" in err.hint
    assert err.http_status == 413


def test_sources_files_size_limit_is_configurable(tmp_docs):
    path = tmp_docs.text("small.txt", "x" * 101)
    assert isinstance(read_one(path, max_bytes=101), Document)
    assert isinstance(read_one(path, max_bytes=100), InputTooLarge)
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_sources_files_jsonl_limit_is_per_line(tmp_docs):
    long_record = json.dumps({"text": "y" * 500})
    path = tmp_docs.jsonl("big.jsonl", [{"text": "short"}, long_record, {"text": "after"}])
    first, err, third = read_all(path, max_bytes=200)
    assert isinstance(err, InputTooLarge)
    assert err.source == f"{path}:2"
    assert (first.text, third.text) == ("short", "after")
    assert third.id == "big:3"


def test_sources_files_jsonl_limit_counts_lines_not_the_file(tmp_docs):
    path = tmp_docs.jsonl("many.jsonl", [{"text": f"report {i}"} for i in range(50)])
    docs = read_all(path, max_bytes=40)
    assert path.stat().st_size > 40
    assert len(docs) == 50 and all(isinstance(d, Document) for d in docs)


def test_sources_files_errors_carry_input_exit_code(tmp_docs):
    errors = read_all(tmp_docs.bytes("e.txt", b""), tmp_docs.bytes("b.pdf", b"x"))
    assert {e.exit_code for e in errors} == {2}


# -- properties ------------------------------------------------------------------------------

# text the readers keep as it is: readers put text in NFC (a repair they record, tested on its own), so the
# property holds for text already in NFC ("\u212a", the Kelvin sign, becomes "K")
body_text = (
    st.text(alphabet=st.characters(blacklist_characters="\x00\ufeff", blacklist_categories=("Cs",)), min_size=1)
    .filter(lambda s: s.strip())
    .filter(lambda s: unicodedata.is_normalized("NFC", s))
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=body_text)
def test_sources_files_txt_and_json_keep_text_exactly(tmp_docs, text):
    """Spans index into ``Document.text``: reading must not alter a single character."""
    assert read_one(tmp_docs.bytes("t.txt", text.encode())).text == text
    assert read_one(tmp_docs.json("t.json", {"text": text})).text == text
    assert read_one(tmp_docs.jsonl("t.jsonl", [{"text": text}])).text == text


# -- formats: detection by suffix and content, --input-format overrides ------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_sources_files_directory_of_every_format_by_suffix_and_content(tmp_docs, report):
    tmp_docs.text("a.txt", "Rockets hit the base.")
    tmp_docs.json("b.json", report)
    tmp_docs.jsonl("c.jsonl", [{"text": "first"}])
    tmp_docs.bytes("d.html", (FIXTURES / "ain-al-asad.html").read_bytes())
    tmp_docs.bytes("e.HTM", (FIXTURES / "ain-al-asad.html").read_bytes())
    tmp_docs.bytes("f.rss", (FIXTURES / "militia-watch.rss").read_bytes())
    tmp_docs.bytes("g.atom", (FIXTURES / "conflict-desk.atom").read_bytes())
    tmp_docs.bytes("h.xml", (FIXTURES / "conflict-desk.atom").read_bytes())
    tmp_docs.bytes("i.csv", b"text,published\nA drone targeted Harir air base.,2024-01-22\n")
    tmp_docs.bytes("export/result.json", (FIXTURES / "telegram-iri" / "result.json").read_bytes())
    tmp_docs.bytes("export/photos/photo_106.jpg", b"\xff\xd8\xff\xe0")
    skipped: list[Path] = []
    items = read_all(tmp_docs.root, skipped=skipped)
    kinds = [i.kind for i in items if isinstance(i, Document)]
    # sorted by name: a.txt b.json c.jsonl d.html e.HTM export/ f.rss g.atom h.xml i.csv
    assert kinds == ["article"] * 3 + ["html"] * 2 + ["telegram"] * 5 + ["feed_item"] * 6 + ["article"]
    errors = [i for i in items if isinstance(i, SourceError)]
    assert [e.source.rpartition("/")[2] for e in errors] == ["result.json#107", "f.rss#3"]
    assert [p.name for p in skipped] == ["photo_106.jpg"]


def test_sources_files_input_format_overrides_the_suffix(tmp_docs):
    feed = tmp_docs.bytes("feed.php", (FIXTURES / "conflict-desk.atom").read_bytes())
    page = tmp_docs.bytes("article.txt", (FIXTURES / "ain-al-asad.html").read_bytes())
    table = tmp_docs.text("export.dat", "text\nRockets hit the base.\n")
    assert [d.kind for d in read_all(feed, input_format="feed")] == ["feed_item", "feed_item"]
    (doc,) = read_all(page, input_format="html")
    assert doc.kind == "html" and "<script>" not in doc.text
    (doc,) = read_all(page)  # by suffix: the page's HTML is the text
    assert doc.kind == "article" and "<script>" in doc.text
    (doc,) = read_all(table, input_format="csv")
    assert doc.text == "Rockets hit the base."


def test_sources_files_explicit_format_reads_every_file_of_a_directory(tmp_docs):
    tmp_docs.text("one.feed", (FIXTURES / "conflict-desk.atom").read_text(encoding="utf-8"))
    tmp_docs.text("notes.md", "not a feed")
    items = read_all(tmp_docs.root, input_format="feed")
    assert [type(i).__name__ for i in items] == ["MalformedDocument", "Document", "Document"]
    assert items[0].source.endswith("notes.md")


def test_sources_files_explicit_json_never_sniffs_telegram(tmp_docs):
    path = tmp_docs.bytes("result.json", (FIXTURES / "telegram-iri" / "result.json").read_bytes())
    err = read_error(path, MalformedDocument, input_format="json")
    assert err.reason.startswith("missing 'text' (keys: id, messages, name, type)")
    assert all(d.kind == "telegram" for d in read_all(path, input_format="telegram") if isinstance(d, Document))


def test_sources_files_unknown_format_or_columns_is_a_usage_error_at_once(tmp_docs):
    from claimgraph.errors import UsageError

    with pytest.raises(UsageError, match="unknown input format 'pdf'"):
        iter_documents([tmp_docs.root], input_format="pdf")
    with pytest.raises(UsageError, match="unknown CSV field 'body'"):
        iter_documents([tmp_docs.root], csv_columns={"body": "text"})


def test_sources_files_csv_columns_are_passed_to_the_csv_reader(tmp_docs):
    path = tmp_docs.text("w.csv", "headline,body\nHarir,A drone targeted Harir air base.\n")
    (doc,) = read_all(path, csv_columns={"text": "body", "title": "headline"})
    assert (doc.title, doc.text) == ("Harir", "A drone targeted Harir air base.")


@pytest.mark.parametrize("name", ["huge.json", "huge.html", "huge.xml", "huge.csv", "huge.rss", "huge.txt"])
def test_sources_files_100mb_file_of_any_format_is_refused_before_reading(tmp_docs, monkeypatch, name):
    path = tmp_docs.sparse(name, 100 * 1024 * 1024)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened although it is over the limit")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    err = read_error(path, InputTooLarge)
    assert err.reason == "100.0 MiB (104857600 bytes), over the limit of 20.0 MiB (20971520 bytes)"
    assert "--max-bytes" in err.hint


def test_sources_files_huge_files_do_not_stop_the_other_inputs(tmp_docs, report):
    huge = [tmp_docs.sparse(f"big/huge{suffix}", 100 * 1024 * 1024) for suffix in (".json", ".html", ".xml", ".csv")]
    good = [
        tmp_docs.json("ok/report.json", report),
        tmp_docs.bytes("ok/page.html", (FIXTURES / "ain-al-asad.html").read_bytes()),
        tmp_docs.bytes("ok/feed.xml", (FIXTURES / "conflict-desk.atom").read_bytes()),
        tmp_docs.text("ok/rows.csv", "text\nRockets hit the base.\n"),
    ]
    items = read_all(huge[0], good[0], huge[1], good[1], huge[2], good[2], huge[3], good[3])
    assert [type(i).__name__ for i in items] == [
        "InputTooLarge", "Document", "InputTooLarge", "Document", "InputTooLarge", "Document", "Document",
        "InputTooLarge", "Document",
    ]  # fmt: skip
    assert [i.source for i in items if isinstance(i, InputTooLarge)] == [str(p) for p in huge]
