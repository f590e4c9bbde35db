"""Reading Telegram Desktop channel exports: one Document per text message, service and photo-only
messages skipped, malformed messages quarantined one by one while the others are read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimgraph.errors import InputTooLarge, MalformedDocument, SourceError
from claimgraph.models import Document
from claimgraph.sources.files import iter_documents
from claimgraph.sources.telegram import iter_telegram, looks_like_export

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
IRI = FIXTURES / "telegram-iri" / "result.json"
IRI_AR = FIXTURES / "telegram-ar" / "result.json"


def read_export(path: Path, **kwargs) -> list[Document | SourceError]:
    return list(iter_telegram(path, **kwargs))


def by_source(items: list[Document | SourceError]) -> dict[str, Document | SourceError]:
    return {i.source: i for i in items}


def export(*messages: object, **top: object) -> dict:
    return {"name": "Islamic Resistance in Iraq", "type": "public_channel", "id": 1863210988, **top,
            "messages": list(messages)}  # fmt: skip


def message(msg_id: int = 1, text: object = "The Islamic Resistance in Iraq targeted Harir air base.", **extra):
    return {"id": msg_id, "type": "message", "date": "2024-01-28T20:15:00", "date_unixtime": "1706462100",
            "from": "Islamic Resistance in Iraq", "from_id": "channel1863210988", "text": text, **extra}  # fmt: skip


# -- the fixture export ------------------------------------------------------------------------


def test_sources_telegram_reads_text_messages_and_quarantines_the_broken_one():
    items = read_export(IRI)
    assert [i.source.rpartition("#")[2] for i in items] == ["102", "103", "104", "105", "107", "108"]
    docs = [i for i in items if isinstance(i, Document)]
    (broken,) = [i for i in items if not isinstance(i, Document)]
    assert len(docs) == 5
    assert isinstance(broken, MalformedDocument)
    assert broken.source == f"{IRI}#107"
    assert broken.reason == "'text' is a number, not a string or a list of text parts"
    assert "the others are read" in broken.hint


def test_sources_telegram_document_fields():
    doc = by_source(read_export(IRI, lang="en"))[f"{IRI}#102"]
    assert doc.text == (
        "Statement:\nThe Islamic Resistance in Iraq targeted Ain al-Asad air base in western Iraq with two "
        "drones on Wednesday evening, and the drones hit their targets directly."
    )
    assert (doc.id, doc.ext_id) == ("1863210988/102", "1863210988/102")
    assert (doc.channel, doc.outlet) == ("Islamic Resistance in Iraq", "Islamic Resistance in Iraq")
    assert doc.published == date(2023, 10, 18)
    assert (doc.kind, doc.lang, doc.title, doc.forwarded_from) == ("telegram", "en", "Statement:", None)
    assert json.loads(doc.raw)["date_unixtime"] == "1697654400"


def test_sources_telegram_text_entities_are_joined_in_order():
    doc = by_source(read_export(IRI))[f"{IRI}#103"]
    assert doc.text == (
        "Statement of the Islamic Resistance in Iraq\nOn Saturday the mujahideen of the Islamic Resistance in "
        "Iraq fired a barrage of rockets at Ain al-Asad air base in Anbar province. #Islamic_Resistance_in_Iraq"
        "\nVideo: https://t.me/example_channel/103"
    )
    assert doc.title == "Statement of the Islamic Resistance in Iraq"


def test_sources_telegram_forwarded_and_edited_messages():
    items = by_source(read_export(IRI))
    forwarded, edited = items[f"{IRI}#104"], items[f"{IRI}#105"]
    assert forwarded.forwarded_from == "Sabereen News"
    assert forwarded.channel == "Islamic Resistance in Iraq"
    assert len(forwarded.title) <= 80 and forwarded.title.endswith("…")
    assert edited.published == date(2024, 1, 29)  # the posting date, not the edit
    assert json.loads(edited.raw)["edited"] == "2024-01-29T10:12:00"


def test_sources_telegram_service_and_photo_only_messages_are_skipped_silently():
    sources = {i.source for i in read_export(IRI)}
    assert f"{IRI}#101" not in sources  # service: channel created
    assert f"{IRI}#106" not in sources  # a photo without a caption


def test_sources_telegram_arabic_channel():
    first, forwarded, undated = read_export(IRI_AR)
    assert first.channel == "المقاومة الإسلامية في العراق"
    assert first.text.startswith("بيان المقاومة الإسلامية في العراق\nاستهدف مجاهدو المقاومة الإسلامية في العراق")
    assert first.text.endswith("#المقاومة_الإسلامية_في_العراق")
    assert first.id == "1795634127/201"
    assert forwarded.forwarded_from == "صابرين نيوز"
    assert isinstance(undated, MalformedDocument)
    assert (undated.source, undated.reason) == (f"{IRI_AR}#203", "no 'date'")


# -- detection ---------------------------------------------------------------------------------


def test_sources_telegram_export_is_recognised_by_content_in_any_json_file(tmp_docs):
    path = tmp_docs.json("channel-dump.json", export(message(5)))
    (doc,) = iter_documents([path])
    assert isinstance(doc, Document)
    assert (doc.kind, doc.source, doc.id) == ("telegram", f"{path}#5", "1863210988/5")


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"name": "c", "messages": []}, True),
        ({"type": "public_channel", "messages": {}}, True),
        ({"text": "a report", "messages": [], "name": "x"}, False),
        ({"messages": []}, False),
        ([{"messages": []}], False),
    ],
)
def test_sources_telegram_looks_like_export(record, expected):
    assert looks_like_export(record) is expected


def test_sources_telegram_messages_not_a_list(tmp_docs):
    path = tmp_docs.json("result.json", {"name": "Islamic Resistance in Iraq", "type": "public_channel",
                                         "messages": {"1": "x"}})  # fmt: skip
    (err,) = iter_documents([path])
    assert isinstance(err, MalformedDocument)
    assert err.source == str(path)
    assert err.reason == "not a Telegram export: 'messages' must be a list"
    assert err.hint == "export the channel as JSON from Telegram Desktop (Export chat history -> JSON)"


def test_sources_telegram_forced_on_a_json_document_is_a_clear_error(tmp_docs, report):
    path = tmp_docs.json("report.json", report)
    (err,) = read_export(path)
    assert isinstance(err, MalformedDocument)
    assert err.reason.startswith("not a Telegram export: no 'messages' list (keys: id, lang, published")
    assert "Export chat history -> JSON" in err.hint


def test_sources_telegram_json_that_is_neither_keeps_the_json_error(tmp_docs):
    (err,) = iter_documents([tmp_docs.json("other.json", {"name": "x", "items": []})])
    assert isinstance(err, MalformedDocument)
    assert err.reason == "missing 'text' (keys: items, name)"


# -- quarantine --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "source_suffix", "reason"),
    [
        ("just a string", "#[2]", "message is a string, not an object"),
        ({"type": "message", "date": "2024-01-28T20:15:00", "text": "no id"}, "#[2]",
         "message at position 2 has no integer 'id' (null)"),
        (message(7, text={"type": "bold"}), "#7", "'text' is an object, not a string or a list of text parts"),
        (message(7, text=["ok", 3]), "#7", "part 1 of 'text' is a number without a 'text' string"),
        (message(7, text=["ok", {"type": "bold"}]), "#7", "part 1 of 'text' is an object without a 'text' string"),
        (message(7, date="28/01/2024"), "#7", "invalid 'date' '28/01/2024': expected e.g. 2024-01-28T20:15:00"),
        (message(7, date=1706462100), "#7", "'date' is a number, not a string"),
        (message(7, forwarded_from=["x"]), "#7", "'forwarded_from' is a list, not a string"),
        ({"id": 7, "date": "2024-01-28T20:15:00", "text": "no type"}, "#7", "'type' is null, not a string"),
    ],
)  # fmt: skip
def test_sources_telegram_malformed_message_is_quarantined(tmp_docs, bad, source_suffix, reason):
    path = tmp_docs.json("result.json", export(message(1), bad, message(3)))
    first, err, third = read_export(path)
    assert isinstance(first, Document) and isinstance(third, Document)
    assert isinstance(err, MalformedDocument)
    assert err.source == f"{path}{source_suffix}"
    assert err.reason == reason


def test_sources_telegram_unknown_message_types_and_empty_texts_are_skipped(tmp_docs):
    path = tmp_docs.json(
        "result.json",
        export(message(1, text=""), message(2, text=[]), message(3, text="  \n"), {"id": 4, "type": "poll"},
               message(5)),
    )  # fmt: skip
    (doc,) = read_export(path)
    assert doc.id == "1863210988/5"


def test_sources_telegram_export_without_text_messages_says_so(tmp_docs):
    path = tmp_docs.json("result.json", export({"id": 1, "type": "service", "date": "2024-01-01T00:00:00"}))
    (err,) = read_export(path)
    assert isinstance(err, MalformedDocument)
    assert err.reason == "no text messages in the export (1 messages, 1 service or without text)"


def test_sources_telegram_channel_without_id_uses_its_name(tmp_docs):
    path = tmp_docs.json("result.json", {"name": "Sabereen News", "type": "public_channel", "messages": [message(9)]})
    (doc,) = read_export(path)
    assert (doc.id, doc.outlet) == ("Sabereen News/9", "Sabereen News")


def test_sources_telegram_invalid_json_and_size_limit(tmp_docs):
    (err,) = read_export(tmp_docs.text("result.json", '{"name": "x", "messages": ['))
    assert isinstance(err, MalformedDocument) and "invalid JSON" in err.reason
    (err,) = read_export(IRI, max_bytes=1000)
    assert isinstance(err, InputTooLarge)
