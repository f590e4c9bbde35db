"""Strategic developments read from text: hand-written sentences in English, Arabic and French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimgraph.models import Document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "devset" / "docs"


def read(extractor, text: str, lang: str = "en", published: date | None = date(2024, 2, 10)):
    out = extractor.extract(Document(id="t", text=text, published=published, lang=lang))
    return out


def one(extractor, text: str, lang: str = "en", published: date | None = date(2024, 2, 10)):
    found = read(extractor, text, lang, published).developments
    assert len(found) == 1, [(d.kind, d.actor, d.date) for d in found]
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "actor", "day"),
    [
        # English
        (
            "en",
            "On 12 January 2024, Kataib Hezbollah declared a new phase of its operations against the occupation.",
            "escalation",
            "Kataib Hezbollah",
            "2024-01-12",
        ),
        (
            "en",
            "Harakat Hezbollah al-Nujaba said on Monday it would halt its attacks on American troops in Syria.",
            "suspension",
            "Harakat Hezbollah al-Nujaba",
            "2024-02-05",
        ),
        (
            "en",
            "On 2 February 2024 the Islamic Resistance in Iraq announced the resumption of its operations.",
            "resumption",
            "Islamic Resistance in Iraq",
            "2024-02-02",
        ),
        (
            "en",
            "Kataib Sayyid al-Shuhada announced a truce with the coalition on 8 February 2024.",
            "truce",
            "Kataib Sayyid al-Shuhada",
            "2024-02-08",
        ),
        (
            "en",
            "Kataib Hezbollah called for the withdrawal of all US forces from Iraq on 6 February 2024.",
            "withdrawal_demand",
            "Kataib Hezbollah",
            "2024-02-06",
        ),
        (
            "en",
            "On 9 February 2024 Kataib Hezbollah vowed on Telegram to avenge its commander.",
            "threat",
            "Kataib Hezbollah",
            "2024-02-09",
        ),
        (
            "en",
            "On 17 November 2023 the State Department designated Harakat Hezbollah al-Nujaba as a terrorist group.",
            "designation",
            "Harakat Hezbollah al-Nujaba",
            "2023-11-17",
        ),
        # Arabic
        (
            "ar",
            "أعلنت كتائب حزب الله في 30 كانون الثاني 2024 تعليق العمليات العسكرية ضد القوات الأمريكية.",
            "suspension",
            "Kataib Hezbollah",
            "2024-01-30",
        ),
        (
            "ar",
            "أعلنت حركة النجباء في 3 شباط 2024 استئناف عملياتها ضد القوات الأمريكية.",
            "resumption",
            "Harakat Hezbollah al-Nujaba",
            "2024-02-03",
        ),
        (
            "ar",
            "طالبت كتائب حزب الله في 6 شباط 2024 بانسحاب القوات الأمريكية من العراق.",
            "withdrawal_demand",
            "Kataib Hezbollah",
            "2024-02-06",
        ),
        # French
        (
            "fr",
            "Le 30 janvier 2024, les Kataib Hezbollah ont annoncé la suspension de leurs opérations militaires.",
            "suspension",
            "Kataib Hezbollah",
            "2024-01-30",
        ),
        (
            "fr",
            "Le 3 novembre 2023, la Résistance islamique en Irak a annoncé une nouvelle phase de ses opérations.",
            "escalation",
            "Islamic Resistance in Iraq",
            "2023-11-03",
        ),
        (
            "fr",
            "Le 6 février 2024, les Kataib Hezbollah ont exigé le retrait des forces américaines d'Irak.",
            "withdrawal_demand",
            "Kataib Hezbollah",
            "2024-02-06",
        ),
    ],
)
def test_extract_developments_reads_each_kind_with_its_actor_and_day(extractor, lang, text, kind, actor, day):
    d = one(extractor, text, lang)
    assert (d.kind, d.actor, d.date.iso()) == (kind, actor, day)
    fields = {e.field: e.text for e in d.evidence}
    assert text[slice(*next((e.start, e.end) for e in d.evidence if e.field == "kind"))] == fields["kind"]
    assert fields["actor"] and fields["development"]


def test_extract_developments_affiliation_names_the_umbrella_and_its_channel(extractor):
    d = one(
        extractor,
        "On 30 October 2023 Harakat Hezbollah al-Nujaba publicly announced its affiliation to the "
        "Islamic Resistance in Iraq in a video posted on Telegram.",
    )
    assert (d.kind, d.actor, d.counterpart, d.channel) == (
        "affiliation",
        "Harakat Hezbollah al-Nujaba",
        "Islamic Resistance in Iraq",
        "telegram",
    )


def test_extract_developments_anchored_day_counts_from_the_attack_before(extractor):
    text = (
        "A drone struck Tower 22 in Jordan on 28 January 2024, killing three US soldiers. "
        "Two days after this attack, Kataib Hezbollah, under the Islamic Resistance in Iraq, "
        "announced the suspension of its military operations against US forces."
    )
    out = read(extractor, text)
    [d] = out.developments
    assert (d.kind, d.actor, d.date.iso(), d.date.basis) == ("suspension", "Kataib Hezbollah", "2024-01-30", "anchored")
    assert all(e.sub_event_type != "Strategic developments" for e in out.events)
    assert [e.date.iso() for e in out.events] == ["2024-01-28"]  # the announcement is no event


def test_extract_developments_threat_keeps_its_condition_and_speaker(extractor):
    d = one(
        extractor,
        "On 15 June 2025 Kataib Hezbollah spokesman Abu Ali al-Askari threatened US bases if Washington "
        "joined the war on Iran.",
        published=date(2025, 6, 16),
    )
    assert d.kind == "threat"
    assert d.speaker == "Abu Ali al-Askari"
    assert d.condition == "if Washington joined the war on Iran"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Kataib Hezbollah denied any suspension of its operations against US forces on Monday."),
        ("en", "Flights to Erbil were suspended on Monday after the strike."),
        ("en", "Talks on a Gaza ceasefire stalled again on Monday, diplomats said."),
        ("fr", "Nujaba n'a pas annoncé la suspension de ses attaques lundi."),
        ("ar", "نفت كتائب حزب الله أي تعليق لعملياتها ضد القوات الأمريكية."),
        ("en", "Israel has repeatedly vowed to destroy Hamas since October 2023."),
    ],
)
def test_extract_developments_denials_habits_and_near_misses_give_none(extractor, lang, text):
    assert read(extractor, text, lang).developments == []


def test_extract_developments_a_threatened_resumption_is_a_threat(extractor):
    d = one(extractor, "Kataib Hezbollah warned on Sunday it would resume attacks on US forces.")
    assert (d.kind, d.date.iso()) == ("threat", "2024-02-04")


def test_extract_developments_json_has_a_list_beside_events_and_memberships(extractor):
    record = read(extractor, "On 3 November 2023 the Islamic Resistance in Iraq announced a new phase of operations.")
    line = record.to_dict()
    keys = list(line)
    assert keys.index("developments") == keys.index("memberships") + 1
    [d] = line["developments"]
    assert (d["kind"], d["date"], d["date_precision"]) == ("escalation", "2023-11-03", "day")
    assert line["events"] == []


@pytest.mark.skipif(not (SEEDS / "seed-000.json").is_file(), reason="../shared/devset is not present")
def test_extract_developments_seeds_give_the_three_announcements(extractor):
    from claimgraph.sources.files import iter_documents

    found = {}
    events = {}
    for doc in iter_documents([SEEDS / "seed-000.json", SEEDS / "seed-001.json"]):
        out = extractor.extract(doc)
        events[doc.id] = out.events
        for d in out.developments:
            found[(d.kind, d.actor)] = d
    assert found[("escalation", "Islamic Resistance in Iraq")].date.iso() == "2023-11-03"
    assert found[("suspension", "Kataib Hezbollah")].date.iso() == "2024-01-30"
    affiliation = found[("affiliation", "Harakat Hezbollah al-Nujaba")]
    assert affiliation.date.iso() == "2023-10-30"
    assert any(e.field == "development" and "affiliation" in e.text for e in affiliation.evidence)
    assert len(events["seed-000"]) == 7


def _by_actor(found) -> dict[str, tuple[str, str, str | None]]:
    return {d.actor: (d.kind, d.date.iso(), d.counterpart) for d in found}


@pytest.mark.parametrize(
    ("lang", "text", "parties"),
    [
        (
            "en",
            "Qatar has brokered a ceasefire between the Houthis and the United States, its foreign ministry said "
            "on 5 February 2024.",
            {"Houthis", "United States"},
        ),
        (
            "en",
            "Fighting ebbed after the US-brokered ceasefire between Hezbollah and Israel took hold on 3 February 2024.",
            {"Hezbollah (Lebanon)", "Israel"},
        ),
        (
            "fr",
            "Le 5 février 2024, le Qatar a négocié un cessez-le-feu entre les Houthis et les États-Unis.",
            {"Houthis", "United States"},
        ),
        (
            "ar",
            "توسطت قطر في وقف لإطلاق النار بين الحوثيين والولايات المتحدة يوم 5 شباط 2024.",
            {"Houthis", "United States"},
        ),
    ],
)
def test_extract_developments_a_truce_is_each_partys_and_never_the_brokers(extractor, lang, text, parties):
    found = [d for d in read(extractor, text, lang).developments if d.kind == "truce"]
    by_actor = _by_actor(found)
    assert set(by_actor) == parties, by_actor
    a, b = sorted(parties)
    assert by_actor[a][2] == b and by_actor[b][2] == a  # each party's counterpart is the other


def test_extract_developments_a_truce_with_a_party_binds_the_announcer_and_that_party(extractor):
    text = "On 4 February 2024 the Pentagon announced a deal with the Houthis to end airstrikes on the port."
    assert _by_actor(read(extractor, text).developments) == {
        "US forces": ("truce", "2024-02-04", "Houthis"),
        "Houthis": ("truce", "2024-02-04", "US forces"),
    }


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        ("en", "On 6 February 2024 the IRGC said the killing would not go without a response.", "IRGC"),
        (
            "en",
            "On 6 February 2024 Hezbollah vowed a crushing response to the strike on Nabatieh.",
            "Hezbollah (Lebanon)",
        ),
        ("en", "The Houthis said on 6 February 2024 that Washington would pay a heavy price for its raids.", "Houthis"),
        ("fr", "Le 6 février 2024, le Hezbollah a promis une riposte à la frappe sur Nabatieh.", "Hezbollah (Lebanon)"),
        ("ar", "أكدت حركة النجباء في 6 شباط 2024 أنها سترد على الغارات الأمريكية.", "Harakat Hezbollah al-Nujaba"),
        ("ar", "قالت كتائب حزب الله في 6 شباط 2024 إن اغتيال قائدها لن يمر دون رد.", "Kataib Hezbollah"),
    ],
)
def test_extract_developments_vows_of_a_response_are_threats(extractor, lang, text, actor):
    d = one(extractor, text, lang)
    assert (d.kind, d.actor, d.date.iso()) == ("threat", actor, "2024-02-06")


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        (
            "en",
            "Kataib Hezbollah's secretary-general Abu Hussein al-Hamidawi met commanders on 2 February 2024.\n\n"
            "On 6 February 2024, Hamidawi warned that the group's drones could reach any base.",
            "Kataib Hezbollah",
        ),
        (
            "en",
            "Akram al-Kaabi, the leader of Harakat Hezbollah al-Nujaba, spoke in Baghdad on 2 February 2024.\n\n"
            "On 6 February 2024, Kaabi threatened the American embassy.",
            "Harakat Hezbollah al-Nujaba",
        ),
        (
            "fr",
            "Akram al-Kaabi, le chef du mouvement Nujaba, était à Bagdad le 2 février 2024.\n\n"
            "Le 6 février 2024, Kaabi a menacé l'ambassade américaine.",
            "Harakat Hezbollah al-Nujaba",
        ),
        (
            "ar",
            "وقال الأمين العام لكتائب حزب الله، أبو حسين الحميداوي، إن الفصائل اجتمعت في 2 شباط 2024.\n\n"
            "وفي 6 شباط 2024 هدد الحميداوي السفارة الأمريكية.",
            "Kataib Hezbollah",
        ),
    ],
)
def test_extract_developments_a_named_leader_speaks_for_the_group_named_with_him_earlier(extractor, lang, text, actor):
    threats = [d for d in read(extractor, text, lang).developments if d.kind == "threat"]
    assert [(d.actor, d.date.iso()) for d in threats] == [(actor, "2024-02-06")]


def test_extract_developments_a_headline_dated_by_publication_is_the_bodys_announcement(extractor):
    text = (
        "Houthis announce ceasefire with the United States\n\n"
        "The Houthis agreed to a ceasefire with the United States on Monday, their spokesman said."
    )
    found = [d for d in read(extractor, text, published=date(2024, 2, 7)).developments if d.actor == "Houthis"]
    assert [(d.kind, d.date.iso()) for d in found] == [("truce", "2024-02-05")]
    assert len([e for e in found[0].evidence if e.field == "development"]) == 2  # the headline and the body
