"""Content checks on the packaged KB data (coverage and plausibility, not the loader)."""

from __future__ import annotations

import pytest

from claimgraph.kb import load_kb

# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max) per country, to catch typos.
BBOX = {
    "IQ": (29.0, 37.4, 38.7, 48.7),
    "SY": (32.3, 37.4, 35.6, 42.4),
    "JO": (29.1, 33.4, 34.9, 39.4),
    "IL": (29.4, 33.4, 34.0, 35.9),  # includes the offshore Karish field
    "LB": (33.0, 34.7, 35.1, 36.7),
    "PS": (31.2, 32.6, 34.2, 35.6),
    "YE": (12.0, 19.0, 42.5, 54.0),
    "IR": (25.0, 39.8, 44.0, 63.4),
    "KW": (28.5, 30.1, 46.5, 48.5),
    "SA": (16.0, 32.2, 34.5, 55.7),
    "TR": (35.8, 42.2, 26.0, 44.9),
}


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_places_inside_their_country(kb):
    outside = []
    for p in kb.places.values():
        box = BBOX.get(p.country)
        if p.kind == "sea":
            continue  # a sea area is coded to the front whose attacks it holds (Red Sea: Yemen); its point is at sea
        if box and not (box[0] <= p.lat <= box[1] and box[2] <= p.lon <= box[3]):
            outside.append(p.id)
    assert outside == []


def test_all_governorates_present(kb):
    provinces = {(p.country, p.admin1) for p in kb.places.values() if p.kind == "province"}
    iraq = {a for c, a in provinces if c == "IQ"}
    syria = {a for c, a in provinces if c == "SY"}
    jordan = {a for c, a in provinces if c == "JO"}
    assert len(iraq) == 19  # 18 governorates + Halabja
    assert len(syria) == 14
    assert len(jordan) == 12
    for name in ("Anbar Governorate", "Babil Governorate", "Deir ez-Zor Governorate", "Idlib Governorate"):
        assert kb.places_named(name), name


def test_countries_present(kb):
    for name in ("Iraq", "Syria", "Jordan", "Israel", "Lebanon", "Yemen", "Iran", "Kuwait"):
        assert any(p.kind == "country" for p in kb.places_named(name)), name


@pytest.mark.parametrize(
    "surface, place_id",
    [
        ("Ayn al-Asad", "ain-al-asad"),
        ("عين الأسد", "ain-al-asad"),
        ("Koniko", "conoco-gas-field"),
        ("Green Village", "al-omar-oil-field"),
        ("Rmeilan", "rumeilan"),
        ("Umm al-Rashrash", "eilat"),
        ("أم الرشراش", "eilat"),
        ("Victory Base complex", "baghdad-international-airport"),
        ("Union III", "union-iii"),
        ("Tower 22", "tower-22"),
        ("البرج 22", "tower-22"),
        ("Deir ez-Zor", "deir-ez-zor-governorate"),
        ("Erbil", "erbil"),
        ("Erbil province", "erbil-governorate"),
        ("Jurf al-Nasr", "jurf-al-sakhar"),
        ("Hachd", None),  # an actor, not a place
    ],
)
def test_place_spellings(kb, surface, place_id):
    hits = kb.places_named(surface)
    if place_id is None:
        assert hits == []
    else:
        assert hits and hits[0].id == place_id


def test_bases_host_us_forces(kb):
    for pid in (
        "ain-al-asad",
        "harir-air-base",
        "erbil-air-base",
        "al-tanf",
        "tower-22",
        "conoco-gas-field",
        "al-shaddadi",
        "rumeilan",
    ):
        assert "us-forces" in kb.place(pid).hosts, pid


@pytest.mark.parametrize(
    "member, umbrella",
    [
        ("kataib-hezbollah", "islamic-resistance-in-iraq"),
        ("harakat-hezbollah-al-nujaba", "islamic-resistance-in-iraq"),
        ("kataib-sayyid-al-shuhada", "islamic-resistance-in-iraq"),
        ("kataib-hezbollah", "popular-mobilization-forces"),
        ("harakat-hezbollah-al-nujaba", "popular-mobilization-forces"),
        ("kataib-sayyid-al-shuhada", "popular-mobilization-forces"),
        ("asaib-ahl-al-haq", "popular-mobilization-forces"),
        ("kataib-al-imam-ali", "popular-mobilization-forces"),
        ("badr-organization", "popular-mobilization-forces"),
        ("kataib-jund-al-imam", "popular-mobilization-forces"),
        ("islamic-resistance-in-iraq", "axis-of-resistance"),
        ("houthis", "axis-of-resistance"),
        ("hezbollah-lebanon", "axis-of-resistance"),
    ],
)
def test_key_memberships(kb, member, umbrella):
    assert any(r.key == (member, "member_of", umbrella) for r in kb.relations)


def test_key_structural_relations(kb):
    keys = {r.key for r in kb.relations}
    for key in [
        ("popular-mobilization-forces", "part_of", "iraqi-security-forces"),
        ("irgc-quds-force", "part_of", "irgc"),
        ("irgc", "part_of", "iran"),
        ("us-forces", "part_of", "united-states"),
        ("peshmerga", "part_of", "krg"),
        ("liwa-fatemiyoun", "sponsored_by", "irgc-quds-force"),
        ("tashkil-al-waritheen", "front_of", "islamic-resistance-in-iraq"),
        ("saraya-awliya-al-dam", "front_of", "islamic-resistance-in-iraq"),
    ]:
        assert key in keys, key


def test_every_actor_has_arabic_name_where_relevant(kb):
    missing = [
        a.id for a in kb.actors.values() if a.country in ("IQ", "SY", "IR", "LB", "YE", "PS", "JO") and not a.aliases_ar
    ]
    assert missing == []
