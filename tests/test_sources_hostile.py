"""Tests that keep looking: every reader fed random and hostile bytes (Hypothesis).

For each format (text, JSON, JSONL, CSV, HTML, RSS/Atom, Telegram export), files are drawn from
three kinds of input: random bytes, random bytes after a header that sends them deep into the
parser, and well-formed files whose every value is hostile (lone surrogates, NUL, decomposed
accents, bidi controls, wrong JSON types, huge numbers, markup and character references where
text belongs, entity declarations, odd encodings). Each reader must then yield only
``Document``s holding storable text or named ``SourceError``s — never a traceback, never a
``ReaderBug`` — and an ingest of the file next to a good document stores the good one.

Example counts are bounded (40 per format for the readers, 15 per backend for ingest) so the module
runs in well under a minute; search harder with e.g. ``CLAIMGRAPH_FUZZ_EXAMPLES=2000``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from xml.sax.saxutils import escape

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimgraph
from claimgraph.errors import ReaderBug, SourceError
from claimgraph.models import Document
from claimgraph.sources import iter_documents
from claimgraph.store import schema
from conftest import SOURCES, assert_storable

READER_EXAMPLES = int(os.environ.get("CLAIMGRAPH_FUZZ_EXAMPLES", "40"))
INGEST_EXAMPLES = max(1, READER_EXAMPLES * 3 // 8)
FORMATS = ("txt", "json", "jsonl", "csv", "html", "feed", "telegram")
SUFFIX = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl", "csv": ".csv", "html": ".html", "feed": ".rss"}
SUFFIX["telegram"] = ".json"  # recognised by content, as a user's result.json is

# -- hostile values ------------------------------------------------------------------------------

HOSTILE = [
    "\x00",
    "\udc80",  # a lone low surrogate (what surrogateescape and many scrapers leave)
    "\ud83d",  # a lone high surrogate (half an emoji)
    "\udfff",
    "e\u0301",  # decomposed é: NFC changes the length
    "\u0627\u0653",  # decomposed Arabic alef with madda
    "\u0651\u064e",  # shadda + fatha: NFC reorders them
    "\ufeff",
    "\u202e",  # right-to-left override
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\x1b[31m",
    "\ufffe",
    "\U0010ffff",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&#99999999999;",
    "&amp;",
    "&nbsp;",
    "<script>alert(1)</script>",
    "<p>",
    "]]>",
    "<!--",
    '"',
    "'",
    ",",
    ";",
    "\\",
    "\\u0000",
    "99999999999999999999",
    "2024-13-45",
    "Kataib Hezbollah",
    "Ain al-Asad",
]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=10).map("".join)
# What a UTF-8 file and XML can hold at all (no NUL, surrogates, other controls or U+FFFE/U+FFFF):
# a file is either wild (anything, in any encoding) or writable, so that many get past the decoder.
_WRITABLE = [h for h in HOSTILE if not any((c < " " and c not in "\r\n") or "\ud800" <= c <= "\udfff" for c in h)]
_WRITABLE = [h for h in _WRITABLE if "\ufffe" not in h]
writable_text = st.lists(
    st.one_of(
        st.sampled_from(_WRITABLE),
        st.text(st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufffe\uffff"), max_size=8),
    ),
    max_size=10,
).map("".join)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=6,
)
maybe_hostile = st.one_of(hostile_text, json_values)
dates = st.one_of(st.dates().map(str), st.datetimes().map(lambda d: d.isoformat() + "Z"), hostile_text)
reports = st.sampled_from([text for _, _, text in SOURCES.values()])
encodings = st.sampled_from(["utf-8", "utf-8", "utf-8-bom", "utf-16", "latin-1", "cp1256"])


def _encode(text: str, how: str) -> bytes:
    if how == "utf-8":
        return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8
    if how == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    return text.encode(how, "replace")  # utf-16 (with BOM), latin-1, cp1256


@st.composite
def _level(draw: st.DrawFn) -> tuple[st.SearchStrategy[str], str]:
    """A file's strings and encoding: wild (one time in three), else what a UTF-8 file can hold."""
    if draw(st.sampled_from([True, False, False])):
        return hostile_text, draw(encodings)
    return writable_text, draw(st.sampled_from(["utf-8", "utf-8-bom"]))


@st.composite
def json_record(draw: st.DrawFn) -> object:
    """A document record: plausible (every field of its type, hostile strings), or anything at all."""
    if draw(st.booleans()):
        return draw(
            st.fixed_dictionaries(
                {"text": st.tuples(hostile_text, reports).map(" ".join)},
                optional={
                    "id": st.one_of(hostile_text, st.integers(-(2**70), 2**70)),
                    "title": hostile_text,
                    "published": st.one_of(st.dates().map(str), st.just(None), dates),
                    "url": hostile_text,
                    "lang": st.sampled_from(["en", "ar", "fr", "xx", "english-language", "", None]),
                    "outlet": hostile_text,
                    "source": hostile_text,
                },
            )
        )
    record = draw(
        st.fixed_dictionaries(
            {"text": st.one_of(hostile_text, hostile_text, json_values)},
            optional=dict.fromkeys(("id", "title", "url", "lang", "outlet", "source"), maybe_hostile)
            | {"published": st.one_of(dates, json_values)},
        )
    )
    return draw(st.one_of(st.just(record), st.just([record]), json_values))


@st.composite
def json_file(draw: st.DrawFn) -> bytes:
    ascii_only = draw(st.sampled_from([True, True, False]))  # else lone surrogates reach the file as bytes
    return _encode(json.dumps(draw(json_record()), ensure_ascii=ascii_only), draw(_level())[1])


@st.composite
def jsonl_file(draw: st.DrawFn) -> bytes:
    text, encoding = draw(_level())
    line = st.one_of(json_record().map(json.dumps), json_record().map(json.dumps), text)
    lines = draw(st.lists(line, min_size=1, max_size=4))
    return _encode(draw(st.sampled_from(["\n", "\r\n"])).join(lines), encoding)


@st.composite
def csv_file(draw: st.DrawFn) -> bytes:
    text, encoding = draw(_level())
    names = ["title", "published", "url", "outlet", "id", "lang", "extra"]
    header = draw(st.lists(st.one_of(st.sampled_from(names), text), max_size=4))
    header.insert(draw(st.integers(0, len(header))), draw(st.sampled_from(["text", "text", "text", "body"])))
    width = st.integers(0, len(header) + 1) if draw(st.booleans()) else st.just(len(header))
    cell = st.one_of(text, st.tuples(text, reports).map(" ".join))
    rows = draw(st.lists(width.flatmap(lambda n: st.lists(cell, min_size=n, max_size=n)), max_size=4))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue()
    if draw(st.sampled_from([True, False, False])):  # cut anywhere, and a stray quote or byte after it
        data = data[: draw(st.integers(0, len(data)))] + draw(st.sampled_from(['"', '"\n"', "\r", "", "\x00"]))
    return _encode(data, encoding)


@st.composite
def html_file(draw: st.DrawFn) -> bytes:
    text, encoding = draw(_level())
    v = (lambda s: s) if draw(st.booleans()) else escape  # hostile strings as markup, or escaped as text

    def value() -> str:
        return v(draw(text))

    body = "".join(f"<p>{value()} {draw(reports)}</p>" for _ in range(2))
    page = (
        f'<html lang="{value()}"><head><meta charset="{draw(st.sampled_from(["utf-8", "windows-1256", "x"]))}">'
        f'<title>{value()}</title><meta property="og:title" content="{value()}">'
        f'<meta name="date" content="{v(draw(dates))}"><link rel="canonical" href="{value()}">'
        f"</head><body><nav>{value()}</nav><article><h1>{value()}</h1>{body}{value()}</article></body></html>"
    )
    cut = draw(st.one_of(st.none(), st.none(), st.integers(0, len(page))))
    return _encode(page[:cut] if cut is not None else page, encoding)


@st.composite
def feed_file(draw: st.DrawFn) -> bytes:
    text, encoding = draw(_level())
    v = (lambda s: s) if draw(st.sampled_from([True, False, False])) else escape  # markup where text belongs

    def value() -> str:
        return v(draw(text))

    doctype = draw(
        st.sampled_from(
            [
                *[""] * 6,
                '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>',
                '<!DOCTYPE rss SYSTEM "http://example.com/x.dtd">',
                '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            ]
        )
    )
    n_items = draw(st.sampled_from([0, 1, 1, 2, 3]))

    def item() -> str:
        description = draw(st.sampled_from(["description", "content:encoded"]))
        body = value() + " " + draw(reports)  # HTML inside the item: entities, tags, references
        wrapped = f"<![CDATA[{body}]]>" if draw(st.booleans()) else escape(body)
        return (
            f"<item><title>{value()}</title><link>{value()}</link><guid>{value()}</guid>"
            f"<pubDate>{v(draw(dates))}</pubDate><{description}>{wrapped}</{description}></item>"
        )

    def entry() -> str:
        kind = draw(st.sampled_from(["html", "text", "xhtml"]))
        return (
            f'<entry><id>{value()}</id><title type="html">{value()}</title><updated>{v(draw(dates))}</updated>'
            f'<content type="{kind}">{escape(value() + " " + draw(reports))}</content></entry>'
        )

    if draw(st.booleans()):
        doc = (
            f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{value()}</title><language>{value()}</language>"
            f"{''.join(item() for _ in range(n_items))}</channel></rss>"
        )
    else:
        doc = (
            f'<?xml version="1.0"?>{doctype}<feed xmlns="http://www.w3.org/2005/Atom"><title>{value()}</title>'
            f"{''.join(entry() for _ in range(n_items))}</feed>"
        )
    return _encode(doc, encoding)


@st.composite
def telegram_file(draw: st.DrawFn) -> bytes:
    part = st.one_of(hostile_text, st.fixed_dictionaries({"type": hostile_text, "text": maybe_hostile}), json_values)
    plausible = st.fixed_dictionaries(
        {
            "id": st.integers(0, 10**6),
            "type": st.just("message"),
            "date": st.datetimes().map(lambda d: d.isoformat(timespec="seconds")),
            "text": st.one_of(
                st.tuples(hostile_text, reports).map(" ".join), st.lists(st.one_of(hostile_text, part), max_size=4)
            ),
        },
        optional={"forwarded_from": st.one_of(hostile_text, st.none())},
    )
    anything = st.fixed_dictionaries(
        {},
        optional={
            "id": st.one_of(st.integers(-(2**70), 2**70), maybe_hostile),
            "type": st.one_of(st.sampled_from(["message", "message", "service"]), maybe_hostile),
            "date": st.one_of(dates, json_values),
            "text": st.one_of(hostile_text, st.lists(part, max_size=4), json_values),
            "forwarded_from": maybe_hostile,
        },
    )
    messages = st.lists(st.one_of(plausible, plausible, anything, json_values), min_size=1, max_size=4)
    export = draw(
        st.fixed_dictionaries(
            {"messages": st.one_of(messages, messages, messages, json_values)},
            optional={"name": maybe_hostile, "type": maybe_hostile, "id": maybe_hostile},
        )
    )
    export.setdefault("type", "public_channel")
    ascii_only = draw(st.sampled_from([True, True, False]))
    return _encode(json.dumps(export, ensure_ascii=ascii_only), draw(_level())[1])


@st.composite
def txt_file(draw: st.DrawFn) -> bytes:
    text, encoding = draw(_level())
    return _encode(draw(st.one_of(text, st.tuples(text, reports).map(" ".join))), encoding)


STRUCTURED = {
    "txt": txt_file(),
    "json": json_file(),
    "jsonl": jsonl_file(),
    "csv": csv_file(),
    "html": html_file(),
    "feed": feed_file(),
    "telegram": telegram_file(),
}
HEADERS = {
    "txt": [b""],
    "json": [b"{", b'{"text": "', b"\xef\xbb\xbf{"],
    "jsonl": [b"{", b'{"text": "a"}\n', b"\n\n"],
    "csv": [b"text,title\n", b'text\n"', b"\xef\xbb\xbftext;title\n"],
    "html": [b"<html><body><p>", b"<!DOCTYPE html><html>", b"\xff\xfe<\x00"],
    "feed": [b'<?xml version="1.0"?><rss><channel><item><description>', b"<feed xmlns='http://www.w3.org/2005/Atom'>"],
    "telegram": [b'{"name": "c", "messages": [', b'{"type": "x", "messages": [{"id": 1, "type": "message", "text": '],
}


def file_bytes(fmt: str) -> st.SearchStrategy[bytes]:
    random_bytes = st.binary(max_size=300)
    after_header = st.tuples(st.sampled_from(HEADERS[fmt]), random_bytes).map(b"".join)
    return st.one_of(random_bytes, after_header, STRUCTURED[fmt], STRUCTURED[fmt])


# -- the properties --------------------------------------------------------------------------------


def check_items(items: list[Document | SourceError]) -> list[Document]:
    """Only Documents with storable text, or named errors that are not bugs; returns the documents."""
    assert items, "a file yields at least one document or one error"
    docs = []
    for item in items:
        if isinstance(item, SourceError):
            assert not isinstance(item, ReaderBug), str(item)
            assert item.source and item.reason
            str(item).encode("utf-8")  # printable and storable, like its input's name
        else:
            assert isinstance(item, Document), repr(item)
            assert_storable(item)
            assert item.text.strip()
            docs.append(item)
    return docs


_counter = itertools.count()


@pytest.mark.parametrize("fmt", FORMATS)
def test_sources_every_reader_survives_random_and_hostile_bytes(fmt, tmp_path):
    @settings(max_examples=READER_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=file_bytes(fmt), max_bytes=st.sampled_from([20 * 1024 * 1024, 20 * 1024 * 1024, 200]))
    def run(data: bytes, max_bytes: int) -> None:
        path = tmp_path / f"input-{next(_counter)}{SUFFIX[fmt]}"
        path.write_bytes(data)
        check_items(list(iter_documents([path], max_bytes=max_bytes)))  # auto: chosen by suffix (or content)
        forced = "feed" if fmt == "feed" else fmt
        check_items(list(iter_documents([path], max_bytes=max_bytes, input_format=forced)))

    run()


@settings(
    max_examples=INGEST_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), fmt=st.sampled_from(FORMATS))
def test_store_hostile_inputs_never_cost_a_good_document(db_url, tmp_path, shared_extractor, data, fmt):
    # one database for all examples (the fixture is per test): each run adds a good document of its own
    n = next(_counter)
    folder = tmp_path / f"run-{n}"
    folder.mkdir()
    _, published, text = SOURCES["wire-a-tower22"]
    good_text = f"{text} (bulletin {n})"
    (folder / "a-good.json").write_text(json.dumps({"id": f"good-{n}", "published": published, "text": good_text}))
    for i, f in enumerate((fmt, data.draw(st.sampled_from(FORMATS)))):
        (folder / f"b-hostile-{i}{SUFFIX[f]}").write_bytes(data.draw(file_bytes(f), label=f))

    with claimgraph.open(db_url) as db:
        summary = db.ingest([folder])
        failures = set(db.failures().source)
        with db.engine.connect() as conn:
            d, ledger = schema.documents, schema.ingest_ledger
            good = conn.execute(sa.select(d.c.ext_id).where(d.c.text == good_text)).scalar()
            outcomes = conn.execute(
                sa.select(ledger.c.source, ledger.c.outcome).where(ledger.c.run_id == summary.run_id)
            ).all()
    assert good == f"good-{n}"  # the good document of this run is stored
    assert len(outcomes) == summary.new + summary.duplicate + summary.failed
    assert {source for source, outcome in outcomes if outcome == "failed"} <= failures
    assert summary.exit_code in (0, 2, 4)
