"""The knowledge-base loader: packaged data, user extensions, validation errors."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from claimgraph.kb import KBError, KnowledgeBase, load_kb

DEVSET_PLACES = Path(__file__).resolve().parents[2] / "shared" / "devset" / "places.json"

REQUIRED_CANONICAL = [
    "Islamic Resistance in Iraq",
    "Kataib Hezbollah",
    "Harakat Hezbollah al-Nujaba",
    "Kataib Sayyid al-Shuhada",
    "Asaib Ahl al-Haq",
    "Kataib al-Imam Ali",
    "Popular Mobilization Forces",
    "IRGC Quds Force",
    "IRGC",
    "Houthis",
    "Hezbollah (Lebanon)",
    "Hamas",
    "Tashkil al-Waritheen",
    "Saraya Awliya al-Dam",
    "US forces",
    "Coalition forces",
    "Israel",
    "Iraqi government",
    "Iraqi security forces",
    "Islamic State",
    "Axis of Resistance",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.radians
    a = math.sin(p(lat2 - lat1) / 2) ** 2 + math.cos(p(lat1)) * math.cos(p(lat2)) * math.sin(p(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def _resolve_place(kb: KnowledgeBase, text: str):
    """Exact surface lookup; else the longest KB place form contained in the phrase (as a matcher would)."""
    hits = kb.places_named(text)
    if hits:
        return hits
    best: tuple[int, list] = (0, [])
    for sf in kb.all_surface_forms():
        if sf.kind != "place":
            continue
        flags = 0 if sf.case_sensitive else re.IGNORECASE
        if len(sf.surface) > best[0] and re.search(rf"(?<!\w){re.escape(sf.surface)}(?!\w)", text, flags):
            best = (len(sf.surface), [kb.place(sf.id)])
    return best[1]


# -- packaged data -------------------------------------------------------------


def test_packaged_kb_loads(kb):
    assert re.match(r"^\d{4}\.\d+\.\d+$", kb.version)
    assert len(kb.actors) >= 60
    assert len(kb.places) >= 120
    assert len(kb.relations) >= 50


@pytest.mark.parametrize("name", REQUIRED_CANONICAL)
def test_required_actor_has_exact_canonical_name(kb, name):
    actor = kb.actor_by_name(name)
    assert actor is not None, name
    assert actor.name == name
    assert kb.actor_by_name(name.upper()) is actor  # case-insensitive


def test_lookup_by_alias_and_abbreviation(kb):
    assert [a.id for a in kb.actors_named("Kata'ib Hizballah")] == ["kataib-hezbollah"]
    assert [a.id for a in kb.actors_named("Kata’ib Hizballah")] == ["kataib-hezbollah"]  # curly apostrophe
    assert [a.id for a in kb.actors_named("KH")] == ["kataib-hezbollah"]
    assert kb.actors_named("kh") == []  # abbreviations are case-sensitive
    assert [a.id for a in kb.actors_named("Hezbollah")] == ["hezbollah-lebanon"]
    assert [a.id for a in kb.actors_named("Ansar Allah")] == ["houthis"]
    assert [a.id for a in kb.actors_named("Ansar Allah al-Awfiya")] == ["ansar-allah-al-awfiya"]
    assert [a.id for a in kb.actors_named("المقاومة الاسلامية في العراق")] == ["islamic-resistance-in-iraq"]
    assert [a.id for a in kb.actors_named("Résistance islamique en Irak")] == ["islamic-resistance-in-iraq"]
    assert [a.id for a in kb.actors_named("Tsahal")] == ["israel"]
    assert [a.id for a in kb.actors_named("IS")] == ["islamic-state"]
    assert kb.actors_named("is") == []


def test_state_default_forces(kb):
    assert kb.actor("united-states").default_force == "us-forces"
    assert kb.actor("iran").default_force == "irgc"
    for actor in kb.actors.values():
        if actor.default_force:
            assert actor.kind == "state"
            assert kb.actor(actor.default_force).kind == "state_force"


def test_relations_of(kb):
    rels = kb.relations_of("kataib-hezbollah")
    pairs = {(r.predicate, r.object) for r in rels if r.subject == "kataib-hezbollah"}
    assert ("member_of", "islamic-resistance-in-iraq") in pairs
    assert ("member_of", "popular-mobilization-forces") in pairs
    assert ("sponsored_by", "irgc-quds-force") in pairs
    assert all(r.evidence for r in kb.relations)


def test_surface_forms_shape(kb):
    forms = list(kb.all_surface_forms())
    assert all(len(tuple(f)) == 5 for f in forms)
    _surface, kind, ident, cs, lang = next(f for f in forms if f.surface == "KH")
    assert (kind, ident, cs, lang) == ("actor", "kataib-hezbollah", True, "en")
    assert any(f.lang == "ar" and f.kind == "place" for f in forms)
    assert any(f.lang == "fr" and f.kind == "actor" for f in forms)
    hit = [f for f in forms if f.kind == "place" and f.id == "hit" and f.surface == "Hit"]
    assert hit and hit[0].case_sensitive  # the town, not the verb


def test_no_alias_collides_between_actors(kb):
    owners: dict[tuple[str, bool], set[str]] = {}
    for f in kb.all_surface_forms():
        if f.kind == "actor":
            key = f.surface if f.case_sensitive else f.surface.casefold()
            owners.setdefault((key, f.case_sensitive), set()).add(f.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_no_alias_collides_after_transliteration_folding(kb):
    """The matchers fold tokens (Kataeb -> kataib, Hizballah -> hezbollah): no two actors may meet there."""
    normalize = pytest.importorskip("claimgraph.nlp.normalize")
    owners: dict[str, set[str]] = {}
    for f in kb.all_surface_forms():
        if f.kind == "actor" and not f.case_sensitive:
            key = " ".join(normalize.fold(t) for t in re.findall(r"\w+(?:['’]\w+)?", f.surface))
            owners.setdefault(key, set()).add(f.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_place_precision(kb):
    assert kb.place("ain-al-asad").precision == "site"
    assert kb.place("baghdad").precision == "town"
    assert kb.place("anbar-governorate").precision == "province"
    assert kb.place("country-iraq").precision == "country"


def test_place_hosts_and_parents(kb):
    assert "us-forces" in kb.place("ain-al-asad").hosts
    assert kb.place("ain-al-asad").parent == "anbar-governorate"
    assert kb.places_named("Golan Heights")[0].country == "SY"  # de jure, as in the dev set


def test_places_are_near_their_parent(kb):
    """Catches swapped or mistyped coordinates: a place lies within 450 km of its parent's point."""
    for p in kb.places.values():
        if p.parent and kb.place(p.parent).kind != "country":
            parent = kb.place(p.parent)
            assert _km(p.lat, p.lon, parent.lat, parent.lon) < 450, p.id
            assert p.country == parent.country or not parent.country, p.id


@pytest.mark.skipif(not DEVSET_PLACES.exists(), reason="dev set not available")
def test_devset_places_resolve_within_30km(kb):
    devset = json.loads(DEVSET_PLACES.read_text(encoding="utf-8"))
    problems = []
    for name, info in devset.items():
        for surface in [name, *info["aliases"]]:
            hits = _resolve_place(kb, surface)
            if not hits:
                problems.append(f"{surface!r} ({name}): not found")
                continue
            dist = min(_km(info["lat"], info["lon"], p.lat, p.lon) for p in hits)
            if dist > 30:
                problems.append(f"{surface!r} ({name}): nearest KB place {dist:.0f} km away")
        assert kb.places_named(name), f"canonical name {name!r} is not a KB surface form"
    assert problems == []


# -- user extensions -----------------------------------------------------------

EXTRA = """
version = "user-1"

[[actors]]
id = "saraya-test-front"
name = "Saraya Test Front"
kind = "armed_group"
country = "IQ"
aliases = ["Test Front Brigades"]
aliases_ar = ["سرايا الاختبار"]

[[relations]]
subject = "saraya-test-front"
predicate = "front_of"
object = "kataib-hezbollah"
confidence = "possible"
start = "2024-02"
evidence = "analyst note, 2024"

[[places]]
id = "ain-al-asad"
name = "Ain al-Asad Air Base"
kind = "airbase"
lat = 33.79
lon = 42.45
country = "IQ"
admin1 = "Anbar"
aliases = ["Ain al-Asad", "User Spelling of Asad"]
hosts = ["us-forces"]
parent = "anbar-governorate"
"""


def test_extra_file_adds_actor_and_overrides_place(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text(EXTRA, encoding="utf-8")
    kb = load_kb([extra])
    actor = kb.actor_by_name("Saraya Test Front")
    assert actor is not None and actor.id == "saraya-test-front"
    assert [a.id for a in kb.actors_named("test front brigades")] == ["saraya-test-front"]
    assert any(r.subject == "saraya-test-front" for r in kb.relations_of("kataib-hezbollah"))
    place = kb.place("ain-al-asad")
    assert (place.lat, place.lon) == (33.79, 42.45)
    assert kb.places_named("User Spelling of Asad")[0].id == "ain-al-asad"
    assert kb.places_named("Ayn al-Asad") == []  # the override replaced the whole entry
    assert kb.version.startswith(load_kb().version + "+user.")
    assert str(extra) in kb.sources


def test_extra_relation_overrides_packaged_relation(tmp_path):
    extra = tmp_path / "rel.toml"
    extra.write_text(
        '[[relations]]\nsubject = "asaib-ahl-al-haq"\npredicate = "member_of"\nobject = "islamic-resistance-in-iraq"\n'
        'confidence = "likely"\nevidence = "my own assessment"\n',
        encoding="utf-8",
    )
    kb = load_kb([extra])
    rels = [r for r in kb.relations if r.key == ("asaib-ahl-al-haq", "member_of", "islamic-resistance-in-iraq")]
    assert len(rels) == 1 and rels[0].confidence == "likely"


@pytest.mark.parametrize(
    "content, expected",
    [
        ("[[actors]\nid = 'x'", "invalid TOML"),
        (
            '[[relations]]\nsubject = "kataib-hezbollah"\npredicate = "member_of"\nobject = "no-such-group"\n'
            'confidence = "likely"\n',
            "'no-such-group' is not a known actor id",
        ),
        (
            '[[places]]\nid = "bad-place"\nname = "Bad Place"\nkind = "town"\nlat = 200\nlon = 44.0\ncountry = "IQ"\n',
            "lat 200 is out of range",
        ),
        (
            '[[places]]\nid = "p"\nname = "P"\nkind = "village"\nlat = 1\nlon = 2\ncountry = "iq"\n',
            "unknown kind 'village'",
        ),
        (
            '[[places]]\nid = "p"\nname = "P"\nkind = "town"\nlat = 1\nlon = 2\ncountry = "IQ"\n'
            'launches_by = "nobody"\n',
            "launches_by 'nobody' is not a known actor id",
        ),
        (
            '[[actors]]\nid = "x-group"\nname = "X"\nkind = "armed_group"\naliases = ["Hezbollah"]\n',
            "assigned to several actors",
        ),
        ('[[actors]]\nid = "Bad Id"\nname = "X"\nkind = "armed_group"\n', "lowercase-hyphen slug"),
        (
            '[[actors]]\nid = "x-group"\nname = "X"\nkind = "armed_group"\naliases = ["Abu Xyzzy"]\n'
            'short_names = ["Qwerty"]\n',
            "short name 'Qwerty' is not a word of any of its aliases",
        ),
        (
            '[[actors]]\nid = "x-group"\nname = "X"\nkind = "armed_group"\nalias = ["typo"]\n',
            "unknown field 'alias'",
        ),
        (
            '[[relations]]\nsubject = "kataib-hezbollah"\npredicate = "funds"\nobject = "hamas"\n'
            'confidence = "sure"\nstart = "2024-13"\n',
            "unknown predicate 'funds'",
        ),
    ],
)
def test_malformed_extra_file_raises_kberror_naming_the_file(tmp_path, content, expected):
    bad = tmp_path / "bad_kb.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(KBError) as info:
        load_kb([bad])
    message = str(info.value)
    assert str(bad) in message
    assert expected in message
    assert isinstance(info.value, ValueError)


def test_all_problems_reported_at_once(tmp_path):
    bad = tmp_path / "many.toml"
    bad.write_text(
        '[[places]]\nid = "p1"\nname = "P1"\nkind = "town"\nlat = 200\nlon = 500\ncountry = "Iraq"\n'
        '[[relations]]\nsubject = "nobody"\npredicate = "member_of"\nobject = "hamas"\nconfidence = "sure"\n',
        encoding="utf-8",
    )
    with pytest.raises(KBError) as info:
        load_kb([bad])
    message = str(info.value)
    for fragment in (
        "lat 200",
        "lon 500",
        "'Iraq' must be an ISO",
        "'nobody' is not a known actor",
        "unknown confidence 'sure'",
    ):
        assert fragment in message


def test_missing_extra_file_raises(tmp_path):
    with pytest.raises(KBError, match=r"nope\.toml"):
        load_kb([tmp_path / "nope.toml"])
