"""Text hygiene at the readers: whatever a file holds, every reader hands on text that any database
and any JSON encoder accept (lone surrogates and NUL replaced by U+FFFD, NFC), says what it changed,
and a reader that fails unexpectedly costs only its own input."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from claimgraph.errors import ReaderBug, SourceError
from claimgraph.models import Document, TextRepair
from claimgraph.sources import iter_documents
from claimgraph.sources.common import clean_document, clean_text
from conftest import DocFiles, assert_storable

NFD = "Cafe\u0301 owner said a drone hit Ain al-Asad air base on Sunday."  # é as e + combining acute
NFC = unicodedata.normalize("NFC", NFD)


def test_sources_clean_text_replaces_surrogates_and_nul_then_normalises():
    assert clean_text("plain ASCII", "text") == ("plain ASCII", None)
    assert clean_text("déjà vu, قاعدة", "text") == ("déjà vu, قاعدة", None)
    fixed, repair = clean_text("a\udc80b\x00c\ud800", "title")
    assert fixed == "a\ufffdb\ufffdc\ufffd" and len(fixed) == 6  # one for one: no offset moves
    assert repair == TextRepair("title", surrogates=2, nul=1, nfc=False)
    fixed, repair = clean_text(NFD, "text")
    assert fixed == NFC and len(fixed) == len(NFD) - 1 and repair == TextRepair("text", nfc=True)
    assert clean_text(fixed, "text") == (fixed, None)  # idempotent


def test_sources_clean_document_records_every_field_it_changed():
    doc = Document(id="x\udc80", text="body \x00 " + NFD, title="t", url="http://e/\udcff", outlet="o\x00")
    cleaned = clean_document(doc)
    assert_storable(cleaned)
    assert {r.field for r in cleaned.repairs} == {"id", "text", "url", "outlet"}
    assert cleaned.title == "t" and clean_document(cleaned) is cleaned
    (note,) = cleaned.repair_notes()
    assert note.kind == "text_repaired"
    assert "text: 1 NUL character replaced by U+FFFD, normalised to NFC" in note.message
    assert clean_document(Document(id="a", text="fine")).repair_notes() == []


def _hostile_files(files: DocFiles) -> dict[str, Path]:
    """One file per format, each valid for its reader, holding what a scraper emits: lone surrogates and
    NUL (as JSON escapes or HTML character references) and decomposed accents."""
    message = {"id": 1, "type": "message", "date": "2024-01-28T10:00:00"}
    return {
        "txt": files.text("a.txt", NFD),
        "json": files.text(
            "b.json", json.dumps({"id": "b\udc80", "title": "t\udc80\x00", "url": "u\udcff", "text": "x\x00 " + NFD})
        ),
        "jsonl": files.text("c.jsonl", json.dumps({"title": "T\x00", "outlet": "o\udc80", "text": NFD}) + "\n"),
        "csv": files.text("d.csv", f"title,text,outlet\nCafe\u0301,{NFD},Agence\u0301\n"),
        "html": files.text(
            "e.html",
            "<html><head><title>Ti&#0;tle &#xDC80; Cafe\u0301</title></head><body><article>"
            f"<p>{NFD} &#0; and &#xD800; and more words so the paragraph is prose.</p><p>{NFD * 3}</p>"
            "</article></body></html>",
        ),
        "feed": files.text(
            "f.rss",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Cafe\u0301</title><item>'
            f"<title>x &amp;#0; y</title><description>{NFD} &amp;#xDC80;</description></item></channel></rss>",
        ),
        "telegram": files.text(
            "g.json",
            json.dumps(
                {
                    "name": "chan\udc80",
                    "type": "public_channel",
                    "id": 1,
                    "messages": [{**message, "text": ["a \x00 ", {"type": "bold", "text": "b \udc80"}, NFD]}],
                }
            ),
        ),
    }


@pytest.mark.parametrize("fmt", ["txt", "json", "jsonl", "csv", "html", "feed", "telegram"])
def test_sources_every_reader_hands_on_storable_text(tmp_docs, fmt):
    path = _hostile_files(tmp_docs)[fmt]
    (doc,) = iter_documents([path])
    assert isinstance(doc, Document), doc
    assert_storable(doc)
    assert NFC in doc.text and doc.repairs  # the accent composed, and the change recorded
    assert {"text"} <= {r.field for r in doc.repairs}


def test_sources_a_file_name_with_undecodable_bytes_is_named_safely(tmp_path):
    # Python keeps undecodable bytes of a file name as lone surrogates (surrogateescape)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / b"report\xff.txt".decode("utf-8", "surrogateescape")).write_text(NFD, encoding="utf-8")
    (folder / b"broken\xfe.json".decode("utf-8", "surrogateescape")).write_text("{", encoding="utf-8")
    error, doc = iter_documents([folder])
    assert isinstance(error, SourceError) and "broken\ufffd.json" in str(error)
    str(error).encode("utf-8")
    assert_storable(doc)
    assert doc.source.endswith("report\ufffd.txt") and doc.id == "report\ufffd"


def test_sources_a_reader_that_fails_unexpectedly_costs_only_its_input(tmp_docs, monkeypatch):
    from claimgraph.sources import feeds

    def broken(*_args, **_kw):
        raise KeyError("a parser bug")

    monkeypatch.setattr(feeds.feedparser, "parse", broken)
    tmp_docs.text("a.txt", NFD)
    tmp_docs.text(
        "b.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><item><description>x</description></item></channel></rss>',
    )
    tmp_docs.text("c.txt", "Rockets hit Erbil airport on Monday.")
    first, bug, last = iter_documents([tmp_docs.root])
    assert isinstance(first, Document) and isinstance(last, Document)
    assert isinstance(bug, ReaderBug) and bug.exit_code == 4
    assert "b.rss" in str(bug) and "KeyError" in str(bug) and "please report it" in str(bug)


def test_sources_cli_extract_notes_what_it_repaired(tmp_docs, cli_runner, shared_extractor):
    from claimgraph.cli.app import app

    path = tmp_docs.text("b.json", json.dumps({"title": "bad \udc80 title", "text": NFD}))
    result = cli_runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    (note,) = [n for n in record["notes"] if n["kind"] == "text_repaired"]
    assert "title: 1 lone surrogate replaced by U+FFFD" in note["message"]
    assert "text: normalised to NFC" in note["message"]
